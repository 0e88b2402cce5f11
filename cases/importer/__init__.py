"""Import of case records from .xlsx/.csv: one row per victim, rows sharing `no_kasus` form one case.

All or nothing: every row is checked first (row number, column, message in Indonesian); a file
with any bad row writes nothing. Columns are declared once in SPECS (name, aliases, parser,
required, length); a victim's stored fields come from `validation.victim_fields`, as in the form.
What a person would reasonably type is accepted (headers in any case, a title row or an
instructions sheet above the data, `Laki-laki`, `-` for empty, `25 tahun`, `5 Maret 2025`,
region codes Excel turned into numbers), and every guess is reported in `ImportResult.notes`.
Valid files are written with bulk inserts in one transaction, history rows included, so 10,000
rows take seconds rather than minutes.

Package: `reading` finds the table in the file, `columns` declares and parses each column, this
module checks rows together and writes them.
"""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import DataError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from gugus_tugas.models import AuditEvent, Region, TaskForce
from gugus_tugas.services.audit import audit_record

from ..models import (
    Case,
    CaseAccess,
    Exploitation,
    RoutePoint,
    Service,
    Victim,
    restitution_problem,
)
from ..services import duplicates_of
from ..validation import check_dates, victim_fields
from ..versioning import cases_changed
from .columns import (
    COLUMNS,
    EXCEL_ROUNDED,
    NUMERIC_DATE,
    SPECS,
    VICTIM_COLUMNS,
    Bad,
    Context,
    is_formula,
    looks_rounded,
    parse_date,
)
from .reading import FileError, Table, read_table

__all__ = ["COLUMNS", "FileError", "ImportResult", "RowError", "parse_date", "read_table",
           "run_import", "template_rows"]


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



def date_orders(table: Table, ctx: Context) -> list[RowError]:
    """Day-first is the Indonesian default; a date column that shows itself month-first (a
    second part above 12, as an English-language Excel writes 2/20/2025) is read month-first
    throughout, and a column showing both orders is refused rather than read half each way.
    Which way a column was read, when it could be either, is noted."""
    errors = []
    for column in ("tanggal_lapor", "tanggal_kejadian", "tanggal_lahir", "tanggal_layanan"):
        day_first_at = month_first_at = ambiguous_at = None
        for number, raw in table.rows:
            match = isinstance(raw.get(column), str) and NUMERIC_DATE.fullmatch(raw[column].strip())
            if not match:
                continue
            first, second = int(match.group(1)), int(match.group(2))
            if first > 12 and day_first_at is None:
                day_first_at = (number, raw[column])
            if second > 12 and month_first_at is None:
                month_first_at = (number, raw[column])
            if first <= 12 and second <= 12 and first != second and ambiguous_at is None:
                try:
                    ambiguous_at = (number, raw[column].strip(), parse_date(raw[column]))
                except ValueError:
                    pass
        if month_first_at and day_first_at:
            errors.append(RowError(month_first_at[0], column, _(
                "Urutan tanggal bercampur: %(a)s (baris %(ra)s) hanya dapat dibaca hari/bulan, "
                "%(b)s (baris %(rb)s) hanya bulan/hari. Samakan formatnya, mis. 2025-02-20.")
                % {"a": day_first_at[1], "ra": day_first_at[0], "b": month_first_at[1],
                   "rb": month_first_at[0]}))
        elif month_first_at:
            ctx.month_first.add(column)
            ctx.note(f"order-{column}", _(
                "Kolom %(column)s dibaca sebagai bulan/hari/tahun (format Excel berbahasa "
                "Inggris), karena ada tanggal yang hanya dapat dibaca begitu (%(example)s, baris "
                "%(row)s).") % {"column": column, "example": month_first_at[1],
                               "row": month_first_at[0]})
        elif ambiguous_at and not day_first_at:
            ctx.note(f"order-{column}", _(
                "Kolom %(column)s dibaca sebagai hari/bulan/tahun: %(example)s (baris %(row)s) "
                "dibaca %(date)s.") % {"column": column, "example": ambiguous_at[1],
                                       "row": ambiguous_at[0],
                                       "date": ambiguous_at[2].isoformat()})
    return errors


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
    service_details = property(lambda self: self.values["detail_layanan"])
    restitution = property(lambda self: {
        "restitution_requested": self.values["restitusi_dimohonkan"],
        "restitution_ordered": self.values["restitusi_diputus"],
        "restitution_paid": self.values["restitusi_dibayar"]})


def _parse_row(number: int, raw: dict, ctx: Context) -> tuple[_Row | None, list[RowError]]:
    errors = [RowError(number, column, _("Rumus atau nilai berawalan =, +, -, @ tidak "
                                         "diperbolehkan."))
              for column, value in raw.items() if is_formula(value)]
    if errors:
        return None, errors
    values = {}
    for spec in SPECS.values():
        try:
            values[spec.name] = spec.read(raw.get(spec.name), ctx)
        except Bad as e:
            values[spec.name] = None
            errors.append(RowError(number, spec.name, str(e)))
    errors += _date_errors(number, values)
    values["detail_layanan"], service_errors = _service_details(number, values, ctx)
    errors += service_errors
    if "restitusi_dibayar" not in {e.column for e in errors}:
        problem = restitution_problem(ordered=values["restitusi_diputus"],
                                      paid=values["restitusi_dibayar"])
        if problem:
            errors.append(RowError(number, "restitusi_dibayar", problem))
    victim = {}
    if not {e.column for e in errors} & {"tanggal_lapor", "tanggal_kejadian",
                                         *VICTIM_COLUMNS.values()}:
        victim, victim_errors = _victim(number, raw, values)
        errors += victim_errors
    if errors:
        return None, errors
    return _Row(number, values, victim), []


def _date_errors(number: int, values: dict) -> list[RowError]:
    report, incident = values["tanggal_lapor"], values["tanggal_kejadian"]
    if not report:
        return []
    try:
        check_dates(report_date=report, incident_date=incident)
    except ValidationError as e:
        column = "tanggal_kejadian" if incident and incident > report else "tanggal_lapor"
        return [RowError(number, column, " ".join(e.messages))]
    return []


def _service_details(number: int, values: dict, ctx: Context) -> tuple[list, list[RowError]]:
    """Each service of the row with its own date and provider agency: `tanggal_layanan` and
    `instansi_layanan` hold one value for all the row's services or one per service, in the
    order of `layanan`. A service without a date is recorded without one (shown incomplete on
    the case page), never with the report date as if it had been given that day."""
    codes = values["layanan"] or []
    dates, agencies = values["tanggal_layanan"] or [], values["instansi_layanan"] or []
    errors = []
    for column, given in (("tanggal_layanan", dates), ("instansi_layanan", agencies)):
        if given and not codes:
            errors.append(RowError(number, column, _(
                "Kolom layanan kosong: isi kode layanannya, atau kosongkan kolom ini.")))
        elif len(given) > 1 and len(given) != len(codes):
            errors.append(RowError(number, column, _(
                "Isi satu nilai untuk semua layanan di baris ini, atau satu per layanan "
                "(%(services)s layanan, %(values)s nilai).")
                % {"services": len(codes), "values": len(given)}))
    for when in dates:
        if when and when > timezone.localdate():
            errors.append(RowError(number, "tanggal_layanan",
                                   _("Tanggal layanan tidak boleh di masa depan.")))
            break
    if errors:
        return [], errors

    def nth(given, i, empty):
        return given[0] if len(given) == 1 else given[i] if given else empty

    details = [(code, nth(dates, i, None), nth(agencies, i, "")) for i, code in enumerate(codes)]
    if any(when is None for _code, when, _agency in details):
        ctx.note("service-undated", _(
            "Layanan tanpa tanggal_layanan (mis. baris %(row)s) dicatat tanpa tanggal, bukan "
            "dengan tanggal lapor, dan ditandai belum lengkap di halaman kasus: lengkapi "
            "tanggalnya di sana.") % {"row": number})
    return details, []


def _victim(number: int, raw: dict, values: dict) -> tuple[dict, list[RowError]]:
    """The victim's stored fields, built as the entry form builds them."""
    try:
        return victim_fields(
            name=values["nama_korban"], sex=values["jenis_kelamin"],
            nik=values["nik_korban"] or "", birth_date=values["tanggal_lahir"],
            age=values["usia"], on=values["tanggal_kejadian"] or values["tanggal_lapor"]), []
    except ValidationError as e:
        errors = []
        for key, messages in e.message_dict.items():
            column = VICTIM_COLUMNS[key]
            if column == "nik_korban" and looks_rounded(raw.get(column)):
                messages = [str(EXCEL_ROUNDED)]  # not "the birth-date part is wrong"
            errors.append(RowError(number, column, " ".join(messages)))
        return {}, errors



def validate(table: Table, *, task_force: TaskForce) -> tuple[list[_Row], list[RowError], list[str]]:
    missing = [c.name for c in SPECS.values() if c.required and c.name not in table.header]
    twice = [c for c in SPECS if table.header.count(c) > 1]
    if missing or twice:
        return [], [*(RowError(table.header_row, c, _("Kolom wajib tidak ada di baris judul."))
                      for c in missing),
                    *(RowError(table.header_row, c, _("Kolom ini muncul lebih dari sekali di baris "
                                                      "judul; hapus salah satunya."))
                      for c in twice)], []
    ctx = Context(regions=set(Region.objects.values_list("code", flat=True)))
    errors = date_orders(table, ctx)
    parsed: list[_Row] = []
    for number, raw in table.rows:
        row, row_errors = _parse_row(number, raw, ctx)
        errors += row_errors
        if row is not None:
            parsed.append(row)
    errors += _case_errors(parsed, task_force=task_force)
    if not table.rows and not errors:
        errors.append(RowError(None, "", _("Tidak ada baris data.")))
    return parsed, errors, [*table.notes, *ctx.notes.values()]


def _case_errors(parsed: list[_Row], *, task_force: TaskForce) -> list[RowError]:
    """Rows of one case agree on the case's own columns; its number is not taken yet."""
    errors, first = [], {}
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
    return errors


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
            created_at=now, updated_at=now, **r.restitution,
        ))
    cases = bulk_create_with_history(cases, Case, batch_size=1000, default_user=acting_user)
    if cases and cases[0].pk is None:
        raise RuntimeError("bulk insert returned no ids")  # PostgreSQL and SQLite 3.35+ do
    # one audit row per case, as entering it by hand writes: who recorded which case, when (and
    # the report page of a finalised year lists the cases imported into it afterwards)
    AuditEvent.objects.bulk_create(
        [AuditEvent(task_force=task_force, actor=acting_user, action="case.create",
                    object_type="cases.Case", object_code=str(c.code), at=now,
                    details={"import": True}) for c in cases], batch_size=5000)
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
            victim_services.append(r.service_details)
    Exploitation.objects.bulk_create(exploitation, batch_size=5000)
    RoutePoint.objects.bulk_create(route, batch_size=5000)
    victims = bulk_create_with_history(victims, Victim, batch_size=1000, default_user=acting_user)
    if progress:
        progress(75)
    if victims and victims[0].pk is None:
        raise RuntimeError("bulk insert returned no ids")  # PostgreSQL and SQLite 3.35+ do
    services = [Service(victim=v, case_id=v.case_id, task_force=task_force, type=code,
                        status=Service.Status.GIVEN, date=when, provider_agency=agency)
                for v, details in zip(victims, victim_services, strict=True)
                for code, when, agency in details]
    bulk_create_with_history(services, Service, batch_size=2000, default_user=acting_user)
    if progress:
        progress(95)


def template_rows() -> list[list[str]]:
    return [COLUMNS, ["18.71/2024/0001", "2024-03-05", "2024-02-20", "18.71", "Nama Korban",
                      "1871014506990002", "P", "1999-06-05", "", "18.71", "", "Malaysia",
                      "kerja_paksa;pekerja_rumah_tangga", "pengaduan;rehabilitasi_sosial",
                      "2024-03-05;2024-03-12",
                      "UPTD PPA Kota Bandar Lampung;Dinas Sosial Kota Bandar Lampung",
                      "50000000", "25000000", "10000000"]]
