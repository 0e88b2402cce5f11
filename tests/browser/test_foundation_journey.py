"""An invited admin sets a password, enrols TOTP, logs in again, records an SK with members and
sees the structure page (issue 4's first journey), in real Chromium against a live server."""

import re
import time

import pytest
from django_scopes import scopes_disabled
from playwright.sync_api import expect

from gugus_tugas.models import Decree, TaskForce
from gugus_tugas.scoping import task_force_scope
from gugus_tugas.services.people import invitation_create
from gugus_tugas.totp import totp_code

PASSWORD = "Sandi-Rahasia-2026"


def next_period_code(secret):
    # allauth refuses a code used once; the next 30-second code is accepted (tolerance 1).
    return totp_code(secret, at=time.time() + 30)


@pytest.mark.django_db(transaction=True)
def test_invited_admin_records_an_sk_and_sees_its_structure(live_server, page, shoot):
    with scopes_disabled():
        tf = TaskForce.objects.get(code="18.71")
    with task_force_scope(tf):
        invitation = invitation_create(task_force=tf, email="sekretariat@bandarlampung.go.id",
                                       role="secretariat_admin")
    base = live_server.url

    # 1. the invite link: set a name and a password
    page.goto(f"{base}/undangan/{invitation.token}/")
    expect(page.get_by_text("Admin sekretariat")).to_be_visible()
    page.get_by_label("Nama lengkap").fill("Rahmawati")
    page.get_by_label(re.compile(r"^Kata sandi")).fill(PASSWORD)
    page.get_by_label("Ulangi kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Buat akun dan terima").click()
    expect(page.locator("h1")).to_contain_text("Kota Bandar Lampung")
    expect(page.get_by_text("Belum ada SK yang berlaku")).to_be_visible()

    # 2. enrol TOTP (authenticator app)
    page.goto(f"{base}/akun/2fa/totp/activate/")
    secret = page.locator("#authenticator_secret").input_value()
    assert re.fullmatch(r"[A-Z2-7]{16,}", secret)
    shoot("totp_enrol")
    page.locator("input[name=code]").fill(totp_code(secret))
    page.locator("form button[type=submit]").last.click()
    expect(page).not_to_have_url(re.compile(r"/totp/activate/"))

    # 3. log out, log in again with password + code
    page.goto(f"{base}/akun/logout/")
    page.locator("main form button[type=submit]").click()
    page.goto(f"{base}/akun/login/")
    shoot("login")
    page.locator("input[name=login]").fill("sekretariat@bandarlampung.go.id")
    page.locator("input[name=password]").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.locator("input[name=code]").fill(next_period_code(secret))
    page.get_by_role("button", name="Masuk").click()
    expect(page.locator("h1")).to_contain_text("Kota Bandar Lampung")

    # 4. record the SK; a period ending before it starts is refused first, keeping what was typed
    page.get_by_role("button", name="Catat SK baru").click()
    page.get_by_label("Nomor SK").fill("188.45/361/III.05/HK/2024")
    page.get_by_label("Judul").fill("Pembentukan Gugus Tugas PP-TPPO Kota Bandar Lampung 2024-2028")
    page.get_by_label("Tanggal ditetapkan").fill("2024-03-01")
    page.get_by_label("Penerbit").select_option("walikota")
    page.get_by_label("Periode mulai (tahun)").fill("2028")
    page.get_by_label("Periode berakhir (tahun)").fill("2024")
    page.get_by_role("button", name="Simpan").click()
    expect(page.get_by_text("sebelum periode mulai")).to_be_visible()
    expect(page.get_by_label("Nomor SK")).to_have_value("188.45/361/III.05/HK/2024")
    shoot("decree_form_error")
    page.get_by_label("Periode mulai (tahun)").fill("2024")
    page.get_by_label("Periode berakhir (tahun)").fill("2028")
    page.get_by_role("button", name="Simpan").click()

    # 5. members, by position, grouped by sub task force
    expect(page.locator("h1")).to_contain_text("Anggota SK 188.45/361/III.05/HK/2024")
    rows = [
        ("Walikota Bandar Lampung", "Pemerintah Kota", "ketua", None),
        ("Kapolresta Bandar Lampung", "Polresta Bandar Lampung", "ketua_harian", None),
        ("Kepala Dinas PPPA Kota Bandar Lampung", "DPPPA", "sekretaris", None),
        ("Kepala Dinas Sosial", "Dinas Sosial", "ketua_sub",
         "Rehabilitasi Sosial, Pemulangan dan Reintegrasi Sosial"),
        ("Kepala Dinas Kesehatan", "Dinas Kesehatan", "ketua_sub", "Rehabilitasi Kesehatan"),
    ]
    for i, (position, agency, role, stf) in enumerate(rows):
        if i >= 3:
            page.get_by_role("button", name="+ Tambah baris").click()
        page.locator(f"[name=m-{i}-position]").fill(position)
        page.locator(f"[name=m-{i}-agency]").fill(agency)
        page.locator(f"[name=m-{i}-role]").select_option(role)
        if stf:
            page.locator(f"[name=m-{i}-sub_task_force]").select_option(label=stf)
    shoot("decree_members")
    page.get_by_role("button", name="Simpan anggota").click()
    expect(page.get_by_text("Susunan anggota SK 188.45/361/III.05/HK/2024 tersimpan")).to_be_visible()

    # 6. the home page and the printable structure
    page.get_by_role("link", name="Beranda").click()
    expect(page.get_by_text("SK yang berlaku")).to_be_visible()
    expect(page.get_by_text("Kapolresta Bandar Lampung")).to_be_visible()
    shoot("task_force_home")
    page.get_by_role("link", name="Susunan keanggotaan (cetak)").click()
    expect(page.get_by_text("SUSUNAN KEANGGOTAAN")).to_be_visible()
    structure = page.locator("article.print-sheet")
    expect(structure.locator("h3", has_text="Rehabilitasi Kesehatan")).to_be_visible()
    text = structure.inner_text()
    assert text.index("Walikota Bandar Lampung") < text.index("Kepala Dinas Kesehatan")
    shoot("decree_structure")
    with scopes_disabled():
        decree = Decree.objects.get(task_force=tf)
        assert decree.members.count() == 5
