"""Evaluation figures, computed from the factory rows of each test."""

from datetime import date
from decimal import Decimal

import pytest

from rad.selectors import plan_evaluation, rad_figures, region_comparison
from reports.selectors import annual_figures
from tests.factories import task_force

from .factories import ActivityFactory, ActivityYearFactory, PlanFactory, ProgressReportFactory

pytestmark = pytest.mark.django_db
AFTER_2023 = date(2024, 2, 1)


@pytest.fixture
def plan(tf_a):
    """Two clusters; 2023 targets; accepted and unaccepted reports."""
    plan = PlanFactory(task_force=tf_a, in_force=True)
    school = ActivityFactory(plan=plan, cluster="Pencegahan", number="1.1")
    shelter = ActivityFactory(plan=plan, cluster="Rehabilitasi Sosial", number="3.1")
    silent = ActivityFactory(plan=plan, cluster="Rehabilitasi Sosial", number="3.2")
    ActivityYearFactory(activity=school, year=2023, target=Decimal(20), budget=Decimal(80_000_000))
    ActivityYearFactory(activity=shelter, year=2023, target=Decimal(4), budget=Decimal(50_000_000))
    ActivityYearFactory(activity=silent, year=2023, target=Decimal(6), budget=Decimal(10_000_000))
    ActivityYearFactory(activity=school, year=2024, target=Decimal(25), budget=Decimal(90_000_000))
    for period, achieved, spent in ((1, 5, 20_000_000), (2, 6, 25_000_000), (3, 7, 30_000_000)):
        ProgressReportFactory(activity=school, year=2023, period=period,
                              achieved=Decimal(achieved), spent=Decimal(spent))
    ProgressReportFactory(activity=shelter, year=2023, period=1, achieved=Decimal(1),
                          spent=Decimal(60_000_000))
    # not accepted: never counted
    ProgressReportFactory(activity=shelter, year=2023, period=2, achieved=Decimal(9),
                          spent=Decimal(1), status="submitted")
    ProgressReportFactory(activity=silent, year=2023, period=1, status="returned")
    return plan


def test_an_activity_year_sums_its_accepted_reports(plan):
    ev = plan_evaluation(plan=plan, today=AFTER_2023)
    school = next(r for r in ev["activities"] if r["activity"].number == "1.1")
    cell = school["years"][2023]
    assert cell["achieved"] == 5 + 6 + 7 and cell["spent"] == 75_000_000
    assert cell["achievement_pct"] == round((5 + 6 + 7) / 20 * 100, 1)
    assert cell["spent_pct"] == round(75_000_000 / 80_000_000 * 100, 1)
    assert cell["status"] == "on_track"  # 18 of 20 ≥ 80 %


def test_statuses_behind_not_reported_and_over_budget(plan):
    ev = plan_evaluation(plan=plan, today=AFTER_2023)
    rows = {r["activity"].number: r["years"][2023] for r in ev["activities"]}
    assert rows["3.1"]["status"] == "behind"  # 1 of 4
    assert rows["3.1"]["over_budget"]  # 60 of 50 million: kept, flagged
    assert rows["3.2"]["status"] == "not_reported"  # its only report was returned


def test_a_cluster_is_the_mean_of_its_activities_capped_at_100(plan):
    ev = plan_evaluation(plan=plan, today=AFTER_2023)
    social = next(c for c in ev["clusters"] if c["name"] == "Rehabilitasi Sosial")
    year = social["years"][2023]
    assert year["achievement_pct"] == round((1 / 4 + 0 / 6) / 2 * 100, 1)
    assert year["spent_pct"] == round(60_000_000 / (50_000_000 + 10_000_000) * 100, 1)
    assert year["counts"]["behind"] == 1 and year["counts"]["not_reported"] == 1


def test_the_current_year_expects_only_the_periods_that_ended(tf_a):
    plan = PlanFactory(task_force=tf_a, in_force=True)
    a = ActivityYearFactory(activity__plan=plan, year=2024, target=Decimal(40)).activity
    ProgressReportFactory(activity=a, year=2024, period=1, achieved=Decimal(9))
    # mid-May: one quarter of four has ended, 10 of 40 was due; 9 ≥ 80 % of 10
    ev = plan_evaluation(plan=plan, today=date(2024, 5, 15))
    assert ev["activities"][0]["years"][2024]["status"] == "on_track"
    assert ev["activities"][0]["years"][2025]["status"] == "not_due"


def test_the_annual_report_shows_the_plan_in_force_that_year_by_cluster(plan, tf_a):
    figures = annual_figures(tf_a, 2023)
    ev = plan_evaluation(plan=plan)
    rad = figures["rad"]
    assert rad["recorded"] and rad["plan"]["title"] == plan.title
    assert rad["activities"] == ev["total"]["years"][2023]["activities"] == 3
    assert rad["achievement_pct"] == ev["total"]["years"][2023]["achievement_pct"]
    assert rad["budget_spent_pct"] == ev["total"]["years"][2023]["spent_pct"]
    assert [c["name"] for c in rad["clusters"]] == ["Pencegahan", "Rehabilitasi Sosial"]
    # a year outside the plan says nothing is recorded
    assert annual_figures(tf_a, 2019)["rad"] == {"activities": 0, "achievement_pct": None,
                                                 "budget_spent_pct": None, "recorded": False}


def test_the_report_pdf_html_has_the_rencana_aksi_section(plan, tf_a):
    from reports.rendering import build_html, figures_xlsx

    figures = annual_figures(tf_a, 2023)
    html = build_html(tf_a, figures)
    assert plan.title in html and "Rehabilitasi Sosial" in html
    assert "belum dicatat di sistem ini (fitur RAD" not in html
    assert len(figures_xlsx(figures)) > 0
    assert rad_figures(tf_a, 2023)["clusters"][0]["budget_planned"] == 80_000_000


def test_the_report_section_its_json_workbook_and_the_evaluation_page_agree(plan, tf_a, login,
                                                                           viewer_a):
    """Section 3 of the report, `rad.*` of angka.json, the workbook's sheet and the plan's own
    evaluation page show the same figures of 2023, worked out by hand here: achievement is the
    mean of 18/20, 1/4 and 0/6 (38,3 %); absorption 135 of 140 million (96,4 %)."""
    import io
    import re

    from django.urls import reverse
    from openpyxl import load_workbook

    from reports.rendering import build_html, figures_xlsx

    client = login(viewer_a)
    data = client.get(reverse("reports:figures_json", args=[tf_a.code]), {"tahun": 2023}).json()
    assert (data["rad"]["activities"], data["rad"]["achievement_pct"],
            data["rad"]["budget_spent_pct"]) == (3, 38.3, 96.4)

    figures = annual_figures(tf_a, 2023)
    html = build_html(tf_a, figures)
    section = html[html.index('id="rencana-aksi"'):html.index('id="penanganan-kasus"')]
    assert plan.title in section
    assert "Kegiatan<b>3</b>" in section and "Capaian<b>38,3 %</b>" in section
    assert "Serapan anggaran<b>96,4 %</b>" in section
    rows = [re.findall(r"<t[dh][^>]*>([^<]*)</t[dh]>", tr)
            for tr in re.findall(r"<tr>(.*?)</tr>", section, re.S)][1:]
    assert rows == [
        ["Pencegahan", "1", "90,0 %", "80.000.000", "75.000.000", "93,8 %", "1 / 0 / 0"],
        ["Rehabilitasi Sosial", "2", "12,5 %", "60.000.000", "60.000.000", "100,0 %", "0 / 1 / 1"],
        ["Jumlah", "3", "38,3 %", "140.000.000", "135.000.000", "96,4 %", "1 / 1 / 1"]]

    sheet = load_workbook(io.BytesIO(figures_xlsx(figures)))["Rencana aksi"]
    assert list(sheet.iter_rows(values_only=True))[1:] == [
        ("Pencegahan", 1, 90.0, 80_000_000, 75_000_000, 93.8),
        ("Rehabilitasi Sosial", 2, 12.5, 60_000_000, 60_000_000, 100.0),
        ("jumlah", 3, 38.3, 140_000_000, 135_000_000, 96.4)]

    page = client.get(reverse("rad:evaluation", args=[tf_a.code, plan.code]),
                      {"tahun": 2023}).content.decode()
    assert 'data-testid="achievement">38,3 %<' in page and 'data-testid="budget">96,4 %<' in page


def test_a_province_sees_its_districts_with_and_without_a_plan(plan, tf_a, tf_a_province):
    cmp = region_comparison(task_force=tf_a_province, today=date(2023, 12, 20))
    rows = {r["task_force"].code: r for r in cmp["rows"]}
    assert cmp["count"] == task_force("18").children.count() == len(rows)
    assert rows["18.71"]["plan"] == plan and rows["18.01"]["plan"] is None
    assert cmp["with_plan"] == 1
    assert rows["18.71"]["activities"] == 3
    assert rows["18.71"]["reported"] == 0  # nothing reported for the fourth quarter
    assert rows["18.71"]["spent"] == 75_000_000 + 60_000_000
    third = region_comparison(task_force=tf_a_province, today=date(2023, 8, 1))
    assert next(r for r in third["rows"] if r["plan"])["reported"] == 1  # 1.1 in Q3


def test_the_nation_counts_districts_with_a_plan_per_province(plan, tf_national):
    cmp = region_comparison(task_force=tf_national, today=date(2023, 12, 20))
    lampung = next(r for r in cmp["rows"] if r["task_force"].code == "18")
    assert lampung["plan"] is None and lampung["below"][0] == 1
