"""A province records a meeting with a pasted list of recommendations (corrected once), sends one
down to a district, the district follows it up, and the province sees it done on its board."""

import pytest
from django_scopes import scopes_disabled
from playwright.sync_api import expect

from gugus_tugas.models import TaskForce
from gugus_tugas.roles import Role
from tests.conftest import member
from tests.factories import PASSWORD

PASTED = """1. Mengevaluasi capaian RAD per klaster.
2. Memperkuat kepemimpinan di setiap klaster
   Gugus Tugas.
4. Mengintegrasikan pencatatan kasus ke Simfoni PPA."""


def log_in(browser, base, email):
    context = browser.new_context(locale="id-ID", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(f"{base}/akun/login/")
    page.locator("input[name=login]").fill(email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    expect(page.locator("h1")).to_be_visible()
    return page


@pytest.mark.django_db(transaction=True)
def test_record_send_down_follow_up_and_see_it_done(live_server, browser, shoot):
    with scopes_disabled():
        province, district = TaskForce.objects.get(code="18"), TaskForce.objects.get(code="18.71")
        member(province, Role.SECRETARIAT_ADMIN, "sekretariat@lampung.go.id")
        member(district, Role.SECRETARIAT_ADMIN, "sekretariat@bandarlampung.go.id")
    base = live_server.url

    page = log_in(browser, base, "sekretariat@lampung.go.id")
    page.goto(f"{base}/gt/18/")
    page.get_by_role("link", name="Rapat & rekomendasi").click()
    page.get_by_role("button", name="Catat rapat").click()
    page.get_by_label("Jenis rapat").select_option("rad_evaluation")
    page.get_by_label("Judul").fill("Rakor GT PP TPPO se-Provinsi Lampung")
    page.get_by_label("Tanggal mulai").fill("2024-07-18")
    page.get_by_label("Tempat").fill("Ruang Abung, Balai Keratun")
    page.get_by_label("Rapat sudah terlaksana").check()
    page.get_by_role("button", name="Simpan").click()
    expect(page.locator("h1")).to_have_text("Rakor GT PP TPPO se-Provinsi Lampung")

    page.get_by_role("button", name="Laporan rapat").click()
    page.get_by_label("Jumlah peserta").fill("45")
    page.get_by_label("Narasumber").fill("Drs. Ikram M.Si | Fisip Unila | Akademisi")
    page.get_by_label("Rekomendasi (tempel daftar bernomor)").fill(PASTED)
    page.get_by_label("Tenggat rekomendasi").fill("2025-06-30")
    page.get_by_role("button", name="Simpan laporan").click()
    # number 3 is missing: the list comes back for correction, nothing saved
    expect(page.get_by_text("Baris 4: nomor 4 tidak berurutan (seharusnya 3).")).to_be_visible()
    box = page.get_by_label("Rekomendasi (tempel daftar bernomor)")
    expect(box).to_have_value(PASTED)
    box.fill(PASTED.replace("4. Meng", "3. Meng"))
    page.get_by_role("button", name="Simpan laporan").click()
    items = page.locator("#recommendations li")
    expect(items).to_have_count(3)
    expect(items.nth(1)).to_contain_text("Memperkuat kepemimpinan di setiap klaster Gugus Tugas.")
    shoot("meeting_detail", page=page)

    # send recommendation 3 down to Kota Bandar Lampung
    items.nth(2).get_by_role("link").click()
    page.get_by_text("Kirim ke gugus tugas di bawahnya", exact=True).click()
    page.get_by_label("Gugus tugas tujuan").select_option(label="GT PP-TPPO Kota Bandar Lampung")
    page.get_by_role("button", name="Kirim").click()
    expect(page.get_by_text("Rekomendasi dikirim ke 1 gugus tugas.")).to_be_visible()
    expect(page.locator("#sent-table")).to_contain_text("belum dimulai")

    # the district follows up its own copy
    district_page = log_in(browser, base, "sekretariat@bandarlampung.go.id")
    district_page.goto(f"{base}/gt/18.71/rapat/rekomendasi/")
    district_page.get_by_role("link", name="Mengintegrasikan pencatatan kasus").click()
    district_page.get_by_role("button", name="Catat tindak lanjut").click()
    district_page.get_by_label("Tanggal").fill("2024-07-10")  # before the meeting: refused
    district_page.get_by_label("Status").select_option("done")
    district_page.get_by_label("Catatan").fill("Operator Simfoni PPA ditunjuk.")
    district_page.get_by_role("button", name="Simpan").click()
    expect(district_page.get_by_text("sebelum tanggal rapat")).to_be_visible()
    district_page.get_by_label("Tanggal").fill("2024-09-02")
    district_page.get_by_role("button", name="Simpan").click()
    expect(district_page.get_by_test_id("rec-status")).to_have_text("selesai")

    # the province sees it done on its board (filtered by status through htmx) and in the table
    page.goto(f"{base}/gt/18/rapat/rekomendasi/")
    page.get_by_label("Status").select_option("not_started")
    rows = page.get_by_test_id("rec-row")
    expect(rows).to_have_count(3)
    expect(rows.filter(has_text="Mengintegrasikan")).to_contain_text("1 / 1")
    shoot("meetings_board", page=page)
    rows.filter(has_text="Mengintegrasikan").get_by_role("link").click()
    expect(page.locator("#sent-table")).to_contain_text("selesai")
    expect(page.locator("#sent-table")).not_to_contain_text("Operator Simfoni")
