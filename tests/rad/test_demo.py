"""The demo data holds the seeds' action plans: the Riau RAD 2020-2024 set by a Governor's
regulation (finished), the Lampung RAD 2022-2026 (in force) with progress reported and accepted
for 2022 to 2024, and the national RAN their activities support; the annual report of those
years shows the plan."""

import pytest
from django.core.management import call_command
from django_scopes import scopes_disabled

from gugus_tugas.models import TaskForce
from rad.models import ActionPlan, ProgressReport
from reports.rendering import build_html
from reports.selectors import annual_figures

pytestmark = pytest.mark.django_db


def test_the_demo_has_the_riau_and_lampung_rads_and_their_reports_show_them():
    call_command("seed_demo", verbosity=0)
    with scopes_disabled():
        riau = ActionPlan.objects.get(task_force__code="14")
        lampung = ActionPlan.objects.get(task_force__code="18")
        assert (riau.kind, riau.first_year, riau.last_year, riau.legal_kind, riau.status) == (
            "rad", 2020, 2024, "pergub", "finished")
        assert (lampung.kind, lampung.first_year, lampung.last_year, lampung.status) == (
            "rad", 2022, 2026, "in_force")
        accepted = ProgressReport.objects.filter(activity__plan=lampung, status="accepted")
        assert sorted(set(accepted.values_list("year", flat=True))) == [2022, 2023, 2024]
        assert lampung.activities.filter(ran_activity__plan__kind="ran").exists()
        tfs = {code: TaskForce.objects.get(code=code) for code in ("14", "18")}
    for code, plan, years in (("18", lampung, (2022, 2023, 2024)), ("14", riau, (2024,))):
        for year in years:
            figures = annual_figures(tfs[code], year)
            rad = figures["rad"]
            assert rad["recorded"] and rad["plan"]["title"] == plan.title, (code, year)
            assert rad["activities"] == 8 and rad["achievement_pct"] > 0, (code, year)
            assert rad["budget_spent_pct"] > 0, (code, year)
            html = build_html(tfs[code], figures)
            section = html[html.index('id="rencana-aksi"'):html.index('id="penanganan-kasus"')]
            assert plan.title in section and "Tidak ada rencana aksi" not in section
    # before the Lampung plan's period the report says there was none
    assert not annual_figures(tfs["18"], 2021)["rad"]["recorded"]
