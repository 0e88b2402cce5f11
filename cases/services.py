"""Writes on cases: atomic, validated, audited. Views, the import and tasks all call these."""

from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from gugus_tugas.models import TaskForce
from gugus_tugas.scoping import rls_bypass
from gugus_tugas.services.audit import audit_record

from . import workflow
from .models import (
    Case,
    CaseAccess,
    Exploitation,
    Perpetrator,
    Referral,
    ReferralParty,
    RoutePoint,
    Service,
    Victim,
)
from .validation import check_dates, clean_text, victim_fields
from .versioning import cases_changed


@dataclass
class VictimData:
    name: str
    sex: str
    nik: str = ""
    birth_date: date | None = None
    age: int | None = None
    nationality: str = "WNI"
    origin_region_id: str | None = None
    contact: str = ""
    education: str = ""
    occupation: str = ""
    marital_status: str = ""
    disability: bool = False
    # (type, status, date, provider agency) of each service
    services: list[tuple[str, str, date | None, str]] = field(default_factory=list)


def next_register_number(task_force: TaskForce, year: int) -> tuple[int, str]:
    """The next free sequence and register number of the year. An imported case keeps the number
    of its file, which may look like one of ours (`18.71/2026/0006` while our sequence is at 4):
    such numbers are skipped, never given twice."""
    TaskForce.objects.select_for_update().filter(pk=task_force.pk).first()  # serialise numbering
    cases = Case.objects.filter(task_force=task_force)
    seq = (cases.filter(year=year).aggregate(m=Max("sequence"))["m"] or 0) + 1
    while True:
        candidates = {f"{task_force.code}/{year}/{n:04d}": n for n in range(seq, seq + 50)}
        taken = set(cases.filter(register_number__in=list(candidates))
                    .values_list("register_number", flat=True))
        free = [number for number in candidates if number not in taken]
        if free:
            return candidates[free[0]], free[0]
        seq += 50


def build_victim(case: Case, data: VictimData) -> Victim:
    try:
        fields = victim_fields(name=data.name, sex=data.sex, nik=data.nik,
                               birth_date=data.birth_date, age=data.age, contact=data.contact,
                               on=case.incident_date or case.report_date)
    except ValidationError as e:
        raise ValidationError(e.messages) from None  # callers show them above the form
    return Victim(
        case=case, task_force=case.task_force, **fields, nationality=data.nationality or "WNI",
        education=data.education, occupation=clean_text(data.occupation),
        marital_status=data.marital_status, disability=data.disability,
        origin_region_id=data.origin_region_id or None,
    )


def duplicates_of(victims: list[Victim], *, exclude_case: Case | None = None) -> list[str]:
    """Names of other task forces that already recorded one of these people (same NIK, or same
    name and birth date). Only the task forces' names leave this function, never their data."""
    nik_hashes = {v.nik_hash for v in victims if v.nik_hash}
    id_hashes = {v.identity_hash for v in victims if v.identity_hash}
    if not nik_hashes and not id_hashes:
        return []
    from django.db.models import Q

    with rls_bypass(reason="duplicate check: other task forces' names only"):
        qs = Victim.objects.filter(Q(nik_hash__in=nik_hashes) | Q(identity_hash__in=id_hashes),
                                   deleted_at__isnull=True)
        if exclude_case is not None:
            qs = qs.exclude(case=exclude_case)
        names = sorted(set(qs.values_list("case__task_force__name", flat=True)))
    return names


@transaction.atomic
def case_create(
    *, task_force: TaskForce, acting_user, report_date: date, victims: list[VictimData],
    incident_date: date | None = None, intake_channel: str = Case.Intake.DIRECT,
    incident_region_id: str | None = None, incident_country: str = "",
    exploitation: list[str] = (), origin: tuple[str | None, str] | None = None,
    destination: tuple[str | None, str] | None = None, transit: list[tuple[str | None, str]] = (),
    narrative: str = "", notes: str = "", sector: str = "", means: str = "",
    submit: bool = False,
) -> Case:
    check_dates(report_date=report_date, incident_date=incident_date)
    if not victims:
        raise ValidationError(_("Sebuah kasus harus mempunyai sedikitnya satu korban."))
    seq, number = next_register_number(task_force, report_date.year)
    now = timezone.now()
    case = Case(
        task_force=task_force, register_number=number, year=report_date.year, sequence=seq,
        report_date=report_date, incident_date=incident_date, intake_channel=intake_channel,
        incident_region_id=incident_region_id or None, incident_country=incident_country or "",
        narrative=clean_text(narrative), notes=clean_text(notes), sector=sector, means=means,
        status=Case.Status.SUBMITTED if submit else Case.Status.DRAFT,
        submitted_at=now if submit else None, created_by=acting_user, created_at=now,
        updated_at=now, edited_by=acting_user,
        editors=[acting_user.pk] if acting_user is not None else [],
    )
    case.full_clean(exclude=["task_force", "created_by", "edited_by"])
    case.save()
    CaseAccess.for_case(case, task_force=task_force, kind=CaseAccess.Kind.OWNER).save()
    _save_details(case, victims=victims, exploitation=exploitation, origin=origin,
                  destination=destination, transit=transit)
    audit_record(task_force=task_force, actor=acting_user, action="case.create", obj=case,
                 register_number=number, submitted=submit)
    cases_changed(case=case)
    return case


def _save_details(case, *, victims, exploitation, origin, destination, transit):
    for t in dict.fromkeys(exploitation):
        if t not in Exploitation.Type.values:
            raise ValidationError(_("Bentuk eksploitasi tidak dikenal: %(code)s") % {"code": t})
        Exploitation.objects.create(case=case, task_force=case.task_force, type=t)
    order = 0
    for kind, points in ((RoutePoint.Kind.ORIGIN, [origin] if origin else []),
                         (RoutePoint.Kind.TRANSIT, list(transit)),
                         (RoutePoint.Kind.DESTINATION, [destination] if destination else [])):
        for region_id, country in points:
            if not region_id and not country:
                continue
            RoutePoint.objects.create(case=case, task_force=case.task_force, kind=kind,
                                      region_id=region_id or None, country=country or "",
                                      order=order)
            order += 1
    for data in victims:
        victim = build_victim(case, data)
        victim.save()
        for type_, status, when, provider in data.services:
            # case_create announces the change once for the whole case; a service ticked
            # without its date stays incomplete until completed on the case page
            _service_create(victim=victim, type=type_, status=status, date=when,
                            provider_agency=provider)


def _lock_services(case: Case, *, acting_user, task_force, version: int | None):
    """Start a write of a service: by the case's owner (the workflow's `record` row), or by a
    task force that accepted a referral of the case, under the same compare-and-set."""
    if case.task_force_id == task_force.pk:
        return _lock(case, "record", acting_user=acting_user, task_force=task_force,
                     version=version)
    with rls_bypass(reason="this case's own access rows, by its id"):
        receives = CaseAccess.objects.filter(case_id=case.pk, task_force=task_force,
                                             kind=CaseAccess.Kind.RECEIVER).exists()
    if not receives:
        raise PermissionDenied(_("Hanya gugus tugas pemilik atau penerima rujukan kasus ini yang "
                                 "dapat mencatat layanannya."))
    rows = Case.objects.select_for_update(of=("self",)).filter(
        pk=case.pk, deleted_at__isnull=True, status__in=workflow.sources("record"))
    if version is not None:
        rows = rows.filter(version=version)
    fresh = rows.first()
    if fresh is None:
        _load(case, Case.objects.get(pk=case.pk))
        if version is not None and case.version != version:
            raise _stale(case, version)
        raise ValidationError(workflow.refusal(case, "record"))
    _load(case, fresh)
    return workflow.require_transition(case, "record", user=acting_user)


@transaction.atomic
def service_add(*, victim: Victim, type: str, status: str = Service.Status.GIVEN,
                date: date | None, provider_agency: str = "", acting_user=None,
                task_force: TaskForce | None = None, version: int | None = None) -> Service:
    """Record a service given to a victim: by the case's owner, or by a task force the case was
    referred to (after it accepted), which the owner then sees on its case page."""
    case = victim.case
    task_force = task_force or case.task_force
    _lock_services(case, acting_user=acting_user, task_force=task_force, version=version)
    if date is None:
        raise ValidationError(_("Isi tanggal layanan."))
    service = _service_create(victim=victim, type=type, status=status, date=date,
                              provider_agency=provider_agency, task_force=task_force,
                              acting_user=acting_user)
    # a receiver's service is its own record: it does not make anyone of it an editor of the
    # owner's case (four eyes)
    _touch(case, [], acting_user=acting_user, content=task_force.pk == case.task_force_id)
    audit_record(task_force=task_force, actor=acting_user, action="service.add", obj=case,
                 type=type, service=str(service.code))
    return service


def _service_create(*, victim, type, status, date, provider_agency="", task_force=None,
                    acting_user=None) -> Service:
    """Check and write one service; the caller announces the change (once per case)."""
    if type not in Service.Type.values:
        raise ValidationError(_("Jenis layanan tidak dikenal: %(code)s") % {"code": type})
    if date is not None and date > timezone.localdate():
        raise ValidationError(_("Tanggal layanan tidak boleh di masa depan."))
    service = Service(victim=victim, case=victim.case, task_force=task_force or victim.task_force,
                      type=type, status=status, date=date,
                      provider_agency=clean_text(provider_agency))
    service.full_clean(exclude=["victim", "case", "task_force"])
    if acting_user is not None:
        service._history_user = acting_user
    service.save()
    return service


SERVICE_FIELDS = ("type", "status", "date", "provider_agency")
REASON_MAX = 100  # the history keeps a change's reason (simple-history's change reason)


def _service_reason(reason: str, missing: str) -> str:
    reason = clean_text(reason)
    if not reason:
        raise ValidationError(missing)
    if len(reason) > REASON_MAX:
        raise ValidationError(_("Alasan paling banyak %(n)s karakter.") % {"n": REASON_MAX})
    return reason


def _own_service(service: Service, task_force: TaskForce) -> None:
    if service.task_force_id != task_force.pk:
        raise PermissionDenied(_("Layanan ini dicatat oleh gugus tugas lain; hanya gugus tugas "
                                 "itu yang dapat mengubahnya."))


@transaction.atomic
def service_update(*, service: Service, task_force: TaskForce, acting_user, changes: dict,
                   reason: str = "", version: int | None = None) -> Service:
    """Correct a service (its type, status, date or provider agency), by the task force that
    recorded it, made on the case's `version`. Completing a service ticked on the entry form
    needs no reason; any other correction says why, and the history keeps it."""
    _own_service(service, task_force)
    case = service.case
    _lock_services(case, acting_user=acting_user, task_force=task_force, version=version)
    was_incomplete = service.is_incomplete
    changes = {k: v for k, v in changes.items() if k in SERVICE_FIELDS}
    changes = {k: v for k, v in changes.items() if getattr(service, k) != v}
    if not changes:
        raise ValidationError(_("Tidak ada yang diubah."))
    completing = was_incomplete and set(changes) <= {"date", "provider_agency"}
    if completing and not clean_text(reason):
        reason = _("melengkapi tanggal dan instansi")
    reason = _service_reason(reason, _("Tuliskan alasan perbaikan layanan."))
    if "type" in changes and changes["type"] not in Service.Type.values:
        raise ValidationError(_("Jenis layanan tidak dikenal: %(code)s") % {"code": changes["type"]})
    if changes.get("date") is None and "date" in changes:
        raise ValidationError(_("Isi tanggal layanan."))
    if changes.get("date") and changes["date"] > timezone.localdate():
        raise ValidationError(_("Tanggal layanan tidak boleh di masa depan."))
    for key, value in changes.items():
        setattr(service, key, clean_text(value) if key == "provider_agency" else value)
    service.full_clean(exclude=["victim", "case", "task_force"])
    service._history_user, service._change_reason = acting_user, reason
    service.save(update_fields=list(changes))
    _touch(case, [], acting_user=acting_user, content=task_force.pk == case.task_force_id)
    audit_record(task_force=task_force, actor=acting_user, action="service.update", obj=case,
                 service=str(service.code), fields=sorted(changes), reason=reason)
    return service


@transaction.atomic
def service_remove(*, service: Service, task_force: TaskForce, acting_user, reason: str,
                   version: int | None = None) -> None:
    """Remove a service recorded by mistake (a duplicate), with a reason; the history keeps the
    service and the reason."""
    _own_service(service, task_force)
    reason = _service_reason(reason, _("Tuliskan alasan penghapusan layanan."))
    case = service.case
    _lock_services(case, acting_user=acting_user, task_force=task_force, version=version)
    code = str(service.code)
    service._history_user, service._change_reason = acting_user, reason
    service.delete()
    _touch(case, [], acting_user=acting_user, content=task_force.pk == case.task_force_id)
    audit_record(task_force=task_force, actor=acting_user, action="service.remove", obj=case,
                 service=code, reason=reason)


def _touch(case: Case, fields: list[str], *, acting_user=None, content: bool = True) -> None:
    """Save a change of the case (or of what it holds) under a new version. A change of content
    makes its author one who may not verify it (four eyes)."""
    case.updated_at = timezone.now()
    case.version += 1
    fields = [*fields, "updated_at", "version"]
    if content and acting_user is not None:
        case.edited_by = acting_user
        case.editors = sorted({*case.editors, acting_user.pk})
        fields += ["edited_by", "editors"]
    if acting_user is not None:
        case._history_user = acting_user
    case.save(update_fields=fields)
    cases_changed(case=case)


def _require_owner(case: Case, task_force: TaskForce):
    if case.task_force_id != task_force.pk:
        raise PermissionDenied(_("Hanya gugus tugas pemilik kasus yang dapat mengubahnya."))


class StaleCase(ValidationError):
    """A form or decision made on a version of the case that has changed since it was opened.
    `changed` names the case's fields changed since (for the form to re-show the person's input
    and mark what someone else changed); `seen` holds their values in the version opened."""

    def __init__(self, message, *, changed=(), seen=None):
        super().__init__(message, code="stale")
        self.changed, self.seen = list(changed), seen or {}


_BOOKKEEPING = ["updated_at", "version", "edited_by", "editors", "submitted_at", "is_official",
                "self_verified", "verified_at", "verified_by", "created_by", "created_at",
                "register_number", "code"]


def _stale(case: Case, seen: int) -> StaleCase:
    """Refuse, saying who changed the case, when and what, since the version `seen`."""
    later = list(case.history.filter(version__gt=seen).select_related("history_user")
                 .order_by("history_date", "history_id"))
    base = case.history.filter(version=seen).order_by("-history_id").first()
    changed, what, seen_values = [], [], {}
    if base is not None:
        newest = case.history.order_by("-history_date", "-history_id").first()
        delta = newest.diff_against(base, excluded_fields=_BOOKKEEPING)
        for change in delta.changes:
            field = Case._meta.get_field(change.field)
            changed.append(change.field)
            seen_values[change.field] = change.old
            if change.field == "status":
                what.append(f"{field.verbose_name} ({Case.Status(change.old).label} → "
                            f"{Case.Status(change.new).label})")
            else:
                what.append(str(field.verbose_name))
        since = {"case_id": case.pk, "history_date__gt": base.history_date}
        if Victim.history.filter(**since).exists():
            what.append(_("data korban"))
        if Service.history.filter(**since).exists():
            what.append(_("layanan"))
    if not what:
        what.append(_("data korban, layanan atau pelaku"))
    people = list(dict.fromkeys(str(r.history_user) for r in later if r.history_user_id))
    when = formats.date_format(timezone.localtime(later[-1].history_date if later
                                                  else case.updated_at), "j F Y H.i")
    message = _("Kasus ini sudah diubah oleh %(who)s pada %(when)s setelah Anda membukanya: "
                "%(what)s. Tidak ada yang disimpan dari Anda; periksa perubahan itu lalu "
                "ulangi bila masih perlu.") % {
        "who": ", ".join(people) or _("orang lain"), "when": when, "what": ", ".join(what)}
    return StaleCase(message, changed=changed, seen=seen_values)


def _load(case: Case, fresh: Case) -> None:
    for f in Case._meta.concrete_fields:
        setattr(case, f.attname, getattr(fresh, f.attname))


def _lock(case: Case, action: str, *, acting_user, task_force, version: int | None):
    """Start a write by compare-and-set: lock the case row only if it is still in a state the
    action starts from (the workflow table) and, when the person's form or button carried one,
    at the version they saw. Otherwise refuse, saying what changed meanwhile. `case` is brought
    up to date with the locked row, and the table's row for the action is returned."""
    _require_owner(case, task_force)
    rows = Case.objects.select_for_update(of=("self",)).filter(
        pk=case.pk, deleted_at__isnull=True, status__in=workflow.sources(action))
    if version is not None:
        rows = rows.filter(version=version)
    fresh = rows.first()
    if fresh is None:
        _load(case, Case.objects.get(pk=case.pk))
        if version is not None and case.version != version:
            raise _stale(case, version)
        raise ValidationError(workflow.refusal(case, action))
    _load(case, fresh)
    return workflow.require_transition(case, action, user=acting_user, task_force=task_force)


def _back_to_verification(case: Case, row: workflow.Transition) -> list[str]:
    """Apply an edit's row of the table: a verified case goes back to verification."""
    if row.target == case.status:
        return []
    case.status, case.is_official, case.submitted_at = row.target, False, timezone.now()
    return ["status", "is_official", "submitted_at"]


@transaction.atomic
def case_update(*, case: Case, task_force: TaskForce, acting_user, changes: dict,
                version: int | None = None) -> Case:
    """Edit a case, made on `version` (refused if it changed since). Editing a verified case
    sends it back to verification; the old version stays in its history."""
    row = _lock(case, "edit", acting_user=acting_user, task_force=task_force, version=version)
    for key, value in changes.items():
        setattr(case, key, clean_text(value) if key in ("narrative", "notes") else value)
    check_dates(report_date=case.report_date, incident_date=case.incident_date)
    fields = list(changes) + _back_to_verification(case, row)
    case.full_clean(exclude=["task_force", "created_by", "verified_by", "edited_by", "editors"])
    _touch(case, fields, acting_user=acting_user)
    audit_record(task_force=task_force, actor=acting_user, action="case.update", obj=case,
                 fields=sorted(changes))
    return case


_REASON_MISSING = {
    "return": _l("Tuliskan alasan pengembalian agar petugas dapat memperbaikinya."),
    "close": _l("Tuliskan alasan penutupan kasus."),
    "delete": _l("Tuliskan alasan penghapusan."),
}


def _transition(case, action, *, task_force, acting_user, version, reason="", **extra):
    """A decision on the case, by the workflow table's row for its state: compare-and-set on
    the state (and version) the person saw, so of two decisions at once exactly one holds."""
    if workflow.needs_reason(action) and not clean_text(reason):
        raise ValidationError(_REASON_MISSING.get(action) or _("Tuliskan alasannya."))
    row = _lock(case, action, acting_user=acting_user, task_force=task_force, version=version)
    fields = []
    if row.target is not None and row.target != case.status:
        case.status = row.target
        fields.append("status")
    for key, value in extra.items():
        setattr(case, key, value(case) if callable(value) else value)  # callables: on the row
        fields.append(key)
    if reason and action != "delete":
        case.status_reason = clean_text(reason)
        fields.append("status_reason")
    elif action in ("submit", "verify") and case.status_reason:
        # the reason belonged to the return (or closing) it was given with; once the case is
        # sent again or verified it no longer stands (its history keeps it)
        case.status_reason = ""
        fields.append("status_reason")
    case.is_official = (case.status in (Case.Status.VERIFIED, Case.Status.CLOSED)
                        and bool(case.verified_at) and not case.is_deleted)
    fields.append("is_official")
    _touch(case, fields, acting_user=acting_user, content=False)
    details = {"status": case.status, "reason": reason}
    if case.self_verified and action == "verify":
        details["self_verified"] = True
    audit_record(task_force=task_force, actor=acting_user, action=f"case.{action}", obj=case,
                 **details)
    return case


@transaction.atomic
def case_submit(*, case, task_force, acting_user, version: int | None = None):
    return _transition(case, "submit", task_force=task_force, acting_user=acting_user,
                       version=version, submitted_at=timezone.now())


@transaction.atomic
def case_verify(*, case, task_force, acting_user, version: int | None = None):
    """Verify the case as it was at `version`, the one the verifier opened: refused if anyone
    changed it since, and refused to the person who entered or last changed it (four eyes)
    unless the task force allows self-verification, which the case then shows."""
    return _transition(case, "verify", task_force=task_force, acting_user=acting_user,
                       version=version, verified_at=timezone.now(), verified_by=acting_user,
                       self_verified=lambda locked: workflow.self_verifies(locked, acting_user),
                       editors=[])  # after self_verified: the next round starts afresh


@transaction.atomic
def case_return(*, case, task_force, acting_user, reason: str, version: int | None = None):
    return _transition(case, "return", task_force=task_force, acting_user=acting_user,
                       version=version, reason=reason)


@transaction.atomic
def case_close(*, case, task_force, acting_user, reason: str, version: int | None = None):
    return _transition(case, "close", task_force=task_force, acting_user=acting_user,
                       version=version, reason=reason)


@transaction.atomic
def case_delete(*, case, task_force, acting_user, reason: str, version: int | None = None):
    """Soft delete by a verifier, with a reason; the record and its history stay."""
    return _transition(case, "delete", task_force=task_force, acting_user=acting_user,
                       version=version, reason=reason, deleted_at=timezone.now(),
                       deleted_reason=clean_text(reason))


@transaction.atomic
def referral_create(*, case, task_force, to_task_force: TaskForce, reason: str, acting_user,
                    services_requested: list[str] = ()):
    """Refer a case to another task force, naming the services it is asked to give."""
    _require_owner(case, task_force)
    requested = list(dict.fromkeys(services_requested))
    unknown = [code for code in requested if code not in Service.Type.values]
    if unknown:
        raise ValidationError(_("Jenis layanan tidak dikenal: %(code)s") % {"code": unknown[0]})
    # the case row locked: two referrals of it at once are checked one after the other
    _lock(case, "refer", acting_user=acting_user, task_force=task_force, version=None)
    if to_task_force.pk == task_force.pk:
        raise ValidationError(_("Kasus tidak dapat dirujuk ke gugus tugas sendiri."))
    if not clean_text(reason):
        raise ValidationError(_("Tuliskan alasan rujukan."))
    with rls_bypass(reason="does the receiver already hold our own case"):
        held = CaseAccess.objects.filter(case=case, task_force=to_task_force).exists()
    if held:
        raise ValidationError(_("Gugus tugas itu sudah menangani kasus ini."))
    if Referral.objects.filter(case=case, to_task_force=to_task_force,
                               status=Referral.Status.PENDING).exists():
        raise ValidationError(_("Rujukan ke gugus tugas itu masih menunggu jawaban."))
    referral = Referral.objects.create(case=case, task_force=task_force,
                                       from_task_force=task_force, to_task_force=to_task_force,
                                       reason=clean_text(reason), created_by=acting_user,
                                       services_requested=requested)
    ReferralParty.objects.bulk_create([ReferralParty(referral=referral, task_force=task_force),
                                       ReferralParty(referral=referral, task_force=to_task_force)])
    audit_record(task_force=task_force, actor=acting_user, action="referral.create", obj=referral,
                 to=to_task_force.code, services=requested)
    return referral


def _decide(referral, *, task_force, acting_user, status, note=""):
    """Answer a pending referral: compare-and-set on `pending`, so of two answers at once (an
    accept and a decline) exactly one holds and the other is told."""
    if referral.to_task_force_id != task_force.pk:
        raise PermissionDenied
    pending = (Referral.objects.select_for_update(of=("self",))
               .filter(pk=referral.pk, status=Referral.Status.PENDING).first())
    if pending is None:
        answered = Referral.objects.select_related("decided_by").get(pk=referral.pk)
        raise ValidationError(_("Rujukan ini sudah %(status)s oleh %(who)s.") % {
            "status": answered.get_status_display(),
            "who": answered.decided_by or _("orang lain")})
    referral.status = status
    referral.decided_by = acting_user
    referral.decided_at = timezone.now()
    referral.decision_note = clean_text(note)
    referral.save(update_fields=["status", "decided_by", "decided_at", "decision_note"])


@transaction.atomic
def referral_accept(*, referral: Referral, task_force, acting_user):
    _decide(referral, task_force=task_force, acting_user=acting_user,
            status=Referral.Status.ACCEPTED)
    CaseAccess.for_case(referral.case, task_force=task_force,
                        kind=CaseAccess.Kind.RECEIVER).save()
    cases_changed(case=referral.case)
    audit_record(task_force=task_force, actor=acting_user, action="referral.accept", obj=referral)
    return referral


@transaction.atomic
def referral_decline(*, referral: Referral, task_force, acting_user, note: str):
    if not clean_text(note):
        raise ValidationError(_("Tuliskan alasan penolakan."))
    _decide(referral, task_force=task_force, acting_user=acting_user,
            status=Referral.Status.DECLINED, note=note)
    audit_record(task_force=task_force, actor=acting_user, action="referral.decline",
                 obj=referral)
    return referral


@transaction.atomic
def victim_update(*, victim: Victim, task_force, acting_user, data: VictimData,
                  version: int | None = None) -> Victim:
    """Correct a victim's record, made on the case's `version` (refused if it changed since); a
    verified case goes back to verification (history kept)."""
    case = victim.case
    row = _lock(case, "edit", acting_user=acting_user, task_force=task_force, version=version)
    fresh = build_victim(case, data)
    for name in ("name", "nik", "contact", "initials", "sex", "birth_date", "age_at_incident",
                 "age_group", "is_child", "nationality", "education", "occupation",
                 "marital_status", "disability", "origin_region_id", "nik_hash", "identity_hash"):
        setattr(victim, name, getattr(fresh, name))
    victim._history_user = acting_user
    victim.save()
    _touch(case, _back_to_verification(case, row), acting_user=acting_user)
    audit_record(task_force=task_force, actor=acting_user, action="victim.update", obj=victim)
    return victim


@transaction.atomic
def perpetrator_add(*, case: Case, task_force, acting_user, form,
                    version: int | None = None) -> Perpetrator:
    _lock(case, "record", acting_user=acting_user, task_force=task_force, version=version)
    perpetrator: Perpetrator = form.save(commit=False)
    perpetrator.case, perpetrator.task_force = case, case.task_force
    perpetrator.relation = clean_text(perpetrator.relation)
    perpetrator.save()
    _touch(case, [], acting_user=acting_user)
    audit_record(task_force=task_force, actor=acting_user, action="perpetrator.add", obj=case)
    return perpetrator
