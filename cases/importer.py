"""Import of case records from .xlsx/.csv: one row per victim, rows sharing `no_kasus` form one case.

All or nothing: every row is checked first (row number, column, message in Indonesian); a file
with any bad row writes nothing. Columns are declared once in SPECS (name, aliases, parser,
required, length); a victim's stored fields come from `validation.victim_fields`, as in the form.
What a person would reasonably type is accepted (headers in any case, a title row or an
instructions sheet above the data, `Laki-laki`, `-` for empty, `25 tahun`, `5 Maret 2025`,
region codes Excel turned into numbers), and every guess is reported in `ImportResult.notes`. Valid files are written with bulk inserts in one transaction,
history rows included, so 10,000 rows take seconds rather than minutes.
"""

import csv
import io
import math
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import DataError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from simple_history.utils import bulk_create_with_history

from gugus_tugas.models import Region, TaskForce
from gugus_tugas.services.audit import audit_record

from .countries import resolve_country
from .models import Case, CaseAccess, Exploitation, RoutePoint, Service, Victim
from .services import duplicates_of
from .validation import NAME_MAX, check_dates, clean_text, victim_fields
from .versioning import cases_changed

MAX_ROWS = 50_000
HEADER_SEARCH_ROWS = 30  # a title, a date or instructions may stand above the header row
EMPTY = {"", "-", "–", "—", "--"}
FORMULA_START = ("=", "+", "@")


@dataclass
class RowError:
    row: int | None  # None: the file as a whole
    column: str
    message: str


@dataclass
class ImportResult:
    rows: int = 0
    cases: int = 0
    victims: int = 0
    errors: list[RowError] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # how guessed values were read
    duplicates: list[str] = field(default_factory=list)  # other task forces' names only
    created: list[str] = field(default_factory=list)  # register numbers

    @property
    def ok(self) -> bool:
        return not self.errors


class FileError(Exception):
    pass


class _Formula(str):
    pass


# ---------------------------------------------------------------------------------------------
# Reading: a table of raw cells, wherever its header row is


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


def _table(header_row: int, header: list, rows, *, where: str | None) -> Table:
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
    if where or header_row != 1:
        table.notes.append(_("Baris judul kolom dibaca dari baris %(row)s%(where)s.") % {
            "row": header_row, "where": where or ""})
    return table


def _read_xlsx(data: bytes) -> Table:
    from openpyxl import load_workbook

    if not data.startswith(b"PK"):
        raise FileError(_("Berkas .xlsx rusak atau bukan berkas Excel."))
    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
        try:
            sheets = [(ws.title, list(enumerate(ws.iter_rows(values_only=True), start=1)))
                      for ws in wb.worksheets]
        finally:
            wb.close()
    except FileError:
        raise
    except Exception:  # noqa: BLE001 (a truncated or odd file can fail anywhere inside openpyxl)
        raise FileError(_("Berkas .xlsx rusak atau terpotong; simpan ulang dari Excel lalu "
                          "unggah lagi.")) from None
    if not sheets or not any(rows for _title, rows in sheets):
        raise FileError(_("Berkas kosong."))
    for index, (title, rows) in enumerate(sheets):
        found = _find_header(rows)
        if found:
            number, header = found
            where = _(" lembar “%(sheet)s”") % {"sheet": title} if index else None
            return _table(number, header, rows[number:], where=where)
    title, rows = sheets[0]
    return _table(1, rows[0][1] if rows else [], rows[1:], where=None)


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
    return _table(number, header, rows[start:], where=None)


# ---------------------------------------------------------------------------------------------
# Columns: each declared once, with its parser, its aliases, whether it is required, its limit


class Bad(ValueError):
    """A cell that cannot be read; its message is the one shown."""


@dataclass
class Context:
    regions: set[str]
    month_first: set[str] = field(default_factory=set)  # date columns read month/day/year
    notes: dict[str, str] = field(default_factory=dict)  # one note per kind of guess

    def note(self, key: str, message: str) -> None:
        self.notes.setdefault(key, message)


@dataclass(frozen=True)
class Column:
    name: str
    parse: Callable[[object, Context, str], object]  # (value, context, column) -> value
    aliases: tuple[str, ...] = ()
    required: bool = False  # in the header and in every row
    max_length: int | None = None
    message: str = ""  # when required and empty
    case_level: bool = False  # the same in every row of one case


def _text(value, ctx, column):
    return clean_text(str(value))


def _parse_date_cell(value, ctx, column):
    try:
        return parse_date(value, month_first=column in ctx.month_first)
    except (ValueError, OverflowError):
        raise Bad(_("Tanggal tidak dikenali. Gunakan 2023-05-17, 17/05/2023 atau "
                    "17 Mei 2023.")) from None


def _region(value, ctx, column):
    if isinstance(value, bool):
        raise Bad(_("Kode wilayah %(code)s tidak dikenal.") % {"code": value})
    if isinstance(value, float) and math.isfinite(value):
        text = str(int(value)) if value.is_integer() else f"{value:.2f}"
    else:
        text = str(value).strip()
    if re.fullmatch(r"\d{4}", text):
        text = f"{text[:2]}.{text[2:]}"
    padded = text + "0" if re.fullmatch(r"\d{2}\.\d", text) else text
    if padded not in ctx.regions:
        raise Bad(_("Kode wilayah %(code)s tidak dikenal.") % {"code": value})
    if padded != str(value).strip():
        ctx.note(f"region-{column}", _(
            "Kolom %(column)s: kode %(raw)s dibaca sebagai %(code)s (Excel membuang angka 0 di "
            "belakang koma; format kolom sebagai teks).") % {
            "column": column, "raw": value, "code": padded})
    return padded


def _country(value, ctx, column):
    country = resolve_country(str(value))
    if country is None:
        raise Bad(_("Negara %(name)s tidak dikenal.") % {"name": value})
    return country


SEXES = {"l": "L", "lk": "L", "laki": "L", "laki_laki": "L", "lakilaki": "L", "pria": "L",
         "p": "P", "pr": "P", "pr_": "P", "perempuan": "P", "wanita": "P", "w": "P"}


def _sex(value, ctx, column):
    key = re.sub(r"[^a-z]+", "_", str(value).strip().lower()).strip("_")
    if key not in SEXES:
        raise Bad(_("Jenis kelamin harus L atau P (atau Laki-laki / Perempuan)."))
    return SEXES[key]


def _age(value, ctx, column):
    if isinstance(value, int | float) and not isinstance(value, bool):
        if math.isfinite(value) and float(value).is_integer():
            return int(value)
        raise Bad(_("Usia harus bilangan bulat tahun, mis. 25 atau 25 tahun."))
    match = re.fullmatch(r"(\d{1,3})(?:[.,]0+)?\s*(?:tahun|thn|th)?\.?", str(value).strip(), re.I)
    if not match:
        raise Bad(_("Usia harus bilangan bulat tahun, mis. 25 atau 25 tahun."))
    return int(match.group(1))


EXCEL_ROUNDED = _l("Excel membulatkan angka ini: format kolom sebagai teks, lalu ketik ulang NIK.")


def _nik(value, ctx, column):
    """The NIK as typed; a number Excel stored as a float (15 significant digits) is refused."""
    if isinstance(value, bool):
        raise Bad(_("NIK harus 16 digit angka."))
    if isinstance(value, float):
        if not value.is_integer() or value >= 1e16 or int(value) % 10 == 0:
            raise Bad(str(EXCEL_ROUNDED))
        return str(int(value))
    if isinstance(value, int):
        return str(value)
    text = str(value).strip()
    if re.fullmatch(r"\d(?:[.,]\d+)?[eE]\+?\d+", text):
        raise Bad(str(EXCEL_ROUNDED))
    return re.sub(r"^(\d{16})\.0+$", r"\1", text)


def _codes(choices, message):
    def parse(value, ctx, column):
        codes = [c.strip() for c in str(value).split(";") if c.strip()]
        for code in codes:
            if code not in choices:
                raise Bad(message % {"code": code})
        return list(dict.fromkeys(codes))
    return parse


SPECS: dict[str, Column] = {c.name: c for c in [
    Column("no_kasus", _text, ("nomor_kasus", "no_register", "nomor_register", "no"),
           required=True, max_length=Case._meta.get_field("register_number").max_length,
           message=_l("Nomor kasus wajib diisi.")),
    Column("tanggal_lapor", _parse_date_cell, ("tgl_lapor", "tanggal_laporan", "tanggal_pelaporan"),
           required=True, message=_l("Tanggal lapor wajib diisi."), case_level=True),
    Column("tanggal_kejadian", _parse_date_cell, ("tgl_kejadian",), case_level=True),
    Column("kode_wilayah_kejadian", _region, ("wilayah_kejadian",), case_level=True),
    Column("nama_korban", _text, ("nama", "nama_lengkap", "nama_lengkap_korban"), required=True,
           max_length=NAME_MAX, message=_l("Nama korban wajib diisi.")),
    Column("nik_korban", _nik, ("nik",)),
    Column("jenis_kelamin", _sex, ("jk", "l/p", "kelamin", "jenis_kelamin_korban"), required=True,
           message=_l("Jenis kelamin harus L atau P.")),
    Column("tanggal_lahir", _parse_date_cell, ("tgl_lahir",)),
    Column("usia", _age, ("umur", "usia_korban", "umur_korban")),
    Column("kode_wilayah_asal", _region, ("wilayah_asal", "daerah_asal")),
    Column("kode_wilayah_tujuan", _region, ("wilayah_tujuan", "daerah_tujuan")),
    Column("negara_tujuan", _country, ("negara",)),
    Column("bentuk_eksploitasi", _codes(Exploitation.Type.values, _l(
        "Kode eksploitasi tidak dikenal: %(code)s")), ("eksploitasi",)),
    Column("layanan", _codes(Service.Type.values, _l("Kode layanan tidak dikenal: %(code)s"))),
]}
COLUMNS = list(SPECS)
ALIASES = {alias: c.name for c in SPECS.values() for alias in c.aliases}
# what victim_fields() calls each of its fields, in the file's words
VICTIM_COLUMNS = {"name": "nama_korban", "sex": "jenis_kelamin", "nik": "nik_korban",
                  "birth_date": "tanggal_lahir", "age": "usia"}

MONTHS = {name: number for number, names in enumerate([
    ("januari", "january", "jan"), ("februari", "pebruari", "february", "feb", "peb"),
    ("maret", "march", "mar"), ("april", "apr"), ("mei", "may"), ("juni", "june", "jun"),
    ("juli", "july", "jul"), ("agustus", "august", "agu", "agt", "ags", "aug"),
    ("september", "sept", "sep"), ("oktober", "october", "okt", "oct"),
    ("november", "nopember", "nov", "nop"), ("desember", "december", "des", "dec")], start=1)
    for name in names}
NUMERIC_DATE = re.compile(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})")


def parse_date(value, *, month_first: bool = False) -> date | None:
    if value is None or (isinstance(value, str) and value.strip() in EMPTY):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int | float) or (isinstance(value, str) and re.fullmatch(r"\d{5}", value)):
        serial = int(float(value))
        if 20000 < serial < 80000:  # a spreadsheet date serial
            return date(1899, 12, 30) + timedelta(days=serial)
        raise ValueError
    text = str(value).strip()
    if match := re.fullmatch(r"(\d{4})[/.\-](\d{1,2})[/.\-](\d{1,2})", text):
        year, month, day = map(int, match.groups())
        return date(year, month, day)
    if match := NUMERIC_DATE.fullmatch(text):
        first, second, year = map(int, match.groups())
        return date(year, first, second) if month_first else date(year, second, first)
    if match := re.fullmatch(r"(\d{1,2})[\s\-./]+([a-z]+)\.?[\s\-./]+(\d{4})", text.lower()):
        day, month, year = match.groups()
        if month not in MONTHS:
            raise ValueError
        return date(int(year), MONTHS[month], int(day))
    raise ValueError


def date_orders(table: Table) -> tuple[set[str], list[RowError]]:
    """Day-first is the Indonesian default; a date column that shows itself month-first (a
    second part above 12, as an English-language Excel writes 2/20/2025) is read month-first
    throughout, and a column showing both orders is refused rather than read half each way."""
    month_first, errors = set(), []
    for column in ("tanggal_lapor", "tanggal_kejadian", "tanggal_lahir"):
        day_first_at = month_first_at = None
        for number, raw in table.rows:
            match = isinstance(raw.get(column), str) and NUMERIC_DATE.fullmatch(raw[column].strip())
            if not match:
                continue
            first, second = int(match.group(1)), int(match.group(2))
            if first > 12 and day_first_at is None:
                day_first_at = (number, raw[column])
            if second > 12 and month_first_at is None:
                month_first_at = (number, raw[column])
        if month_first_at and day_first_at:
            errors.append(RowError(month_first_at[0], column, _(
                "Urutan tanggal bercampur: %(a)s (baris %(ra)s) hanya dapat dibaca hari/bulan, "
                "%(b)s (baris %(rb)s) hanya bulan/hari. Samakan formatnya, mis. 2025-02-20.")
                % {"a": day_first_at[1], "ra": day_first_at[0], "b": month_first_at[1],
                   "rb": month_first_at[0]}))
        elif month_first_at:
            month_first.add(column)
    return month_first, errors


@dataclass
class _Row:
    number: int
    values: dict  # column name -> parsed value
    victim: dict  # a victim's stored fields, from victim_fields()

    no_kasus = property(lambda self: self.values["no_kasus"])
    report_date = property(lambda self: self.values["tanggal_lapor"])
    incident_date = property(lambda self: self.values["tanggal_kejadian"])
    incident_region = property(lambda self: self.values["kode_wilayah_kejadian"])
    origin_region = property(lambda self: self.values["kode_wilayah_asal"])
    destination_region = property(lambda self: self.values["kode_wilayah_tujuan"])
    destination_country = property(lambda self: self.values["negara_tujuan"] or "")
    exploitation = property(lambda self: self.values["bentuk_eksploitasi"] or [])
    services = property(lambda self: self.values["layanan"] or [])


def _parse_row(number: int, raw: dict, ctx: Context) -> tuple[_Row | None, list[RowError]]:
    errors = [RowError(number, column, _("Rumus atau nilai berawalan =, +, -, @ tidak "
                                         "diperbolehkan."))
              for column, value in raw.items() if _is_formula(value)]
    if errors:
        return None, errors
    values = {}
    for spec in SPECS.values():
        value = raw.get(spec.name)
        if isinstance(value, str):
            value = value.strip()
        if value is None or (isinstance(value, str) and value in EMPTY):
            values[spec.name] = None
            if spec.required:
                errors.append(RowError(number, spec.name, str(spec.message)))
            continue
        try:
            parsed = spec.parse(value, ctx, spec.name)
        except Bad as e:
            errors.append(RowError(number, spec.name, str(e)))
            continue
        if spec.max_length and len(parsed) > spec.max_length:
            errors.append(RowError(number, spec.name, _(
                "Paling panjang %(n)s karakter (tertulis %(len)s).")
                % {"n": spec.max_length, "len": len(parsed)}))
            continue
        if spec.required and parsed in ("", None):
            errors.append(RowError(number, spec.name, str(spec.message)))
        values[spec.name] = parsed
    report, incident = values.get("tanggal_lapor"), values.get("tanggal_kejadian")
    if report or incident:
        try:
            check_dates(report_date=report or incident, incident_date=incident)
        except ValidationError as e:
            column = "tanggal_kejadian" if report and incident and incident > report \
                else "tanggal_lapor"
            errors.append(RowError(number, column, " ".join(e.messages)))
    failed = {e.column for e in errors}
    victim = {}
    if report and not failed & {"tanggal_lapor", "tanggal_kejadian", *VICTIM_COLUMNS.values()}:
        try:
            victim = victim_fields(
                name=values["nama_korban"], sex=values["jenis_kelamin"],
                nik=values["nik_korban"] or "", birth_date=values["tanggal_lahir"],
                age=values["usia"], on=incident or report)
        except ValidationError as e:
            for key, messages in e.message_dict.items():
                column = VICTIM_COLUMNS[key]
                if column == "nik_korban" and _looks_rounded(raw.get(column)):
                    messages = [str(EXCEL_ROUNDED)]
                errors.append(RowError(number, column, " ".join(messages)))
    if errors:
        return None, errors
    return _Row(number, values, victim), []


def _is_formula(value) -> bool:
    if isinstance(value, _Formula):
        return True
    if not isinstance(value, str):
        return False
    text = value.strip()
    if text in EMPTY:
        return False
    return text.startswith(FORMULA_START) or (text.startswith("-") and not
                                              re.fullmatch(r"-\d+", text))


def _looks_rounded(value) -> bool:
    """16 digits ending in 0, as Excel leaves a number of more than 15 significant digits."""
    return bool(re.fullmatch(r"\d{15}0(?:\.0+)?", str(value or "").strip()))


def validate(table: Table, *, task_force: TaskForce) -> tuple[list[_Row], list[RowError], list[str]]:
    missing = [c.name for c in SPECS.values() if c.required and c.name not in table.header]
    if missing:
        return [], [RowError(table.header_row, c, _("Kolom wajib tidak ada di baris judul."))
                    for c in missing], []
    ctx = Context(regions=set(Region.objects.values_list("code", flat=True)))
    ctx.month_first, errors = date_orders(table)
    for column in sorted(ctx.month_first):
        ctx.note(f"month-first-{column}", _(
            "Kolom %(column)s dibaca sebagai bulan/hari/tahun (format Excel berbahasa Inggris), "
            "karena ada tanggal yang hanya dapat dibaca begitu.") % {"column": column})
    parsed: list[_Row] = []
    for number, raw in table.rows:
        row, row_errors = _parse_row(number, raw, ctx)
        errors += row_errors
        if row is not None:
            parsed.append(row)
    # rows of one case must agree on the case's own columns
    first: dict[str, _Row] = {}
    for row in parsed:
        other = first.setdefault(row.no_kasus, row)
        if other is row:
            continue
        for spec in SPECS.values():
            if spec.case_level and row.values[spec.name] != other.values[spec.name]:
                errors.append(RowError(row.number, spec.name, _(
                    "Berbeda dari baris %(row)s untuk nomor kasus yang sama.") % {"row": other.number}))
    taken = set(Case.objects.filter(task_force=task_force, register_number__in=list(first))
                .values_list("register_number", flat=True))
    for number in sorted(taken):
        errors.append(RowError(first[number].number, "no_kasus",
                               _("Nomor kasus %(n)s sudah tercatat.") % {"n": number}))
    if not table.rows and not errors:
        errors.append(RowError(None, "", _("Tidak ada baris data.")))
    return parsed, errors, [*table.notes, *ctx.notes.values()]


def run_import(*, task_force: TaskForce, data: bytes, filename: str, acting_user=None,
               as_verified: bool = False, dry_run: bool = False, progress=None) -> ImportResult:
    """Check, then (unless dry_run or any error) write everything in one transaction."""
    result = ImportResult()
    try:
        table = read_table(data, filename)
    except FileError as e:
        result.errors.append(RowError(None, "", str(e)))
        return result
    parsed, errors, result.notes = validate(table, task_force=task_force)
    result.rows = len(table.rows)
    result.errors = sorted(errors, key=lambda e: (e.row or 0, e.column))
    if progress:
        progress(30)
    if result.errors:
        return result
    groups: dict[str, list[_Row]] = {}
    for row in parsed:
        groups.setdefault(row.no_kasus, []).append(row)
    result.cases, result.victims = len(groups), len(parsed)
    probe = [Victim(nik_hash=r.victim["nik_hash"], identity_hash=r.victim["identity_hash"])
             for r in parsed]
    result.duplicates = duplicates_of(probe)
    if dry_run:
        return result
    try:
        with transaction.atomic():
            _write(task_force, groups, acting_user=acting_user, as_verified=as_verified,
                   progress=progress)
            audit_record(task_force=task_force, actor=acting_user, action="case.import",
                         filename=filename, cases=result.cases, victims=result.victims,
                         verified=as_verified)
            cases_changed(task_force=task_force)
    except DataError:  # a value the checks above let through but the database refuses
        result.errors.append(RowError(None, "", _(
            "Basis data menolak sebuah nilai (terlalu panjang atau di luar batas); tidak ada "
            "data yang diimpor. Laporkan berkas ini kepada pengelola aplikasi.")))
        return result
    result.created = list(groups)
    return result


def _write(task_force, groups, *, acting_user, as_verified, progress):
    now = timezone.now()
    TaskForce.objects.select_for_update().filter(pk=task_force.pk).first()
    last = dict(Case.objects.filter(task_force=task_force).values("year")
                .annotate(m=Max("sequence")).values_list("year", "m"))
    status = Case.Status.VERIFIED if as_verified else Case.Status.SUBMITTED
    cases = []
    for number, rows in groups.items():
        r = rows[0]
        year = r.report_date.year
        last[year] = last.get(year, 0) + 1
        cases.append(Case(
            task_force=task_force, register_number=number, year=year, sequence=last[year],
            report_date=r.report_date, incident_date=r.incident_date,
            incident_region_id=r.incident_region, intake_channel=Case.Intake.OTHER,
            status=status, is_official=as_verified, submitted_at=now,
            verified_at=now if as_verified else None,
            verified_by=acting_user if as_verified else None, created_by=acting_user,
            created_at=now, updated_at=now,
        ))
    cases = bulk_create_with_history(cases, Case, batch_size=1000, default_user=acting_user)
    if cases and cases[0].pk is None:
        raise RuntimeError("bulk insert returned no ids")  # PostgreSQL and SQLite 3.35+ do
    ids = {c.register_number: c.pk for c in cases}
    if progress:
        progress(50)
    CaseAccess.objects.bulk_create(
        [CaseAccess.for_case(c, task_force=task_force, kind=CaseAccess.Kind.OWNER) for c in cases],
        batch_size=2000)
    exploitation, route, victims, victim_services = [], [], [], []
    for number, rows in groups.items():
        case_id = ids[number]
        for code in dict.fromkeys(c for r in rows for c in r.exploitation):
            exploitation.append(Exploitation(case_id=case_id, task_force=task_force, type=code))
        r0 = rows[0]
        origins = dict.fromkeys(r.origin_region for r in rows if r.origin_region)
        for order, code in enumerate(origins):
            route.append(RoutePoint(case_id=case_id, task_force=task_force, kind="origin",
                                    region_id=code, order=order))
        if r0.destination_region or r0.destination_country:
            route.append(RoutePoint(case_id=case_id, task_force=task_force, kind="destination",
                                    region_id=r0.destination_region,
                                    country=r0.destination_country, order=len(origins)))
        for r in rows:
            victims.append(Victim(case_id=case_id, task_force=task_force,
                                  origin_region_id=r.origin_region, **r.victim))
            victim_services.append((r.services, r.report_date))
    Exploitation.objects.bulk_create(exploitation, batch_size=5000)
    RoutePoint.objects.bulk_create(route, batch_size=5000)
    victims = bulk_create_with_history(victims, Victim, batch_size=1000, default_user=acting_user)
    if progress:
        progress(75)
    if victims and victims[0].pk is None:
        raise RuntimeError("bulk insert returned no ids")  # PostgreSQL and SQLite 3.35+ do
    services = [Service(victim=v, case_id=v.case_id, task_force=task_force, type=code,
                        status=Service.Status.GIVEN, date=when)
                for v, (codes, when) in zip(victims, victim_services, strict=True)
                for code in dict.fromkeys(codes)]
    bulk_create_with_history(services, Service, batch_size=2000, default_user=acting_user)
    if progress:
        progress(95)


def template_rows() -> list[list[str]]:
    return [COLUMNS, ["18.71/2024/0001", "2024-03-05", "2024-02-20", "18.71", "Nama Korban",
                      "1871014506990002", "P", "1999-06-05", "", "18.71", "", "Malaysia",
                      "kerja_paksa;pekerja_rumah_tangga", "pengaduan;rehabilitasi_sosial"]]
