"""A case from entry to acceptance by another task force, in real Chromium:
enter → submit → return → fix → verify → refer (with the services requested) → the receiver's
coordinator accepts, having seen the facts → the receiver records a service → the sender sees it."""

import re

import pytest
from django_scopes import scopes_disabled
from playwright.sync_api import expect

from cases.models import Case, CaseAccess
from gugus_tugas.models import TaskForce
from gugus_tugas.roles import Role
from gugus_tugas.totp import totp_code
from tests.conftest import TOTP_SECRET, member
from tests.factories import PASSWORD


def log_in(browser, base, email, sessions):
    if email in sessions:
        return sessions[email]
    context = browser.new_context(locale="id-ID", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    sessions[email] = page
    page.goto(f"{base}/akun/login/")
    page.locator("input[name=login]").fill(email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.locator("input[name=code]").fill(totp_code(TOTP_SECRET))
    page.get_by_role("button", name="Masuk").click()
    expect(page.locator("h1")).to_be_visible()
    return page


def choose(page, label, typed, suggestion):
    """Type into a region or country field, wait for the suggestion, take it."""
    field = page.get_by_label(label)
    field.fill(typed)
    expect(page.locator(f"#{field.get_attribute('list')} option[value='{suggestion}']")
           ).to_have_count(1)
    field.fill(suggestion)


@pytest.mark.django_db(transaction=True)
def test_enter_submit_return_fix_verify_refer_accept(live_server, browser, shoot):
    with scopes_disabled():
        a, b = TaskForce.objects.get(code="18.71"), TaskForce.objects.get(code="14.71")
        member(a, Role.DATA_OFFICER, "petugas@bandarlampung.go.id", mfa=True)
        member(a, Role.DATA_VERIFIER, "verifikator@bandarlampung.go.id", mfa=True)
        member(b, Role.DATA_OFFICER, "petugas@pekanbaru.go.id", mfa=True)
        member(b, Role.COORDINATOR, "koordinator@pekanbaru.go.id", mfa=True)
    base = live_server.url
    sessions = {}  # one browser session per person, each logged in once (TOTP codes are single-use)

    # the data officer enters a case on the guided form and sends it for verification
    page = log_in(browser, base, "petugas@bandarlampung.go.id", sessions)
    page.goto(f"{base}/gt/18.71/kasus/baru/")
    page.get_by_label("Tanggal lapor").fill("2024-03-05")
    page.get_by_label("Tanggal kejadian").fill("2024-04-20")  # after the report: refused
    choose(page, "Wilayah kejadian (di Indonesia)", "bandar lamp", "Kota Bandar Lampung (18.71)")
    page.get_by_label("Nama korban").fill("Siti Aminah")
    page.get_by_label("NIK").fill("1871014506070002")
    page.get_by_label("Jenis kelamin").select_option("P")
    page.get_by_label("Tanggal lahir").fill("2007-06-05")
    choose(page, "Kewarganegaraan", "indo", "Indonesia (ID)")
    choose(page, "Daerah asal korban", "pekanbaru", "Kota Pekanbaru (14.71)")
    page.get_by_label("layanan pengaduan", exact=True).check()
    page.get_by_label("kerja paksa").check()
    choose(page, "atau negara tujuan", "malay", "Malaysia (MY)")
    page.get_by_label("Kronologi singkat").fill("Dijanjikan kerja di Malaysia.")
    page.get_by_role("button", name="Simpan dan kirim untuk verifikasi").click()
    expect(page.get_by_text("Tanggal kejadian sesudah tanggal lapor.").first).to_be_visible()
    expect(page.locator("#error-summary")).to_be_focused()
    expect(page.get_by_label("Nama korban")).to_have_value("Siti Aminah")
    page.get_by_label("Tanggal kejadian").fill("2024-02-20")
    page.get_by_role("button", name="Simpan dan kirim untuk verifikasi").click()
    expect(page.get_by_text("menunggu verifikasi").first).to_be_visible()
    expect(page.get_by_text("Siti Aminah")).to_be_visible()  # identity, for the data officer
    register = page.locator("h1").inner_text().split()[-1]
    shoot("case_detail", page=page)

    # the verifier returns it with a reason
    page = log_in(browser, base, "verifikator@bandarlampung.go.id", sessions)
    page.goto(f"{base}/gt/18.71/kasus/verifikasi/")
    page.get_by_role("link", name=register).click()
    page.get_by_label("Alasan pengembalian").fill("Lengkapi nomor laporan polisi.")
    page.get_by_role("button", name="Kembalikan ke petugas").click()
    expect(page.get_by_text("dikembalikan", exact=True)).to_be_visible()

    # the officer fixes it and submits again
    page = log_in(browser, base, "petugas@bandarlampung.go.id", sessions)
    page.goto(f"{base}/gt/18.71/kasus/")
    shoot("case_list", page=page)
    page.get_by_role("link", name=register).click()
    expect(page.get_by_text("Lengkapi nomor laporan polisi.")).to_be_visible()
    page.get_by_role("button", name="Ubah").click()
    page.get_by_label("Tahap proses hukum").select_option("investigation")
    page.get_by_label("Nomor laporan polisi").fill("LP/B/123/III/2024/Polda Lampung")
    page.get_by_role("button", name="Simpan").click()
    page.get_by_role("button", name="Kirim untuk verifikasi").click()
    expect(page.get_by_text("menunggu verifikasi").first).to_be_visible()

    # the verifier verifies
    page = log_in(browser, base, "verifikator@bandarlampung.go.id", sessions)
    page.goto(f"{base}/gt/18.71/kasus/verifikasi/")
    page.get_by_role("link", name=register).click()
    page.get_by_role("button", name="Verifikasi").click()
    expect(page.get_by_text("terverifikasi").first).to_be_visible()

    # the officer refers it to Pekanbaru, the victim's home, for repatriation
    page = log_in(browser, base, "petugas@bandarlampung.go.id", sessions)
    page.goto(f"{base}/gt/18.71/kasus/")
    page.get_by_role("link", name=register).click()
    page.get_by_text("Rujuk ke gugus tugas lain").click()
    refer = page.locator("form[action$='/rujuk/']")
    # the victim's home is suggested first; the search finds a task force by name as one types
    expect(refer.get_by_label(re.compile(r"Kota Pekanbaru \(14\.71\)"))).to_be_checked()
    assert refer.locator("input[name=to_task_force]").count() < 20
    page.get_by_label("Cari gugus tugas tujuan (nama atau kode)").fill("Dumai")
    expect(refer.get_by_label(re.compile(r"Kota Dumai"))).to_be_visible()
    page.get_by_label("Cari gugus tugas tujuan (nama atau kode)").fill("Pekanbaru")
    refer.get_by_label(re.compile(r"Kota Pekanbaru \(14\.71\)")).check()
    refer.get_by_label("pemulangan", exact=True).check()
    refer.get_by_label("reintegrasi sosial", exact=True).check()
    page.get_by_label("Alasan rujukan").fill("Pemulangan dan reintegrasi sosial di daerah asal.")
    page.get_by_role("button", name="Rujuk", exact=True).click()
    expect(page.get_by_text("menunggu jawaban").first).to_be_visible()
    expect(page.get_by_text(re.compile("layanan yang diminta: pemulangan, reintegrasi sosial"))).to_be_visible()

    # Pekanbaru cannot open the case before accepting
    page = log_in(browser, base, "petugas@pekanbaru.go.id", sessions)
    with scopes_disabled():
        code = Case.objects.get(register_number=register).code
    response = page.goto(f"{base}/gt/14.71/kasus/{code}/")
    assert response.status == 404

    # its coordinator sees the facts it needs, without the victim's identity, and accepts
    page = log_in(browser, base, "koordinator@pekanbaru.go.id", sessions)
    page.goto(f"{base}/gt/14.71/kasus/rujukan/")
    expect(page.get_by_text(register)).to_be_visible()
    facts = page.locator(".referral-facts")
    expect(facts).to_contain_text("perempuan")
    expect(facts).to_contain_text("13-17")
    expect(facts).to_contain_text("kerja paksa")
    expect(facts).to_contain_text("pemulangan, reintegrasi sosial")
    expect(facts).to_contain_text("Malaysia")
    expect(page.get_by_text("Siti Aminah")).to_have_count(0)
    expect(page.get_by_text("1871014506070002")).to_have_count(0)
    page.get_by_role("button", name="Terima").click()
    expect(page.locator("h1")).to_contain_text(register)
    expect(page.get_by_text(re.compile("rujukan dari GT PP-TPPO Kota Bandar Lampung"))).to_be_visible()
    with scopes_disabled():
        assert set(CaseAccess.objects.filter(case__code=code).values_list("task_force__code", flat=True)) == {"18.71", "14.71"}

    # Pekanbaru's data officer records the repatriation it gave
    page = log_in(browser, base, "petugas@pekanbaru.go.id", sessions)
    page.goto(f"{base}/gt/14.71/kasus/{code}/")
    page.get_by_text("Catat layanan").click()
    given = page.locator("form[action$='/layanan/']")
    given.locator("select[name=type]").select_option("pemulangan")
    given.locator("input[name=date]").fill("2024-04-02")
    given.get_by_label("Instansi pemberi layanan").fill("Dinas Sosial Kota Pekanbaru")
    page.get_by_role("button", name="Simpan layanan").click()
    expect(page.get_by_text("Layanan dicatat.")).to_be_visible()

    # the sender sees it on its case page, with who gave it
    page = log_in(browser, base, "petugas@bandarlampung.go.id", sessions)
    page.goto(f"{base}/gt/18.71/kasus/{code}/")
    row = page.locator("table.services tr", has_text="Dinas Sosial Kota Pekanbaru")
    expect(row).to_contain_text("pemulangan")
    expect(row).to_contain_text("GT PP-TPPO Kota Pekanbaru")
