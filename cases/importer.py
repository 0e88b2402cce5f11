"""Import of case records from .xlsx/.csv: one row per victim, rows sharing `no_kasus` form one case.

All or nothing: every row is checked first (row number, column, message in Indonesian); a file
with any bad row writes nothing. Valid files are written with bulk inserts in one transaction,
history rows included, so 10,000 rows take seconds rather than minutes.
"""

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from gugus_tugas.models import Region, TaskForce
from gugus_tugas.services.audit import audit_record

from .countries import resolve_country
from .crypto import keyed_hash
from .models import Case, CaseAccess, Exploitation, RoutePoint, Service, Victim, age_group
from .services import duplicates_of
from .validation import clean_nik, clean_text, derive_age, initials
from .versioning import cases_changed

COLUMNS = ["no_kasus", "tanggal_lapor", "tanggal_kejadian", "kode_wilayah_kejadian",
           "nama_korban", "nik_korban", "jenis_kelamin", "tanggal_lahir", "usia",
           "kode_wilayah_asal", "kode_wilayah_tujuan", "negara_tujuan", "bentuk_eksploitasi",
           "layanan"]
REQUIRED = ["no_kasus", "tanggal_lapor", "nama_korban", "jenis_kelamin"]
CASE_LEVEL = ["tanggal_lapor", "tanggal_kejadian", "kode_wilayah_kejadian", "kode_wilayah_tujuan",
              "negara_tujuan"]
FORMULA_START = ("=", "+", "@")
MAX_ROWS = 50_000


@dataclass
class RowError:
    row: int
    column: str
    message: str


@dataclass
class ImportResult:
    rows: int = 0
    cases: int = 0
    victims: int = 0
    errors: list[RowError] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)  # other task forces' names only
    created: list[str] = field(default_factory=list)  # register numbers

    @property
    def ok(self) -> bool:
        return not self.errors


class FileError(Exception):
    pass


def read_rows(data: bytes, filename: str) -> list[dict]:
    """Header + rows as dicts of raw cell values; formulas refused cell by cell."""
    name = filename.lower()
    if len(data) > settings.MAX_UPLOAD_BYTES:
        raise FileError(_("Berkas terlalu besar (batas 10 MB)."))
    if name.endswith(".xlsx"):
        return _read_xlsx(data)
    if name.endswith(".csv"):
        return _read_csv(data)
    raise FileError(_("Jenis berkas tidak didukung. Unggah .xlsx atau .csv."))


def _read_xlsx(data: bytes) -> list[dict]:
    import zipfile

    from openpyxl import load_workbook

    if not data.startswith(b"PK"):
        raise FileError(_("Berkas .xlsx rusak atau bukan berkas Excel."))
    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError):
        raise FileError(_("Berkas .xlsx rusak atau bukan berkas Excel.")) from None
    ws = wb.worksheets[0]
    rows = ws.iter_rows(values_only=True)
    header = next(rows, None)
    if not header:
        raise FileError(_("Berkas kosong."))
    header = [str(h).strip() if h is not None else "" for h in header]
    out = []
    for values in rows:
        if values is None or all(v in (None, "") for v in values):
            continue
        row = {}
        for key, value in zip(header, values, strict=False):
            if key:
                if isinstance(value, str) and value.startswith("="):
                    value = _Formula(value)
                row[key] = value
        out.append(row)
        if len(out) > MAX_ROWS:
            raise FileError(_("Berkas berisi lebih dari %(n)s baris.") % {"n": MAX_ROWS})
    wb.close()
    return [dict(_header=header)] + out


def _read_csv(data: bytes) -> list[dict]:
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
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    header = next(reader, None)
    if not header:
        raise FileError(_("Berkas kosong."))
    header = [h.strip() for h in header]
    out = []
    for values in reader:
        if not any(v.strip() for v in values):
            continue
        row = {}
        for key, value in zip(header, values, strict=False):
            if key:
                value = value.strip()
                if value.startswith(FORMULA_START) or (value.startswith("-") and not
                                                        re.fullmatch(r"-\d+", value)):
                    value = _Formula(value)
                row[key] = value
        out.append(row)
        if len(out) > MAX_ROWS:
            raise FileError(_("Berkas berisi lebih dari %(n)s baris.") % {"n": MAX_ROWS})
    return [dict(_header=header)] + out


class _Formula(str):
    pass


def parse_date(value) -> date | None:
    if value in (None, ""):
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
    for fmt in ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y"):
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError


def region_code(value, regions: set[str]) -> str | None:
    text = str(value).strip() if value not in (None, "") else ""
    if not text:
        return None
    if re.fullmatch(r"\d{4}", text):
        text = f"{text[:2]}.{text[2:]}"
    if text not in regions:
        raise ValueError
    return text


@dataclass
class _Row:
    number: int
    no_kasus: str
    report_date: date
    incident_date: date | None
    incident_region: str | None
    destination_region: str | None
    destination_country: str
    name: str
    nik: str
    sex: str
    birth_date: date | None
    age: int | None
    origin_region: str | None
    exploitation: list[str]
    services: list[str]


def validate(rows: list[dict], *, task_force: TaskForce) -> tuple[list[_Row], list[RowError]]:
    header = rows[0]["_header"]
    errors: list[RowError] = []
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        return [], [RowError(1, c, _("Kolom wajib tidak ada di baris judul.")) for c in missing]
    regions = set(Region.objects.values_list("code", flat=True))
    parsed: list[_Row] = []
    for index, raw in enumerate(rows[1:], start=2):
        def err(column, message, index=index):
            errors.append(RowError(index, column, message))

        bad = False
        for column, value in raw.items():
            if isinstance(value, _Formula):
                err(column, _("Rumus atau nilai berawalan =, +, -, @ tidak diperbolehkan."))
                bad = True
        if bad:
            continue

        def text(column, raw=raw):
            value = raw.get(column)
            return "" if value is None else str(value).strip()

        no_kasus = clean_text(text("no_kasus"))
        if not no_kasus:
            err("no_kasus", _("Nomor kasus wajib diisi."))
        elif len(no_kasus) > 32:
            err("no_kasus", _("Nomor kasus paling panjang 32 karakter."))
        dates = {}
        for column in ("tanggal_lapor", "tanggal_kejadian", "tanggal_lahir"):
            try:
                dates[column] = parse_date(raw.get(column))
            except (ValueError, OverflowError):
                err(column, _("Tanggal tidak dikenali. Gunakan 2023-05-17 atau 17/05/2023."))
                dates[column] = None
        report, incident = dates["tanggal_lapor"], dates["tanggal_kejadian"]
        if report is None and "tanggal_lapor" not in {e.column for e in errors if e.row == index}:
            err("tanggal_lapor", _("Tanggal lapor wajib diisi."))
        today = timezone.localdate()
        if report and report > today:
            err("tanggal_lapor", _("Tanggal lapor tidak boleh di masa depan."))
        if report and incident and incident > report:
            err("tanggal_kejadian", _("Tanggal kejadian sesudah tanggal lapor."))
        codes = {}
        for column in ("kode_wilayah_kejadian", "kode_wilayah_asal", "kode_wilayah_tujuan"):
            try:
                codes[column] = region_code(raw.get(column), regions)
            except ValueError:
                err(column, _("Kode wilayah %(code)s tidak dikenal.") % {"code": text(column)})
                codes[column] = None
        country = resolve_country(text("negara_tujuan"))
        if country is None:
            err("negara_tujuan", _("Negara %(name)s tidak dikenal.") % {"name": text("negara_tujuan")})
            country = ""
        name = clean_text(text("nama_korban"))
        if not name:
            err("nama_korban", _("Nama korban wajib diisi."))
        try:
            nik = clean_nik(text("nik_korban"))
        except Exception as e:  # ValidationError
            err("nik_korban", " ".join(getattr(e, "messages", [str(e)])))
            nik = ""
        sex = text("jenis_kelamin").upper()
        if sex not in ("L", "P"):
            err("jenis_kelamin", _("Jenis kelamin harus L atau P."))
        age = None
        if text("usia"):
            try:
                age = int(float(text("usia")))
            except ValueError:
                err("usia", _("Usia harus berupa angka."))
        if report:
            try:
                age = derive_age(birth_date=dates["tanggal_lahir"], age=age,
                                 on=incident or report)
            except Exception as e:  # ValidationError
                column = "tanggal_lahir" if dates["tanggal_lahir"] else "usia"
                err(column, " ".join(getattr(e, "messages", [str(e)])))
        exploitation = [c.strip() for c in text("bentuk_eksploitasi").split(";") if c.strip()]
        for code in exploitation:
            if code not in Exploitation.Type.values:
                err("bentuk_eksploitasi", _("Kode eksploitasi tidak dikenal: %(code)s") % {"code": code})
        services = [c.strip() for c in text("layanan").split(";") if c.strip()]
        for code in services:
            if code not in Service.Type.values:
                err("layanan", _("Kode layanan tidak dikenal: %(code)s") % {"code": code})
        if any(e.row == index for e in errors):
            continue
        parsed.append(_Row(index, no_kasus, report, incident, codes["kode_wilayah_kejadian"],
                           codes["kode_wilayah_tujuan"], country, name, nik, sex,
                           dates["tanggal_lahir"], age, codes["kode_wilayah_asal"],
                           exploitation, services))
    # rows of one case must agree on the case's own columns
    first: dict[str, _Row] = {}
    for row in parsed:
        other = first.setdefault(row.no_kasus, row)
        if other is row:
            continue
        for attr, column in (("report_date", "tanggal_lapor"), ("incident_date", "tanggal_kejadian"),
                             ("incident_region", "kode_wilayah_kejadian")):
            if getattr(row, attr) != getattr(other, attr):
                errors.append(RowError(row.number, column, _(
                    "Berbeda dari baris %(row)s untuk nomor kasus yang sama.") % {"row": other.number}))
    taken = set(Case.objects.filter(task_force=task_force, register_number__in=list(first))
                .values_list("register_number", flat=True))
    for number in sorted(taken):
        errors.append(RowError(first[number].number, "no_kasus",
                               _("Nomor kasus %(n)s sudah tercatat.") % {"n": number}))
    if not parsed and not errors:
        errors.append(RowError(2, "", _("Tidak ada baris data.")))
    return parsed, errors


def run_import(*, task_force: TaskForce, data: bytes, filename: str, acting_user=None,
               as_verified: bool = False, dry_run: bool = False, progress=None) -> ImportResult:
    """Check, then (unless dry_run or any error) write everything in one transaction."""
    result = ImportResult()
    try:
        rows = read_rows(data, filename)
    except FileError as e:
        result.errors.append(RowError(0, "", str(e)))
        return result
    parsed, errors = validate(rows, task_force=task_force)
    result.rows = len(rows) - 1
    result.errors = sorted(errors, key=lambda e: (e.row, e.column))
    if progress:
        progress(30)
    if result.errors:
        return result
    groups: dict[str, list[_Row]] = {}
    for row in parsed:
        groups.setdefault(row.no_kasus, []).append(row)
    result.cases, result.victims = len(groups), len(parsed)
    probe = [Victim(nik_hash=keyed_hash("nik", r.nik) if r.nik else "",
                    identity_hash=keyed_hash("id", r.name, r.birth_date.isoformat())
                    if r.birth_date else "") for r in parsed]
    result.duplicates = duplicates_of(probe)
    if dry_run:
        return result
    with transaction.atomic():
        _write(task_force, groups, acting_user=acting_user, as_verified=as_verified,
               progress=progress)
        audit_record(task_force=task_force, actor=acting_user, action="case.import",
                     filename=filename, cases=result.cases, victims=result.victims,
                     verified=as_verified)
        cases_changed(task_force=task_force)
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
            victims.append(Victim(
                case_id=case_id, task_force=task_force, name=r.name, nik=r.nik,
                initials=initials(r.name), sex=r.sex, birth_date=r.birth_date,
                age_at_incident=r.age, age_group=age_group(r.age),
                is_child=None if r.age is None else r.age < 18,
                origin_region_id=r.origin_region,
                nik_hash=keyed_hash("nik", r.nik) if r.nik else "",
                identity_hash=keyed_hash("id", r.name, r.birth_date.isoformat())
                if r.birth_date else "",
            ))
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
