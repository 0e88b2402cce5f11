"""A returned case waits in the data officer's home inbox, at desktop and at phone width,
with its count in the navigation."""

import re

import pytest
from django_scopes import scopes_disabled
from playwright.sync_api import expect

from cases import services as case_services
from gugus_tugas.models import TaskForce
from gugus_tugas.roles import Role
from tests.browser.test_case_journey import log_in
from tests.cases.factories import CaseFactory, VictimFactory
from tests.conftest import member

ONE = re.compile(r"(^|\s)1\s*$")  # the badge: "1", with a label for screen readers


@pytest.mark.django_db(transaction=True)
def test_a_returned_case_waits_in_the_officers_home(live_server, browser, shoot):
    with scopes_disabled():
        tf = TaskForce.objects.get(code="18.71")
        officer = member(tf, Role.DATA_OFFICER, "petugas@bandarlampung.go.id", mfa=True)
        verifier = member(tf, Role.DATA_VERIFIER, "verifikator@bandarlampung.go.id", mfa=True)
        returned = VictimFactory(case=CaseFactory(task_force=tf, created_by=officer)).case
        case_services.case_return(case=returned, task_force=tf, acting_user=verifier,
                                  reason="Lengkapi nomor laporan polisi.",
                                  version=returned.version)
        waiting = VictimFactory(case=CaseFactory(task_force=tf, created_by=verifier)).case
    base = live_server.url
    page = log_in(browser, base, officer.email, {})
    page.goto(f"{base}/gt/18.71/")
    inbox = page.get_by_test_id("inbox-returned")
    expect(inbox).to_contain_text(returned.register_number)
    expect(inbox).to_contain_text("Lengkapi nomor laporan polisi.")
    expect(page.get_by_test_id("inbox-verify")).to_have_count(0)  # not a verifier
    nav = page.get_by_role("navigation", name="Menu gugus tugas")
    expect(nav.get_by_test_id("inbox-count")).to_have_text(ONE)
    shoot("home_inbox", page=page)

    # on another page the count is loaded into the navigation after the page
    page.goto(f"{base}/gt/18.71/kasus/")
    expect(nav.get_by_test_id("inbox-count")).to_have_text(ONE)

    # at phone width the inbox comes first and its link leads to the case
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{base}/gt/18.71/")
    expect(nav.get_by_test_id("inbox-count")).to_be_visible()
    link = page.get_by_test_id("inbox-returned").get_by_role("link", name=returned.register_number)
    expect(link).to_be_in_viewport()
    shoot("home_inbox_phone", page=page, full_page=False)
    link.click()
    expect(page.locator("h1")).to_contain_text(returned.register_number)
    assert waiting.register_number not in page.content()
