"""The Pemantauan page of a province and the nation (issue 15): one row per task force below,
filters, sort, .xlsx, the tile-grid map, the national figures and the report's annex."""

import io
import json
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from gugus_tugas.models import TaskForce
from meetings.models import FollowUpStatus
from reports.monitoring import monitoring_rows
from reports.rendering import build_html
from reports.selectors import annual_figures
from tests.cases.factories import CaseFactory
from tests.factories import DecreeFactory, MembershipFactory, UserFactory, task_force
from tests.meetings.factories import MeetingFactory, RecommendationFactory
from tests.rad.factories import ActivityYearFactory, PlanFactory, ProgressReportFactory

pytestmark = pytest.mark.django_db
YEAR = timezone.localdate().year


def url(name, tf, query=""):
    return reverse(f"monitoring:{name}", args=[tf.code]) + query


@pytest.fixture
def busy_district(tf_a):
    """18.71 (Bandar Lampung): SK and RAD in force, the meeting rule met, one overdue
    recommendation, two verified cases and one awaiting verification this year (one of last
    year), and someone who signed in."""
    DecreeFactory(task_force=tf_a, number="188/1/2026", date_signed=date(YEAR, 1, 2),
                  period_start=YEAR, period_end=YEAR + 4)
    plan = PlanFactory(task_force=tf_a, in_force=True, first_year=YEAR - 1, last_year=YEAR + 3)
    ay = ActivityYearFactory(activity__plan=plan, year=YEAR, target=10, budget=1_000_000)
    ProgressReportFactory(activity=ay.activity, year=YEAR, period=1, achieved=4, spent=250_000)
    for month in (2, 6):
        MeetingFactory(task_force=tf_a, start_date=date(YEAR, month, 10))
    RecommendationFactory(meeting=MeetingFactory(task_force=tf_a, start_date=date(YEAR - 1, 3, 1)),
                          due_date=date(YEAR - 1, 6, 1),
                          status=FollowUpStatus.NOT_STARTED)
    for _ in range(2):
        CaseFactory(task_force=tf_a, verified=True, report_date=date(YEAR, 3, 1))
    CaseFactory(task_force=tf_a, report_date=date(YEAR, 4, 1))  # submitted: awaiting
    CaseFactory(task_force=tf_a, verified=True, report_date=date(YEAR - 1, 3, 1))
    user = UserFactory(email="sekretariat.bdl@contoh.id")
    user.last_login = timezone.now() - timedelta(days=3)
    user.save()
    MembershipFactory(user=user, task_force=tf_a)
    return tf_a


def test_each_district_shows_its_own_records_counted(busy_district, tf_a_province):
    rows = {r["code"]: r for r in monitoring_rows(tf_a_province, YEAR,
                                                  today=date(YEAR, 6, 30))}
    assert len(rows) == TaskForce.objects.filter(parent=tf_a_province).count()
    r = rows["18.71"]
    assert r["sk"]["number"] == "188/1/2026" and r["sk_status"] == "in_force"
    assert r["rad"]["achievement_pct"] == 40.0 and r["rad"]["spent_pct"] == 25.0
    assert (r["meetings_held"], r["meetings_required"], r["rule_met"]) == (2, 2, True)
    assert r["overdue"] == 1
    assert (r["cases_reported"], r["awaiting"]) == (2, 1)
    assert r["last_login"] is not None and not r["inactive"]
    other = rows["18.01"]
    assert other["sk"] is None and other["sk_status"] == "none" and other["rad"] is None
    assert not other["rule_met"] and other["cases_reported"] == 0 and other["last_login"] is None


def test_an_sk_ending_within_90_days_is_marked_and_a_past_year_sees_its_own_sk(tf_a,
                                                                               tf_a_province):
    DecreeFactory(task_force=tf_a, number="old", date_signed=date(YEAR - 5, 2, 1),
                  period_start=YEAR - 5, period_end=YEAR - 1, status="replaced")
    DecreeFactory(task_force=tf_a, number="new", date_signed=date(YEAR - 1, 12, 20),
                  period_start=YEAR - 1, period_end=YEAR)
    rows = {r["code"]: r for r in monitoring_rows(tf_a_province, YEAR,
                                                  today=date(YEAR, 11, 1))}
    assert rows["18.71"]["sk_status"] == "expiring" and rows["18.71"]["sk"]["number"] == "new"
    earlier = {r["code"]: r for r in monitoring_rows(tf_a_province, YEAR - 3,
                                                     today=date(YEAR, 11, 1))}
    assert earlier["18.71"]["sk"]["number"] == "old"


def test_the_province_page_lists_filters_and_sorts_its_districts(login, province_coordinator,
                                                                 busy_district, tf_a_province):
    client = login(province_coordinator)
    page = client.get(url("page", tf_a_province)).content.decode()
    n = TaskForce.objects.filter(parent=tf_a_province).count()
    assert page.count('data-testid="row-') == n
    assert page.count('class="tile"') == n  # the grid of its districts
    assert "<title>GT PP-TPPO Kota Bandar Lampung: SK berlaku (SK berlaku)</title>" in page
    no_sk = client.get(url("page", tf_a_province, "?status=tanpa-sk")).content.decode()
    assert 'data-testid="row-18.71"' not in no_sk and no_sk.count('data-testid="row-') == n - 1
    waiting = client.get(url("page", tf_a_province, "?status=menunggu-verifikasi"))
    assert waiting.content.decode().count('data-testid="row-') == 1
    by_cases = client.get(url("page", tf_a_province, "?urut=-kasus")).content.decode()
    assert by_cases.index('data-testid="row-18.71"') < by_cases.index('data-testid="row-18.01"')
    by_code = client.get(url("page", tf_a_province, "?urut=kode")).content.decode()
    assert by_code.index('data-testid="row-18.01"') < by_code.index('data-testid="row-18.71"')


def test_the_xlsx_holds_the_rows_shown(login, province_coordinator, busy_district,
                                       tf_a_province):
    from openpyxl import load_workbook

    r = login(province_coordinator).get(url("export", tf_a_province, "?status=tanpa-rad"))
    assert r.status_code == 200 and r["Content-Type"].startswith("application/vnd.openxml")
    ws = load_workbook(io.BytesIO(r.content)).active
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0][0] == "Kode"
    codes = [row[0] for row in rows[1:]]
    assert "18.71" not in codes and "18.01" in codes
    full = login(province_coordinator).get(url("export", tf_a_province))
    sheet = list(load_workbook(io.BytesIO(full.content)).active.iter_rows(values_only=True))
    mine = next(row for row in sheet if row[0] == "18.71")
    assert mine[3] == "188/1/2026" and mine[13] == 2 and mine[14] == 1


def test_the_nation_sees_38_provinces_on_the_map_and_the_national_figures(
        login, national_coordinator, busy_district, tf_national):
    DecreeFactory(task_force=task_force("18"), number="G/1/2026", issuer="gubernur",
                  date_signed=date(YEAR, 1, 5), period_start=YEAR, period_end=YEAR + 4)
    client = login(national_coordinator)
    page = client.get(url("page", tf_national)).content.decode()
    assert page.count('class="tile"') == 38
    assert page.count('data-testid="row-') == 38
    import re
    figures = re.search(r'data-testid="national-district">(.*?)</tr>', page, re.S).group(1)
    cells = re.findall(r'<td class="n">(\d+)</td>', figures)
    assert cells == ["514", "1", "1", "1"]  # total, SK, RAD, rule met: only Bandar Lampung
    prov = re.search(r'data-testid="national-province">(.*?)</tr>', page, re.S).group(1)
    assert re.findall(r'<td class="n">(\d+)</td>', prov)[:2] == ["38", "1"]
    districts = client.get(url("page", tf_national, "?tingkat=kabupaten")).content.decode()
    assert districts.count('data-testid="row-') == 514
    lampung = client.get(url("page", tf_national, "?provinsi=18")).content.decode()
    n = TaskForce.objects.filter(parent__code="18").count()
    assert lampung.count('data-testid="row-') == n and 'data-testid="district-map"' in lampung


def _furnish(code):
    tf = task_force(code)
    DecreeFactory(task_force=tf, number=f"SK/{code}")
    plan = PlanFactory(task_force=tf, in_force=True, first_year=YEAR, last_year=YEAR + 2)
    ay = ActivityYearFactory(activity__plan=plan, year=YEAR)
    ProgressReportFactory(activity=ay.activity, year=YEAR)
    MeetingFactory(task_force=tf, start_date=date(YEAR, 1, 20))
    CaseFactory(task_force=tf, verified=True, report_date=date(YEAR, 2, 1))


def test_the_nation_page_runs_a_fixed_number_of_queries(login, national_coordinator,
                                                        tf_national, django_assert_num_queries):
    client = login(national_coordinator)
    _furnish("11")
    client.get(url("page", tf_national))  # warm sessions
    with django_assert_num_queries(17) as ctx:
        assert client.get(url("page", tf_national)).status_code == 200
    for code in ("18.71", "94", "32.73", "53.10"):
        _furnish(code)
    with django_assert_num_queries(len(ctx.captured_queries)):
        assert client.get(url("page", tf_national, "?urut=-kasus")).status_code == 200


def test_a_district_has_no_monitoring_page_and_no_link(login, coordinator_a, tf_a):
    client = login(coordinator_a)
    assert client.get(url("page", tf_a)).status_code == 404
    home = client.get(reverse("task_force_home", args=[tf_a.code])).content.decode()
    assert "pemantauan" not in home


def test_the_province_report_carries_the_monitoring_annex(busy_district, tf_a_province):
    figures = annual_figures(tf_a_province, YEAR)
    rows = {r["code"]: r for r in figures["monitoring"]["rows"]}
    assert rows["18.71"]["cases_reported"] == 2 and rows["18.71"]["sk"]["number"] == "188/1/2026"
    json.dumps(figures)  # the same figures go out as JSON (the report's attachment, the API)
    html = build_html(tf_a_province, figures)
    assert "Lampiran: pemantauan gugus tugas di bawahnya" in html and "188/1/2026" in html
    assert "monitoring" not in annual_figures(tf_a_province, YEAR, public=True)
    assert "monitoring" not in annual_figures(busy_district, YEAR)
