"""Reading an uploaded .xlsx or .csv into a table of raw cells, wherever its header row is: a
title, a date or an instructions sheet may stand before the data."""

import csv
import io
import re
import unicodedata
from dataclasses import dataclass, field
from itertools import islice

from django.conf import settings
from django.utils.translation import gettext as _

from .columns import ALIASES, EMPTY, SPECS

MAX_ROWS = 50_000
HEADER_SEARCH_ROWS = 30  # a title, a date or instructions may stand above the header row


class FileError(Exception):
    pass




@dataclass
class Table:
    header: list[str]  # canonical column names ("" for a column we do not know)
    rows: list[tuple[int, dict]]  # (row number in the sheet, {column: raw value})
    notes: list[str] = field(default_factory=list)
    header_row: int = 1


def normalise_header(value) -> str:
    """`No Kasus`, `NO_KASUS`, ` no-kasus ` -> `no_kasus`; an alias -> its column's name."""
    text = unicodedata.normalize("NFKC", str(value or "")).strip().lower()
    text = re.sub(r"[^a-z0-9/]+", "_", text).strip("_")
    return ALIASES.get(text, text)


def read_table(data: bytes, filename: str) -> Table:
    name = filename.lower()
    if len(data) > settings.MAX_UPLOAD_BYTES:
        raise FileError(_("Berkas terlalu besar (batas 10 MB)."))
    if name.endswith(".xlsx"):
        return _read_xlsx(data)
    if name.endswith(".csv"):
        return _read_csv(data)
    raise FileError(_("Jenis berkas tidak didukung. Unggah .xlsx atau .csv."))


def _find_header(rows, sheet: str | None = None) -> tuple[int, list] | None:
    """The first row among the first few that names at least three known columns."""
    for number, values in rows:
        if number > HEADER_SEARCH_ROWS:
            return None
        names = {normalise_header(v) for v in values if v not in (None, "")}
        if len(names & set(SPECS)) >= 3:
            return number, values
    return None


def _table(header_row: int, header: list, rows, *, sheet: str | None) -> Table:
    header = [normalise_header(h) for h in header]
    out = []
    for number, values in rows:
        if values is None or all(v is None or str(v).strip() in EMPTY for v in values):
            continue
        out.append((number, {key: value for key, value in zip(header, values, strict=False)
                             if key}))
        if len(out) > MAX_ROWS:
            raise FileError(_("Berkas berisi lebih dari %(n)s baris.") % {"n": MAX_ROWS})
    table = Table(header=header, rows=out, header_row=header_row)
    if sheet:
        table.notes.append(_("Baris judul kolom dibaca dari baris %(row)s lembar “%(sheet)s”.")
                           % {"row": header_row, "sheet": sheet})
    elif header_row != 1:
        table.notes.append(_("Baris judul kolom dibaca dari baris %(row)s.") % {"row": header_row})
    return table


def _read_xlsx(data: bytes) -> Table:
    from openpyxl import load_workbook

    if not data.startswith(b"PK"):
        raise FileError(_("Berkas .xlsx rusak atau bukan berkas Excel."))
    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
        try:
            return _sheet_table(wb)
        finally:
            wb.close()
    except FileError:
        raise
    except Exception:  # noqa: BLE001 (a truncated or odd file can fail anywhere inside openpyxl)
        raise FileError(_("Berkas .xlsx rusak atau terpotong; simpan ulang dari Excel lalu "
                          "unggah lagi.")) from None


def _sheet_table(wb) -> Table:
    """The first sheet whose first rows hold a header row (an instructions sheet may come
    first), else the first sheet; its rows are streamed, not loaded at once."""
    def numbered(ws, start=0, stop=None):
        return islice(enumerate(ws.iter_rows(values_only=True), start=1), start, stop)

    for index, ws in enumerate(wb.worksheets):
        found = _find_header(list(numbered(ws, stop=HEADER_SEARCH_ROWS)))
        if found:
            number, header = found
            return _table(number, header, numbered(ws, start=number),
                          sheet=ws.title if index else None)
    first = list(numbered(wb.worksheets[0], stop=1)) if wb.worksheets else []
    if not first or not any(v not in (None, "") for v in first[0][1]):
        raise FileError(_("Berkas kosong."))
    return _table(1, first[0][1], numbered(wb.worksheets[0], start=1), sheet=None)


def _read_csv(data: bytes) -> Table:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            raise FileError(_("Berkas .csv tidak dapat dibaca (gunakan UTF-8).")) from None
    if "\x00" in text:
        raise FileError(_("Berkas .csv tidak dapat dibaca (gunakan UTF-8)."))
    sample = text[:4096]
    delimiter = ";" if sample.count(";") > sample.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)  # \r, \n or \r\n
    rows = []
    try:
        for values in reader:
            rows.append((reader.line_num, [v.strip() for v in values]))
            if len(rows) > MAX_ROWS + HEADER_SEARCH_ROWS:
                raise FileError(_("Berkas berisi lebih dari %(n)s baris.") % {"n": MAX_ROWS})
    except csv.Error:
        raise FileError(_("Baris %(row)s berkas .csv tidak dapat dibaca: sel terlalu panjang "
                          "(batas 128 KB) atau tanda kutip tidak ditutup.")
                        % {"row": reader.line_num + 1}) from None
    if not rows:
        raise FileError(_("Berkas kosong."))
    found = _find_header(rows)
    number, header = found or rows[0]
    start = next(i for i, (n, _v) in enumerate(rows) if n == number) + 1
    return _table(number, header, rows[start:], sheet=None)

