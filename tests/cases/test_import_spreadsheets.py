"""The spreadsheets people really have (issue 11): each file is built here as a secretariat
would have made it. What a person would reasonably type is accepted, with a note saying how a
guessed value was read; what cannot be read gets a message, never a traceback; all or nothing."""

import csv
import io
import zipfile
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from openpyxl import Workbook

from cases.importer import COLUMNS, run_import
from cases.models import Case, Victim
from gugus_tugas.scoping import task_force_scope
from tests.cases.factories import opened

pytestmark = pytest.mark.django_db

ROW = {"no_kasus": "18.71/2025/0001", "tanggal_lapor": "2025-03-05",
       "tanggal_kejadian": "2025-02-20", "kode_wilayah_kejadian": "18.71",
       "nama_korban": "Siti Aminah", "nik_korban": "1871014506060002", "jenis_kelamin": "P",
       "tanggal_lahir": "2006-06-05", "usia": "", "kode_wilayah_asal": "18.71",
       "kode_wilayah_tujuan": "", "negara_tujuan": "Malaysia",
       "bentuk_eksploitasi": "kerja_paksa", "layanan": "pengaduan",
       "tanggal_layanan": "2025-03-05", "instansi_layanan": "UPTD PPA Kota Bandar Lampung",
       "restitusi_dimohonkan": "", "restitusi_diputus": "", "restitusi_dibayar": ""}


def rows_of(*changes, header=COLUMNS):
    """One row per dict of changes to ROW, as lists in the order of `header` (canonical names
    or what a person typed, matched to ROW's keys by position in COLUMNS)."""
    out = []
    for i, change in enumerate(changes):
        row = {**ROW, "no_kasus": f"18.71/2025/{i + 1:04d}", **change}
        out.append([row[c] for c in COLUMNS])
    return [list(header), *out]


def csv_bytes(table, delimiter=",", newline="\r\n"):
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator=newline).writerows(table)
    return out.getvalue().encode()


def xlsx_bytes(*sheets):
    """sheets: (title, rows) pairs; the first is the workbook's first sheet."""
    wb = Workbook()
    wb.remove(wb.active)
    for title, rows in sheets:
        ws = wb.create_sheet(title)
        for row in rows:
            ws.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def imp(tf, data, name="kasus.csv", **kw):
    with task_force_scope(tf):
        return run_import(task_force=tf, data=data, filename=name, **kw)


def accepted(result):
    assert result.ok, result.errors
    return result


def refused(result, column, text, row=None):
    assert not result.ok
    assert any(e.column == column and text in e.message and (row is None or e.row == row)
               for e in result.errors), result.errors
    assert not Case.objects.exists() and not Victim.objects.exists()
    return result


@pytest.mark.parametrize("header", [
    ["No Kasus", "Tanggal Lapor", "Tanggal Kejadian", "Kode Wilayah Kejadian", "Nama Korban",
     "NIK Korban", "Jenis Kelamin", "Tanggal Lahir", "Usia", "Kode Wilayah Asal",
     "Kode Wilayah Tujuan", "Negara Tujuan", "Bentuk Eksploitasi", "Layanan"],
    [c.upper() for c in COLUMNS],
    ["No. Kasus", "Tgl Lapor", "Tgl Kejadian", "Wilayah Kejadian", "Nama", "NIK", "L/P",
     "Tgl Lahir", "Umur", "Daerah Asal", "Daerah Tujuan", "Negara", "Eksploitasi", "Layanan"],
])
def test_headers_written_as_people_write_them_are_understood(tf_a, header):
    accepted(imp(tf_a, csv_bytes(rows_of({}, header=header))))
    assert Victim.objects.get().initials == "S.A."


def test_a_title_row_above_the_header_is_skipped_and_rows_keep_their_sheet_numbers(tf_a):
    table = [["Data korban TPPO Kota Bandar Lampung 2025"], [], *rows_of({}, {"usia": "abc",
                                                                              "tanggal_lahir": ""})]
    result = refused(imp(tf_a, xlsx_bytes(("Data", table)), "kasus.xlsx"), "usia", "bulat",
                     row=5)
    assert "baris 3" in " ".join(result.notes)
    result = accepted(imp(tf_a, xlsx_bytes(("Data", table[:4])), "kasus.xlsx"))
    assert "baris 3" in " ".join(result.notes)


def test_an_instructions_sheet_before_the_data_is_skipped(tf_a):
    guide = [["Petunjuk pengisian"], ["Isi satu baris per korban."], ["Tanggal: 2025-03-05"]]
    result = accepted(imp(tf_a, xlsx_bytes(("Petunjuk", guide), ("Data", rows_of({}))),
                          "kasus.xlsx"))
    assert "Data" in " ".join(result.notes) and Case.objects.count() == 1


@pytest.mark.parametrize("typed,stored", [("Laki-laki", "L"), ("Perempuan", "P"),
                                          ("laki laki", "L"), ("PEREMPUAN", "P"), ("Lk", "L")])
def test_sex_written_out_is_understood(tf_a, typed, stored):
    accepted(imp(tf_a, csv_bytes(rows_of({"jenis_kelamin": typed, "nik_korban": ""}))))
    assert Victim.objects.get().sex == stored


def test_a_dash_means_empty(tf_a):
    accepted(imp(tf_a, csv_bytes(rows_of({"tanggal_kejadian": "-", "nik_korban": "-",
                                          "kode_wilayah_tujuan": "-", "layanan": "-",
                                          "negara_tujuan": "—", "tanggal_layanan": "-",
                                          "instansi_layanan": "–"}))))
    case = Case.objects.get()
    with opened():
        assert case.incident_date is None and case.victims.get().nik == ""


@pytest.mark.parametrize("typed", ["25 tahun", "25 thn", "25", "25 Tahun"])
def test_an_age_with_its_unit_is_understood(tf_a, typed):
    accepted(imp(tf_a, csv_bytes(rows_of({"usia": typed, "tanggal_lahir": "",
                                          "nik_korban": ""}))))
    victim = Victim.objects.get()
    assert victim.age_at_incident == 25 and victim.age_group == "25-44" and not victim.is_child


@pytest.mark.parametrize("typed", ["5 Maret 2025", "05.03.2025", "5 Mar 2025", "5-Maret-2025",
                                   "05/03/2025", "2025-03-05"])
def test_indonesian_month_names_and_dotted_dates_are_understood(tf_a, typed):
    accepted(imp(tf_a, csv_bytes(rows_of({"tanggal_lapor": typed}))))
    assert Case.objects.get().report_date == date(2025, 3, 5)


def test_region_codes_that_excel_turned_into_numbers_are_padded_back(tf_a):
    table = rows_of({"kode_wilayah_kejadian": 18.1, "kode_wilayah_asal": 18.71,
                     "nik_korban": ""})
    result = accepted(imp(tf_a, xlsx_bytes(("Data", table)), "kasus.xlsx"))
    case = Case.objects.get()
    assert case.incident_region_id == "18.10" and case.victims.get().origin_region_id == "18.71"
    assert "18.10" in " ".join(result.notes)
    Case.objects.all().delete()
    accepted(imp(tf_a, csv_bytes(rows_of({"kode_wilayah_kejadian": "18.1",
                                          "no_kasus": "18.71/2025/0009"}))))


@pytest.mark.parametrize("change,message", [
    ({"tanggal_lahir": "2006-06-06"}, "Tanggal lahir pada NIK"),
    ({"jenis_kelamin": "L"}, "jenis kelamin P"),
    ({"nik_korban": "1871010506060002"}, "jenis kelamin L"),
])
def test_a_nik_that_contradicts_the_row_is_refused(tf_a, change, message):
    refused(imp(tf_a, csv_bytes(rows_of(change))), "nik_korban", message, row=2)


def test_month_first_dates_are_read_month_first_throughout_with_a_note(tf_a):
    table = rows_of({"tanggal_lapor": "2/20/2025", "tanggal_kejadian": "",
                     "tanggal_lahir": "", "nik_korban": "", "usia": "20"},
                    {"tanggal_lapor": "3/5/2025", "tanggal_kejadian": "",
                     "tanggal_lahir": "", "nik_korban": "", "usia": "20"})
    result = accepted(imp(tf_a, csv_bytes(table)))
    assert sorted(Case.objects.values_list("report_date", flat=True)) == [
        date(2025, 2, 20), date(2025, 3, 5)]  # 3/5 is 5 March here, not 3 May
    assert "bulan/hari/tahun" in " ".join(result.notes)


def test_a_column_showing_both_date_orders_is_refused(tf_a):
    table = rows_of({"tanggal_lapor": "2/20/2025", "tanggal_kejadian": ""},
                    {"tanggal_lapor": "20/2/2025", "tanggal_kejadian": ""})
    refused(imp(tf_a, csv_bytes(table)), "tanggal_lapor", "Urutan tanggal bercampur")


def test_a_name_longer_than_the_form_allows_is_refused(tf_a):
    refused(imp(tf_a, csv_bytes(rows_of({"nama_korban": "A" * 300}))), "nama_korban", "200")


def test_a_csv_field_over_128_kb_gets_a_message(tf_a):
    result = imp(tf_a, csv_bytes(rows_of({"nama_korban": "A" * 140_000})))
    assert not result.ok and result.errors[0].row is None
    assert "terlalu panjang" in result.errors[0].message


def test_old_mac_line_endings_are_read(tf_a):
    accepted(imp(tf_a, csv_bytes(rows_of({}, {}), newline="\r")))
    assert Case.objects.count() == 2


@pytest.mark.parametrize("typed", ["1e999", "-1", "2.5", "inf", "dua puluh"])
def test_an_unreadable_age_gets_a_message(tf_a, typed):
    refused(imp(tf_a, csv_bytes(rows_of({"usia": typed, "tanggal_lahir": "",
                                         "nik_korban": ""}))), "usia", "")


@pytest.mark.parametrize("value,message", [("1e999", "bulat"), (1e300, "120"), (2.5, "bulat")])
def test_an_unreadable_age_in_a_sheet_gets_a_message(tf_a, value, message):
    table = rows_of({"usia": value, "tanggal_lahir": "", "nik_korban": ""})
    refused(imp(tf_a, xlsx_bytes(("Data", table)), "kasus.xlsx"), "usia", message)


def test_a_truncated_sheet_gets_a_message(tf_a):
    data = xlsx_bytes(("Data", rows_of({}, {}, {})))
    for cut in (len(data) // 2, len(data) - 200, 300):
        result = imp(tf_a, data[:cut], "kasus.xlsx")
        assert not result.ok and result.errors[0].row is None
        assert "rusak" in result.errors[0].message
    # a whole zip whose sheet part is cut short
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            content = src.read(item)
            dst.writestr(item, content[: len(content) // 2] if "sheet" in item.filename else
                         content)
    result = imp(tf_a, out.getvalue(), "kasus.xlsx")
    assert not result.ok and "rusak" in result.errors[0].message
    assert not Case.objects.exists()


@pytest.mark.parametrize("name", ["ŉa ŉb ŉc", "ßa ßb ßc", "ﬃ ﬃ ﬃ"])
def test_names_whose_capitals_expand_are_imported(tf_a, name):
    accepted(imp(tf_a, csv_bytes(rows_of({"nama_korban": name, "nik_korban": ""}))))
    victim = Victim.objects.get()
    with opened():
        assert victim.name == name and len(victim.initials) <= 8


@pytest.mark.parametrize("fmt,value", [
    ("xlsx", 1871014506060000.0),  # what Excel keeps of a 16-digit number
    ("xlsx", 1.87101e15),
    ("csv", "1.87101E+15"),
    ("csv", "1871014506060000"),
])
def test_a_nik_that_excel_rounded_says_so(tf_a, fmt, value):
    table = rows_of({"nik_korban": value})
    data = xlsx_bytes(("Data", table)) if fmt == "xlsx" else csv_bytes(table)
    result = refused(imp(tf_a, data, f"kasus.{fmt}"), "nik_korban", "Excel membulatkan")
    assert "tanggal lahir" not in result.errors[0].message


def test_a_nik_stored_as_a_whole_number_is_accepted(tf_a):
    accepted(imp(tf_a, xlsx_bytes(("Data", rows_of({"nik_korban": 1871014506060002}))),
                 "kasus.xlsx"))
    with opened():
        assert Victim.objects.get().nik == "1871014506060002"


def test_file_level_errors_are_not_shown_as_row_0(tf_a, login, officer_a, tmp_path, capsys):
    result = imp(tf_a, b"PK\x03\x04 broken", "kasus.xlsx")
    assert [e.row for e in result.errors] == [None]
    r = login(officer_a).post(reverse("cases:import", args=[tf_a.code]),
                              {"file": SimpleUploadedFile("kasus.xlsx", b"PK\x03\x04 broken")})
    cells = r.content.decode().split('id="import-errors"')[1]
    assert "<td>0</td>" not in cells and "seluruh berkas" in cells
    path = tmp_path / "kasus.xlsx"
    path.write_bytes(b"PK\x03\x04 broken")
    with pytest.raises(CommandError):
        call_command("import_cases", "--task-force", tf_a.code, str(path))
    err = capsys.readouterr().err
    assert "baris 0" not in err and err.startswith("berkas: ")


def test_the_import_page_shows_how_guessed_values_were_read(tf_a, login, officer_a):
    data = csv_bytes(rows_of({"kode_wilayah_kejadian": "18.1"}))
    r = login(officer_a).post(reverse("cases:import", args=[tf_a.code]),
                              {"file": SimpleUploadedFile("kasus.csv", data)})
    assert r.status_code == 200 and "18.10" in r.content.decode().split('id="import-notes"')[1]


def test_a_value_the_database_refuses_at_commit_gets_a_message(tf_a, monkeypatch):
    """Were a column's declared limit ever looser than the database's, the commit would fail:
    the person gets a message, not a traceback, and nothing is written."""
    import dataclasses

    from cases.importer import columns

    monkeypatch.setitem(columns.SPECS, "no_kasus",
                        dataclasses.replace(columns.SPECS["no_kasus"], max_length=None))
    result = imp(tf_a, csv_bytes(rows_of({"no_kasus": "18.71/2025/" + "9" * 40})))
    assert not result.ok and result.errors[0].row is None
    assert "Basis data menolak" in result.errors[0].message
    assert not Case.objects.exists() and not Victim.objects.exists()


def test_an_empty_sheet_is_refused(tf_a):
    result = imp(tf_a, xlsx_bytes(("Kosong", [])), "kasus.xlsx")
    assert not result.ok and "kosong" in result.errors[0].message.lower()


def test_a_numbering_column_is_ignored_and_a_column_given_twice_is_refused(tf_a):
    header, *rows = rows_of({}, {})
    numbered = [["No", *header], *[[i + 1, *row] for i, row in enumerate(rows)]]
    accepted(imp(tf_a, xlsx_bytes(("Data", numbered)), "kasus.xlsx"))
    assert Case.objects.count() == 2
    Case.objects.all().delete()
    twice = [[*header, "Nama"], *[[*row, "Orang Lain"] for row in rows]]
    result = imp(tf_a, csv_bytes(twice))
    assert [(e.row, e.column) for e in result.errors] == [(1, "nama_korban")]
    assert "lebih dari sekali" in result.errors[0].message and not Case.objects.exists()


def test_a_date_that_could_be_read_either_way_is_read_day_first_and_the_note_says_so(tf_a):
    result = accepted(imp(tf_a, csv_bytes(rows_of({"tanggal_lapor": "3/5/2025",
                                                   "tanggal_kejadian": ""}))))
    assert Case.objects.get().report_date == date(2025, 5, 3)
    assert "2025-05-03" in " ".join(result.notes) and "hari/bulan/tahun" in " ".join(result.notes)


def test_the_command_prints_how_guessed_values_were_read(tf_a, tmp_path, capsys):
    path = tmp_path / "kasus.csv"
    path.write_bytes(csv_bytes(rows_of({"kode_wilayah_kejadian": "18.1"})))
    call_command("import_cases", "--task-force", tf_a.code, str(path), "--dry-run")
    out = capsys.readouterr().out
    assert "Catatan:" in out and "18.10" in out
