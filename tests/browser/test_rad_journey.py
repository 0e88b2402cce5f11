"""The secretariat of a district enters its RAD, puts it in force, reports the current quarter's
progress, accepts it and reads the evaluation."""

import pytest
from django.utils import timezone
from django_scopes import scopes_disabled
from playwright.sync_api import expect

from gugus_tugas.models import TaskForce
from gugus_tugas.roles import Role
from tests.conftest import member
from tests.factories import PASSWORD


@pytest.mark.django_db(transaction=True)
def test_secretariat_creates_a_plan_reports_progress_and_reads_the_evaluation(live_server, page,
                                                                              shoot):
    with scopes_disabled():
        member(TaskForce.objects.get(code="18.71"), Role.SECRETARIAT_ADMIN, "sekretariat@bdl.go.id")
    year = timezone.localdate().year
    base = live_server.url
    page.goto(f"{base}/akun/login/")
    page.locator("input[name=login]").fill("sekretariat@bdl.go.id")
    page.locator("input[name=password]").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.goto(f"{base}/gt/18.71/")
    page.get_by_role("link", name="Rencana aksi", exact=True).click()
    expect(page.get_by_text("Belum ada rencana aksi yang berlaku")).to_be_visible()
    page.get_by_role("button", name="Rencana aksi baru").click()
    page.get_by_label("Judul").fill(f"RAD PP-TPPO Kota Bandar Lampung {year}-{year + 4}")
    page.get_by_label("Jenis dasar hukum").select_option("perwali")
    page.get_by_label("Nomor peraturan").fill(f"17 Tahun {year}")
    page.get_by_label("Tanggal peraturan").fill(f"{year}-01-15")
    page.get_by_role("button", name="Simpan").click()
    expect(page.get_by_text("Tambahkan kegiatannya")).to_be_visible()

    page.get_by_role("button", name="Tambah kegiatan").click()
    page.get_by_label("Sub gugus tugas / klaster").select_option("Pencegahan")
    page.get_by_label("Kode kegiatan").fill("1.1")
    page.locator("textarea[name=name]").fill("Sosialisasi pencegahan TPPO di kelurahan")
    page.get_by_label("Penanggung jawab").fill("Dinas PPPA")
    page.get_by_label("Indikator").fill("Kelurahan yang disosialisasi")
    page.get_by_label("Satuan").fill("kelurahan")
    page.locator(f"input[name=target_{year}]").fill("10")
    page.locator(f"input[name=budget_{year}]").fill("Rp 25.000.000")
    page.get_by_role("button", name="Simpan", exact=True).click()
    expect(page.get_by_text("Rp 25.000.000").first).to_be_visible()
    for status in ("telaah Biro/Bagian Hukum", "ditetapkan", "berlaku"):
        page.get_by_role("button", name=f"Ubah status: {status}").click()
        expect(page.get_by_text(f"Status rencana aksi: {status}.")).to_be_visible()
    shoot("rad_plan_detail")

    page.get_by_role("button", name="Laporan kemajuan").click()
    page.get_by_role("button", name="Laporkan").click()
    page.get_by_label("Capaian pada periode ini").fill("4")
    page.get_by_label("Anggaran terserap pada periode ini (Rp)").fill("5.000.000")
    page.get_by_label("Uraian kegiatan").fill("Empat kelurahan di Kecamatan Panjang.")
    page.get_by_role("button", name="Kirim laporan").click()
    expect(page.get_by_text("Semua kegiatan sudah dilaporkan untuk periode ini.")).to_be_visible()
    page.get_by_role("button", name="Terima").click()
    expect(page.get_by_text("Laporan kemajuan 1.1 diterima.")).to_be_visible()

    page.get_by_role("link", name=f"RAD PP-TPPO Kota Bandar Lampung {year}-{year + 4}").click()
    page.get_by_role("button", name="Evaluasi").click()
    expect(page.get_by_test_id("achievement")).to_have_text("40,0 %")
    expect(page.get_by_test_id("budget")).to_have_text("20,0 %")
    expect(page.get_by_test_id("thresholds")).to_contain_text("80 %")
    expect(page.locator("svg").first).to_be_visible()
    shoot("rad_evaluation")
