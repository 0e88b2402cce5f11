"""The one spreadsheet writer: case exports, the import template and the annual report's .xlsx.

Every sheet gets a bold, frozen header row and column widths; every text cell that a spreadsheet
would run as a formula (=, +, -, @, tab, CR) gets a leading apostrophe; coded values are written as
their labels (`label()`). CSV is UTF-8 with a BOM so Excel opens it in the right encoding.
"""

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.http import HttpResponse

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV = "text/csv; charset=utf-8"
FORMATS = {"xlsx": XLSX, "csv": CSV}
DANGEROUS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """A text cell is never a formula: prefix an apostrophe to what a spreadsheet would run."""
    if isinstance(value, str) and value.startswith(DANGEROUS):
        return "'" + value
    return value


def label(choices, value) -> str:
    """The label of a coded value (a Django TextChoices class), or the value if unknown."""
    if value in (None, ""):
        return ""
    try:
        return str(choices(value).label)
    except ValueError:
        return str(value)


@dataclass
class Sheet:
    title: str
    header: Sequence[str]
    rows: Iterable[Sequence]
    widths: Sequence[int] | None = None  # characters; default from the header


def _widths(sheet: Sheet) -> list[int]:
    if sheet.widths:
        return list(sheet.widths)
    return [min(max(len(str(h)) + 2, 10), 60) for h in sheet.header]


def xlsx_bytes(sheets: Sequence[Sheet]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    wb = Workbook(write_only=True)
    bold = Font(bold=True)
    for sheet in sheets:
        ws = wb.create_sheet(sheet.title[:31])
        for i, width in enumerate(_widths(sheet), start=1):
            ws.column_dimensions[get_column_letter(i)].width = width
        ws.freeze_panes = "A2"
        header = []
        for h in sheet.header:
            cell = WriteOnlyCell(ws, value=neutralise(h))
            cell.font = bold
            header.append(cell)
        ws.append(header)
        for row in sheet.rows:
            ws.append([neutralise(v) for v in row])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def csv_bytes(header: Sequence[str], rows: Iterable[Sequence]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([neutralise(h) for h in header])
    for row in rows:
        writer.writerow([neutralise(v) for v in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def spreadsheet(sheet: Sheet, fmt: str) -> tuple[bytes, str]:
    """One sheet as .xlsx or .csv bytes, with its content type."""
    if fmt == "csv":
        return csv_bytes(sheet.header, sheet.rows), CSV
    if fmt == "xlsx":
        return xlsx_bytes([sheet]), XLSX
    raise ValueError(f"unknown spreadsheet format {fmt!r}")


def download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
