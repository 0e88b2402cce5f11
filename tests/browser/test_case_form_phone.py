"""The new-case form at phone width (390×844): a region found by typing, the error summary
after a bad submit, the draft kept on the server, then the case saved."""

from datetime import date

import pytest
from django_scopes import scopes_disabled
from playwright.sync_api import expect

from cases.models import Case, CaseDraft
from gugus_tugas.models import TaskForce
from gugus_tugas.roles import Role
from gugus_tugas.totp import totp_code
from tests.conftest import TOTP_SECRET, member
from tests.factories import PASSWORD

from .test_case_journey import choose


@pytest.mark.django_db(transaction=True)
def test_an_officer_enters_a_case_on_a_phone(live_server, browser, shoot):
    with scopes_disabled():
        member(TaskForce.objects.get(code="18.71"), Role.DATA_OFFICER,
               "petugas@bandarlampung.go.id", mfa=True)
    base = live_server.url
    context = browser.new_context(locale="id-ID", viewport={"width": 390, "height": 844},
                                  is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(f"{base}/akun/login/")
    page.locator("input[name=login]").fill("petugas@bandarlampung.go.id")
    page.locator("input[name=password]").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.locator("input[name=code]").fill(totp_code(TOTP_SECRET))
    page.get_by_role("button", name="Masuk").click()

    page.goto(f"{base}/gt/18.71/kasus/baru/")
    # nothing chosen for her: sex and nationality are empty
    expect(page.get_by_label("Jenis kelamin")).to_have_value("")
    expect(page.get_by_label("Kewarganegaraan")).to_have_value("")
    page.get_by_label("Tanggal kejadian").fill("2024-02-20")
    choose(page, "Wilayah kejadian (di Indonesia)", "lamp", "Kota Bandar Lampung (18.71)")
    page.get_by_label("Nama korban").fill("Siti Aminah")
    # typed so far is kept on the server as she goes
    expect(page.locator("#draft-status")).to_contain_text("Draf tersimpan")
    with scopes_disabled():
        assert CaseDraft.objects.filter(user__email="petugas@bandarlampung.go.id").exists()

    # the report date, sex and nationality forgotten: the page opens on a summary of what to fix
    page.get_by_role("button", name="Simpan dan kirim untuk verifikasi").click()
    summary = page.locator("#error-summary")
    expect(summary).to_be_focused()
    expect(summary.get_by_role("link")).to_have_count(3)  # report date, sex, nationality
    expect(page.get_by_label("Wilayah kejadian (di Indonesia)")).to_have_value(
        "Kota Bandar Lampung (18.71)")
    shoot("case_form_phone", full_page=False, page=page)
    summary.get_by_role("link", name="Tanggal lapor").click()
    expect(page.get_by_label("Tanggal lapor")).to_be_focused()

    page.get_by_label("Tanggal lapor").fill("2024-03-05")
    page.get_by_label("Jenis kelamin").select_option("P")
    choose(page, "Kewarganegaraan", "indo", "Indonesia (ID)")
    page.get_by_label("atau usia saat kejadian").fill("16")
    page.get_by_label("kerja paksa").check()
    # a service given: its own date and provider appear once it is ticked
    date_given = page.get_by_label("Tanggal diberikan (layanan pengaduan)")
    expect(date_given).to_be_hidden()
    page.get_by_label("layanan pengaduan", exact=True).check()
    expect(date_given).to_be_visible()
    date_given.fill("2024-03-06")
    page.get_by_label("Instansi pemberi (layanan pengaduan)").fill("UPTD PPA Kota Bandar Lampung")
    date_given.scroll_into_view_if_needed()
    shoot("case_form_phone_services", full_page=False, page=page)
    page.get_by_role("button", name="Simpan dan kirim untuk verifikasi").click()
    expect(page.get_by_text("menunggu verifikasi").first).to_be_visible()
    with scopes_disabled():
        case = Case.objects.get(task_force__code="18.71")
        assert case.incident_region_id == "18.71"
        service = case.services.get()
        assert (service.type, service.date, service.provider_agency) == (
            "pengaduan", date(2024, 3, 6), "UPTD PPA Kota Bandar Lampung")
        assert not CaseDraft.objects.exists()
    context.close()
