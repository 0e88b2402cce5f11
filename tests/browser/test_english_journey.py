"""The interface in English, without a word of Indonesian (the language scan of
tests/browser/conftest.py reads every page these journeys load): a data officer switches to
English and walks home, the case list, the entry form (refused) and a case; a coordinator whose
profile says English reads the dashboard and the monitoring page, and the form at phone width."""

import random
from datetime import date

import pytest
from django_scopes import scopes_disabled
from playwright.sync_api import expect

from gugus_tugas.models import TaskForce, User
from gugus_tugas.roles import Role
from tests.browser.test_case_journey import log_in
from tests.browser.test_monitoring_journey import YEAR, _records
from tests.cases.factories import CaseFactory, ServiceFactory, VictimFactory
from tests.conftest import member
from tests.factories import PASSWORD

PHONE = {"width": 390, "height": 844}


@pytest.mark.django_db(transaction=True)
def test_a_data_officer_works_in_english(live_server, browser):
    with scopes_disabled():
        tf = TaskForce.objects.get(code="18.71")
        officer = member(tf, Role.DATA_OFFICER, "petugas@bandarlampung.go.id", mfa=True)
        case = CaseFactory(task_force=tf, created_by=officer, report_date=date(2024, 3, 5))
        ServiceFactory(victim=VictimFactory(case=case, age_at_incident=16, is_child=True),
                       type="pengaduan", provider_agency="UPTD PPA Kota Bandar Lampung")
    base = live_server.url
    page = log_in(browser, base, officer.email, {})
    page.goto(f"{base}/gt/18.71/")
    page.get_by_role("button", name="EN").click()  # the language switch
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", name="Waiting for you")).to_be_visible()
    officer.refresh_from_db()
    assert officer.language == "en"  # kept on the profile

    page.get_by_role("navigation", name="Task force menu").get_by_role(
        "link", name="Cases").first.click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("link", name=case.register_number)).to_be_visible()

    page.goto(f"{base}/gt/18.71/kasus/baru/")
    expect(page.get_by_role("heading", name="Record a case")).to_be_visible()
    page.get_by_label("Report date").fill("2024-03-05")
    page.get_by_label("complaint intake", exact=True).check()
    page.get_by_role("button", name="Save and send for verification").click()
    expect(page.locator("#error-summary")).to_be_focused()
    expect(page.locator("#error-summary")).to_contain_text("Victim's name")

    page.goto(f"{base}/gt/18.71/kasus/{case.code}/")
    expect(page.locator("h1")).to_contain_text(case.register_number)
    expect(page.get_by_text("UPTD PPA Kota Bandar Lampung")).to_be_visible()


@pytest.mark.django_db(transaction=True)
def test_a_coordinator_reads_the_figures_in_english(live_server, browser):
    rng = random.Random(4)
    with scopes_disabled():
        for tf in TaskForce.objects.filter(code="18") | TaskForce.objects.filter(parent__code="18"):
            _records(tf, rng)
        coordinator = member(TaskForce.objects.get(code="18"), Role.COORDINATOR,
                             "koordinator@lampung.go.id")
        User.objects.filter(pk=coordinator.pk).update(language="en")  # her profile's choice
    base = live_server.url
    context = browser.new_context(locale="id-ID", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(f"{base}/akun/login/")
    page.locator("input[name=login]").fill(coordinator.email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()  # before login: the site's Indonesian
    expect(page.locator("html")).to_have_attribute("lang", "en")

    page.goto(f"{base}/gt/18/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.goto(f"{base}/gt/18/laporan/?tahun={YEAR}")
    expect(page.get_by_text("Cases reported").first).to_be_visible()
    page.goto(f"{base}/gt/18/pemantauan/")
    expect(page.get_by_role("heading", name="Monitoring", exact=False).first).to_be_visible()

    page.set_viewport_size(PHONE)
    page.goto(f"{base}/gt/18/pemantauan/?urut=-kasus")
    expect(page.get_by_test_id("district-map")).to_be_visible()
