import csv
import io
import re
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from cases.importer import COLUMNS, run_import
from cases.models import Case, Service, Victim
from cases.selectors import case_filtered
from gugus_tugas.scoping import task_force_scope

from .factories import CaseFactory, VictimFactory, opened

pytestmark = pytest.mark.django_db

GOOD = [
    ["18.71/2023/0001", "2023-05-17", "2023-05-01", "18.71", "Siti Aminah", "1871014506060002",
     "P", "2006-06-05", "", "18.71", "", "Malaysia", "kerja_paksa;pekerja_rumah_tangga",
     "pengaduan;rehabilitasi_sosial", "2023-05-17", "UPTD PPA Kota Bandar Lampung",
     "Rp 60.000.000", "Rp 50.000.000,-", "10.000.000"],
    ["18.71/2023/0001", "17/05/2023", "01/05/2023", "18.71", "Dewi Lestari", "", "P", "", "24",
     "18.04", "", "MY", "kerja_paksa", "pengaduan", "17/05/2023", "UPTD PPA Kota Bandar Lampung",
     "60000000", "50000000", "10000000"],
    ["18.71/2023/0002", "2023-06-02", "", "18.71", "Budi Santoso", "", "L", "", "31", "18.71",
     "31.71", "", "penipuan_daring", "pemulangan", "2023-06-10", "Dinas Sosial Provinsi Lampung",
     "", "", ""],
]


def as_csv(rows, header=COLUMNS):
    out = io.StringIO()
    csv.writer(out).writerows([header, *rows])
    return out.getvalue().encode()


def as_xlsx(rows, header=COLUMNS):
    wb = Workbook()
    ws = wb.active
    ws.append(header)
    for row in rows:
        ws.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def imp(tf, data, name="kasus.csv", **kw):
    with task_force_scope(tf):
        return run_import(task_force=tf, data=data, filename=name, **kw)


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_a_good_file_imports_cases_victims_and_services(tf_a, fmt):
    data = as_csv(GOOD) if fmt == "csv" else as_xlsx(GOOD)
    result = imp(tf_a, data, f"kasus.{fmt}")
    assert result.ok, result.errors
    assert (result.cases, result.victims) == (2, 3)
    case = Case.objects.get(register_number="18.71/2023/0001")
    assert case.status == "submitted" and not case.is_official
    assert case.victims.count() == 2 and case.route.get(kind="destination").country == "MY"
    assert sorted(case.exploitations.values_list("type", flat=True)) == [
        "kerja_paksa", "pekerja_rumah_tangga"]
    assert Service.objects.filter(case=case, status="given").count() == 3
    siti = Victim.objects.get(case=case, sex="P", age_at_incident=16)
    with opened():
        assert siti.is_child and siti.nik == "1871014506060002"
    assert case.history.count() == 1  # imports keep history too
    # restitution as people write rupiah, the same amount in both rows of the case
    assert (case.restitution_requested, case.restitution_ordered, case.restitution_paid) == (
        60_000_000, 50_000_000, 10_000_000)
    other = Case.objects.get(register_number="18.71/2023/0002")
    assert other.restitution_requested is None and other.restitution_paid is None


def test_spreadsheet_dates_are_understood(tf_a):
    from datetime import datetime

    rows = [list(GOOD[2])]
    rows[0][1] = datetime(2023, 6, 2)
    rows[0][2] = 45070  # a date serial (2023-05-24)
    result = imp(tf_a, as_xlsx(rows), "kasus.xlsx")
    assert result.ok, result.errors
    case = Case.objects.get()
    assert str(case.report_date) == "2023-06-02" and str(case.incident_date) == "2023-05-24"


def test_verifiers_can_import_as_verified(tf_a):
    imp(tf_a, as_csv(GOOD), as_verified=True)
    assert Case.objects.filter(status="verified", is_official=True).count() == 2
    # the list (which reads each holder's copies of the status) shows them as verified
    with task_force_scope(tf_a):
        assert case_filtered(task_force=tf_a, filters={"status": "verified"}).count() == 2


def bad(row_index, column, value):
    rows = [list(r) for r in GOOD]
    rows[row_index][COLUMNS.index(column)] = value
    return rows


@pytest.mark.parametrize("rows,row,column,message", [
    (bad(0, "nik_korban", "18710145"), 2, "nik_korban", "16 digit"),
    (bad(1, "tanggal_kejadian", "2023-06-30"), 3, "tanggal_kejadian", "sesudah tanggal lapor"),
    (bad(2, "tanggal_lahir", "2099-01-01"), 4, "tanggal_lahir", "masa depan"),
    (bad(2, "usia", "130"), 4, "usia", "120"),
    (bad(0, "kode_wilayah_kejadian", "99.99"), 2, "kode_wilayah_kejadian", "tidak dikenal"),
    (bad(0, "negara_tujuan", "Atlantis"), 2, "negara_tujuan", "tidak dikenal"),
    (bad(0, "bentuk_eksploitasi", "kerja_paksa;sihir"), 2, "bentuk_eksploitasi", "sihir"),
    (bad(2, "layanan", "pijat"), 4, "layanan", "pijat"),
    (bad(2, "jenis_kelamin", "X"), 4, "jenis_kelamin", "L atau P"),
    (bad(2, "tanggal_lapor", "kemarin"), 4, "tanggal_lapor", "tidak dikenali"),
    (bad(2, "nama_korban", '=HYPERLINK("http://x","klik")'), 4, "nama_korban", "Rumus"),
    (bad(1, "tanggal_lapor", "2023-05-18"), 3, "tanggal_lapor", "Berbeda dari baris 2"),
    (bad(2, "restitusi_dimohonkan", "-5000000"), 4, "restitusi_dimohonkan", "negatif"),
    (bad(2, "restitusi_diputus", "dua juta"), 4, "restitusi_diputus", "tidak dikenali"),
    (bad(2, "restitusi_dibayar", "5000000"), 4, "restitusi_dibayar", "belum diisi"),
    (bad(1, "restitusi_dibayar", "70000000"), 3, "restitusi_dibayar", "melebihi"),
])
def test_every_bad_row_is_reported_and_nothing_is_imported(tf_a, rows, row, column, message):
    result = imp(tf_a, as_csv(rows))
    assert not result.ok
    assert any(e.row == row and e.column == column and message in e.message for e in result.errors), result.errors
    assert not Case.objects.exists() and not Victim.objects.exists()


def test_a_formula_cell_in_xlsx_is_refused(tf_a):
    rows = bad(0, "nama_korban", "=1+1")
    result = imp(tf_a, as_xlsx(rows), "kasus.xlsx")
    assert [e.column for e in result.errors] == ["nama_korban"]
    assert not Case.objects.exists()


@pytest.mark.parametrize("data,name,message", [
    (b"PK\x03\x04 broken zip", "kasus.xlsx", "rusak"),
    (b"%PDF-1.4", "kasus.pdf", "tidak didukung"),
    (b"\x00\x01\x02", "kasus.csv", "tidak dapat dibaca"),
])
def test_wrong_or_corrupt_files_are_refused(tf_a, data, name, message):
    result = imp(tf_a, data, name)
    assert not result.ok and message in result.errors[0].message


def test_a_file_over_the_limit_is_refused(tf_a, settings):
    settings.MAX_UPLOAD_BYTES = 1000
    result = imp(tf_a, as_csv(GOOD * 20))
    assert "terlalu besar" in result.errors[0].message


def test_missing_required_columns_are_named(tf_a):
    header = [c for c in COLUMNS if c != "jenis_kelamin"]
    rows = [[v for c, v in zip(COLUMNS, r, strict=True) if c != "jenis_kelamin"] for r in GOOD]
    result = imp(tf_a, as_csv(rows, header))
    assert [(e.row, e.column) for e in result.errors] == [(1, "jenis_kelamin")]


def test_importing_the_same_file_twice_is_refused(tf_a):
    assert imp(tf_a, as_csv(GOOD)).ok
    again = imp(tf_a, as_csv(GOOD))
    assert not again.ok and "sudah tercatat" in again.errors[0].message
    assert Case.objects.count() == 2


def test_a_dry_run_writes_nothing_and_warns_about_duplicates(tf_a, tf_b):
    VictimFactory(case=CaseFactory(task_force=tf_b), nik="1871014506060002",
                  nik_hash=__import__("cases.crypto").crypto.keyed_hash("nik", "1871014506060002"))
    result = imp(tf_a, as_csv(GOOD), dry_run=True)
    assert result.ok and result.duplicates == ["GT PP-TPPO Kota Pekanbaru"]
    assert not Case.objects.filter(task_force=tf_a).exists()


def test_the_command_imports_or_reports_rows(tf_a, tmp_path, capsys):
    good, wrong = tmp_path / "baik.csv", tmp_path / "salah.csv"
    good.write_bytes(as_csv(GOOD))
    wrong.write_bytes(as_csv(bad(2, "usia", "130")))
    with pytest.raises(CommandError, match="1 masalah"):
        call_command("import_cases", "--task-force", "18.71", str(wrong))
    assert "baris 4, kolom usia" in capsys.readouterr().err
    call_command("import_cases", "--task-force", "18.71", str(good), "--dry-run")
    assert not Case.objects.exists()
    call_command("import_cases", "--task-force", "18.71", str(good), "--verified")
    assert "2 kasus, 3 korban diimpor" in capsys.readouterr().out
    assert Case.objects.filter(is_official=True).count() == 2


def test_the_import_page_previews_then_imports(login, verifier_a, tf_a, django_capture_on_commit_callbacks):
    client = login(verifier_a)
    url = reverse("cases:import", args=[tf_a.code])
    r = client.post(url, {"file": SimpleUploadedFile("salah.csv", as_csv(bad(2, "usia", "130")))})
    assert r.status_code == 400 and "Usia harus antara 0 dan 120" in r.content.decode()
    # the list of columns says what a service's date column holds, and what an empty one means
    columns = re.search(r'<details id="import-columns">.*?</details>', r.content.decode(), re.S)[0]
    assert "tanggal_layanan" in columns and "bukan tanggal lapor" in columns
    r = client.post(url, {"file": SimpleUploadedFile("kasus.csv", as_csv(GOOD)), "as_verified": "on"})
    assert "3 baris, 2 kasus, 3 korban" in r.content.decode()
    assert not Case.objects.exists()
    job = r.context["job"]
    with django_capture_on_commit_callbacks(execute=True):
        r = client.post(reverse("cases:import_commit", args=[tf_a.code, job.code]))
    assert Case.objects.filter(task_force=tf_a, status="verified").count() == 2


def test_a_large_import_runs_as_a_task_with_progress(login, officer_a, tf_a, settings,
                                                     django_capture_on_commit_callbacks):
    import cases.views

    cases.views.ASYNC_IMPORT_BYTES, old = 10, cases.views.ASYNC_IMPORT_BYTES
    try:
        client = login(officer_a)
        r = client.post(reverse("cases:import", args=[tf_a.code]),
                        {"file": SimpleUploadedFile("kasus.csv", as_csv(GOOD))})
        job = r.context["job"]
        with django_capture_on_commit_callbacks(execute=True):
            r = client.post(reverse("cases:import_commit", args=[tf_a.code, job.code]))
        assert r.url == reverse("cases:import_status", args=[tf_a.code, job.code])
        page = client.get(r.url, HTTP_HX_REQUEST="true").content.decode()
        assert "selesai" in page and "2 kasus diimpor" in page
    finally:
        cases.views.ASYNC_IMPORT_BYTES = old


def test_exports_neutralise_formulas_and_hide_identities_from_viewers(login, officer_a, viewer_a, tf_a):
    case = CaseFactory(task_force=tf_a, register_number="=cmd|' /C calc'!A0")
    VictimFactory(case=case, name="@SUM(1+1)", initials="S.", nik="1871014506990002")
    r = login(officer_a).post(reverse("cases:export_identities", args=[tf_a.code]),
                              {"fmt": "csv", "purpose": "rujukan layanan ke Dinas Sosial"})
    rows = list(csv.reader(io.StringIO(r.content.decode("utf-8-sig"))))
    assert rows[1][0] == "'=cmd|' /C calc'!A0" and "'@SUM(1+1)" in rows[1]
    r = login(viewer_a).get(reverse("cases:export", args=[tf_a.code, "xlsx"]))
    ws = load_workbook(io.BytesIO(r.content)).active
    values = [c for row in ws.iter_rows(values_only=True) for c in row]
    assert "nama_korban" not in values and "1871014506990002" not in values and "S." in values


def test_the_blank_template_matches_the_import(login, officer_a, tf_a):
    r = login(officer_a).get(reverse("cases:import_template", args=[tf_a.code, "xlsx"]))
    header = next(load_workbook(io.BytesIO(r.content)).active.iter_rows(values_only=True))
    assert list(header) == COLUMNS


def _with_services(row, dates, agencies):
    row = list(row)
    row[COLUMNS.index("tanggal_layanan")] = dates
    row[COLUMNS.index("instansi_layanan")] = agencies
    return row


def test_each_imported_service_keeps_its_own_date_and_provider(tf_a):
    rows = [_with_services(GOOD[0], "2023-05-17;2023-05-24",
                           "UPTD PPA Kota Bandar Lampung;Dinas Sosial Provinsi Lampung"),
            _with_services(GOOD[1], "18/05/2023", "UPTD PPA Kota Bandar Lampung"),
            _with_services(GOOD[2], "", "")]
    result = imp(tf_a, as_csv(rows))
    assert result.ok, result.errors
    siti = {s.type: (s.date, s.provider_agency)
            for s in Service.objects.filter(victim__age_at_incident=16)}
    assert siti == {"pengaduan": (date(2023, 5, 17), "UPTD PPA Kota Bandar Lampung"),
                    "rehabilitasi_sosial": (date(2023, 5, 24), "Dinas Sosial Provinsi Lampung")}
    dewi = Service.objects.get(victim__age_at_incident=24)
    assert (dewi.date, dewi.provider_agency) == (date(2023, 5, 18), "UPTD PPA Kota Bandar Lampung")
    # no date in the file: recorded without one (to complete), not as given on the report date
    budi = Service.objects.get(victim__age_at_incident=31)
    assert budi.date is None and budi.is_incomplete
    assert any("tanpa tanggal, bukan dengan tanggal lapor" in n and "baris 4" in n
               for n in result.notes), result.notes


@pytest.mark.parametrize("dates, agencies, column, message", [
    ("2023-05-17;2023-05-18;2023-05-19", "", "tanggal_layanan", "2 layanan, 3 nilai"),
    ("", "UPTD PPA;Dinas Sosial;Polresta", "instansi_layanan", "2 layanan, 3 nilai"),
    ("2999-01-01", "", "tanggal_layanan", "tidak boleh di masa depan"),
])
def test_service_dates_and_providers_that_do_not_fit_are_refused(tf_a, dates, agencies, column,
                                                                 message):
    result = imp(tf_a, as_csv([_with_services(GOOD[0], dates, agencies)]))
    assert [(e.row, e.column) for e in result.errors] == [(2, column)]
    assert message in result.errors[0].message
    assert not Case.objects.exists()


def test_a_service_date_without_a_service_is_refused(tf_a):
    row = _with_services(GOOD[2], "2023-06-02", "")
    row[13] = ""  # no layanan
    result = imp(tf_a, as_csv([row]))
    assert [(e.row, e.column) for e in result.errors] == [(2, "tanggal_layanan")]
    assert "Kolom layanan kosong" in result.errors[0].message
