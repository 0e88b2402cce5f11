"""One spreadsheet writer (gugus_tugas.spreadsheets) for the case export, the import template and
the annual report's .xlsx: each sheet has a bold frozen header row and set column widths, and no
cell can run as a formula."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from cases.importer import COLUMNS
from gugus_tugas.spreadsheets import Sheet, csv_bytes, label, xlsx_bytes
from reports.rendering import render_report
from tests.cases.factories import CaseFactory, VictimFactory

pytestmark = pytest.mark.django_db


def assert_house_style(content: bytes):
    wb = load_workbook(io.BytesIO(content))
    for ws in wb.worksheets:
        assert ws.freeze_panes == "A2", ws.title
        assert all(c.font.bold for c in ws[1] if c.value is not None), ws.title
        assert ws.column_dimensions["A"].width >= 10, ws.title
    return wb


def test_the_writer_neutralises_formulas_and_writes_labels():
    from cases.models import Case

    rows = [["=1+1", "+62 812", "-SUM(A1)", "@x", 5, label(Case.Status, "verified")]]
    wb = load_workbook(io.BytesIO(xlsx_bytes([Sheet("s", list("abcdef"), rows)])))
    assert [c.value for c in wb.active[2]] == ["'=1+1", "'+62 812", "'-SUM(A1)", "'@x", 5,
                                                "terverifikasi"]
    text = csv_bytes(["=h"], [["=1+1"]]).decode("utf-8")
    assert text.startswith("\ufeff'=h") and "'=1+1" in text


def test_the_case_export_and_the_import_template_use_the_writer(login, officer_a, tf_a):
    VictimFactory(case=CaseFactory(task_force=tf_a))
    client = login(officer_a)
    assert_house_style(client.get(reverse("cases:export", args=[tf_a.code, "xlsx"])).content)
    wb = assert_house_style(client.get(reverse("cases:import_template",
                                               args=[tf_a.code, "xlsx"])).content)
    assert [c.value for c in wb.active[1]] == COLUMNS
    r = client.get(reverse("cases:import_template", args=[tf_a.code, "csv"]))
    assert r.content.decode("utf-8-sig").splitlines()[0] == ",".join(COLUMNS)


def test_the_report_xlsx_uses_the_writer(tf_a_province):
    out = render_report(tf_a_province, 2024)
    wb = assert_house_style(out.xlsx)
    assert "Ringkasan" in wb.sheetnames

