"""The nation's coordinator reads the Pemantauan page: national figures, the tile map of the 38
provinces coloured by a chosen column, then drills down into Lampung's districts."""

import random
from datetime import date

import pytest
from django.utils import timezone
from django_scopes import scopes_disabled
from playwright.sync_api import expect

from gugus_tugas.models import TaskForce
from gugus_tugas.roles import Role
from tests.cases.factories import CaseFactory
from tests.conftest import member
from tests.factories import DecreeFactory
from tests.meetings.factories import MeetingFactory
from tests.rad.factories import ActivityYearFactory, PlanFactory, ProgressReportFactory

from .test_meeting_journey import log_in

YEAR = timezone.localdate().year


def _records(tf, rng):
    if rng.random() < 0.8:
        end = YEAR if rng.random() < 0.2 else YEAR + 3
        DecreeFactory(task_force=tf, number=f"SK/{tf.code}", date_signed=date(YEAR - 1, 2, 1),
                      period_start=YEAR - 1, period_end=end)
    if rng.random() < 0.5:
        plan = PlanFactory(task_force=tf, in_force=True, first_year=YEAR - 1, last_year=YEAR + 3)
        ay = ActivityYearFactory(activity__plan=plan, year=YEAR, target=10, budget=10_000_000)
        ProgressReportFactory(activity=ay.activity, year=YEAR, achieved=rng.randint(2, 10),
                              spent=rng.randint(1, 10) * 1_000_000)
    for month in range(1, rng.randint(1, 4)):
        MeetingFactory(task_force=tf, start_date=date(YEAR, month * 3, 12))
    for _ in range(rng.randint(0, 3)):
        CaseFactory(task_force=tf, verified=True, report_date=date(YEAR, 2, 1))


@pytest.mark.django_db(transaction=True)
def test_the_nation_reads_the_map_and_drills_down_to_a_province(live_server, browser, shoot):
    rng = random.Random(4)
    with scopes_disabled():
        for tf in TaskForce.objects.filter(level="province") | TaskForce.objects.filter(
                parent__code="18"):
            _records(tf, rng)
        member(TaskForce.objects.get(code="nasional"), Role.COORDINATOR, "koordinator@kemenpppa.go.id")
        member(TaskForce.objects.get(code="18"), Role.COORDINATOR, "koordinator@lampung.go.id")
    base = live_server.url

    page = log_in(browser, base, "koordinator@kemenpppa.go.id")
    page.goto(f"{base}/gt/nasional/")
    page.get_by_role("link", name="Pemantauan").click()
    expect(page.get_by_test_id("province-map").locator("g.tile")).to_have_count(38)
    expect(page.get_by_test_id("national-figures")).to_be_visible()
    page.get_by_label("Warna peta").select_option("rad")
    page.get_by_role("button", name="Terapkan").click()
    expect(page.get_by_text("RAD berlaku").first).to_be_visible()
    shoot("monitoring_nasional", page=page)
    page.get_by_test_id("province-map").locator('g.tile[data-code="18"]').click()
    expect(page.get_by_test_id("district-map")).to_be_visible()
    n = TaskForce.objects.filter(parent__code="18").count()
    expect(page.get_by_test_id("monitoring-table").locator("tbody tr")).to_have_count(n)

    page = log_in(browser, base, "koordinator@lampung.go.id")
    page.goto(f"{base}/gt/18/pemantauan/?urut=-kasus")
    expect(page.get_by_test_id("district-map").locator("g.tile")).to_have_count(n)
    shoot("monitoring_province", page=page)
