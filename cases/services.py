"""Writes on cases: atomic, validated, audited. Views, the import and tasks all call these."""

from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django_scopes import scopes_disabled

from gugus_tugas.models import TaskForce
from gugus_tugas.services.audit import audit_record

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
    services: list[tuple[str, str, date | None]] = field(default_factory=list)  # type, status, date


def next_register_number(task_force: TaskForce, year: int) -> tuple[int, str]:
    TaskForce.objects.select_for_update().filter(pk=task_force.pk).first()  # serialise numbering
    last = Case.objects.filter(task_force=task_force, year=year).aggregate(m=Max("sequence"))["m"]
    seq = (last or 0) + 1
    return seq, f"{task_force.code}/{year}/{seq:04d}"


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

    with scopes_disabled():  # a cross-task-force check that returns task-force names only
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
        updated_at=now,
    )
    case.full_clean(exclude=["task_force", "created_by"])
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
        for type_, status, when in data.services:
            # case_create announces the change once for the whole case
            _service_create(victim=victim, type=type_, status=status,
                            date=when or case.report_date)


def service_add(*, victim: Victim, type: str, status: str = Service.Status.GIVEN,
                date: date, provider_agency: str = "") -> Service:
    service = _service_create(victim=victim, type=type, status=status, date=date,
                              provider_agency=provider_agency)
    cases_changed(case=victim.case)
    return service


def _service_create(*, victim, type, status, date, provider_agency="") -> Service:
    """Check and write one service; the caller announces the change (once per case)."""
    if type not in Service.Type.values:
        raise ValidationError(_("Jenis layanan tidak dikenal: %(code)s") % {"code": type})
    if date > timezone.localdate():
        raise ValidationError(_("Tanggal layanan tidak boleh di masa depan."))
    service = Service(victim=victim, case=victim.case, task_force=victim.task_force, type=type,
                      status=status, date=date, provider_agency=clean_text(provider_agency))
    service.full_clean(exclude=["victim", "case", "task_force"])
    service.save()
    return service


def _touch(case: Case, fields: list[str]) -> None:
    case.updated_at = timezone.now()
    case.save(update_fields=[*fields, "updated_at"])
    cases_changed(case=case)


def _require_owner(case: Case, task_force: TaskForce):
    if case.task_force_id != task_force.pk:
        raise PermissionDenied(_("Hanya gugus tugas pemilik kasus yang dapat mengubahnya."))


@transaction.atomic
def case_update(*, case: Case, task_force: TaskForce, acting_user, changes: dict) -> Case:
    """Edit a case. Editing a verified case sends it back to verification; the old version stays
    in its history."""
    _require_owner(case, task_force)
    if case.status == Case.Status.CLOSED or case.is_deleted:
        raise ValidationError(_("Kasus yang ditutup atau dihapus tidak dapat diubah."))
    for key, value in changes.items():
        setattr(case, key, clean_text(value) if key in ("narrative", "notes") else value)
    check_dates(report_date=case.report_date, incident_date=case.incident_date)
    fields = list(changes)
    if case.status == Case.Status.VERIFIED:
        case.status, case.is_official = Case.Status.SUBMITTED, False
        case.submitted_at = timezone.now()
        fields += ["status", "is_official", "submitted_at"]
    case.full_clean(exclude=["task_force", "created_by", "verified_by"])
    _touch(case, fields)
    audit_record(task_force=task_force, actor=acting_user, action="case.update", obj=case,
                 fields=sorted(changes))
    return case


def _transition(case, *, task_force, acting_user, allowed_from, to, action, reason="", **extra):
    _require_owner(case, task_force)
    if case.status not in allowed_from or case.is_deleted:
        raise ValidationError(
            _("Kasus berstatus %(status)s tidak dapat di-%(action)s.")
            % {"status": case.get_status_display(), "action": action.split(".")[-1]}
        )
    case.status = to
    fields = ["status"]
    for key, value in extra.items():
        setattr(case, key, value)
        fields.append(key)
    if reason:
        case.status_reason = clean_text(reason)
        fields.append("status_reason")
    case.is_official = case.status in (Case.Status.VERIFIED, Case.Status.CLOSED) and bool(
        case.verified_at)
    fields.append("is_official")
    _touch(case, fields)
    audit_record(task_force=task_force, actor=acting_user, action=action, obj=case,
                 status=to, reason=reason)
    return case


@transaction.atomic
def case_submit(*, case, task_force, acting_user):
    return _transition(case, task_force=task_force, acting_user=acting_user,
                       allowed_from={Case.Status.DRAFT, Case.Status.RETURNED},
                       to=Case.Status.SUBMITTED, action="case.submit",
                       submitted_at=timezone.now())


@transaction.atomic
def case_verify(*, case, task_force, acting_user):
    return _transition(case, task_force=task_force, acting_user=acting_user,
                       allowed_from={Case.Status.SUBMITTED}, to=Case.Status.VERIFIED,
                       action="case.verify", verified_at=timezone.now(), verified_by=acting_user)


@transaction.atomic
def case_return(*, case, task_force, acting_user, reason: str):
    if not clean_text(reason):
        raise ValidationError(_("Tuliskan alasan pengembalian agar petugas dapat memperbaikinya."))
    return _transition(case, task_force=task_force, acting_user=acting_user,
                       allowed_from={Case.Status.SUBMITTED}, to=Case.Status.RETURNED,
                       action="case.return", reason=reason)


@transaction.atomic
def case_close(*, case, task_force, acting_user, reason: str):
    if not clean_text(reason):
        raise ValidationError(_("Tuliskan alasan penutupan kasus."))
    return _transition(case, task_force=task_force, acting_user=acting_user,
                       allowed_from={Case.Status.DRAFT, Case.Status.SUBMITTED,
                                     Case.Status.RETURNED, Case.Status.VERIFIED},
                       to=Case.Status.CLOSED, action="case.close", reason=reason)


@transaction.atomic
def case_delete(*, case, task_force, acting_user, reason: str):
    """Soft delete by a verifier, with a reason; the record and its history stay."""
    _require_owner(case, task_force)
    if not clean_text(reason):
        raise ValidationError(_("Tuliskan alasan penghapusan."))
    case.deleted_at = timezone.now()
    case.deleted_reason = clean_text(reason)
    case.is_official = False
    _touch(case, ["deleted_at", "deleted_reason", "is_official"])
    audit_record(task_force=task_force, actor=acting_user, action="case.delete", obj=case,
                 reason=reason)
    return case


@transaction.atomic
def referral_create(*, case, task_force, to_task_force: TaskForce, reason: str, acting_user):
    _require_owner(case, task_force)
    if to_task_force.pk == task_force.pk:
        raise ValidationError(_("Kasus tidak dapat dirujuk ke gugus tugas sendiri."))
    if not clean_text(reason):
        raise ValidationError(_("Tuliskan alasan rujukan."))
    with scopes_disabled():  # does the receiver already hold this (our own) case?
        held = CaseAccess.objects.filter(case=case, task_force=to_task_force).exists()
    if held:
        raise ValidationError(_("Gugus tugas itu sudah menangani kasus ini."))
    if Referral.objects.filter(case=case, to_task_force=to_task_force,
                               status=Referral.Status.PENDING).exists():
        raise ValidationError(_("Rujukan ke gugus tugas itu masih menunggu jawaban."))
    referral = Referral.objects.create(case=case, task_force=task_force,
                                       from_task_force=task_force, to_task_force=to_task_force,
                                       reason=clean_text(reason), created_by=acting_user)
    ReferralParty.objects.bulk_create([ReferralParty(referral=referral, task_force=task_force),
                                       ReferralParty(referral=referral, task_force=to_task_force)])
    audit_record(task_force=task_force, actor=acting_user, action="referral.create", obj=referral,
                 to=to_task_force.code)
    return referral


def _decide(referral, *, task_force, acting_user, status, note=""):
    if referral.to_task_force_id != task_force.pk:
        raise PermissionDenied
    if referral.status != Referral.Status.PENDING:
        raise ValidationError(_("Rujukan ini sudah dijawab."))
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
def victim_update(*, victim: Victim, task_force, acting_user, data: VictimData) -> Victim:
    """Correct a victim's record; a verified case goes back to verification (history kept)."""
    case = victim.case
    _require_owner(case, task_force)
    fresh = build_victim(case, data)
    for name in ("name", "nik", "contact", "initials", "sex", "birth_date", "age_at_incident",
                 "age_group", "is_child", "nationality", "education", "occupation",
                 "marital_status", "disability", "origin_region_id", "nik_hash", "identity_hash"):
        setattr(victim, name, getattr(fresh, name))
    victim.save()
    fields = []
    if case.status == Case.Status.VERIFIED:
        case.status, case.is_official, case.submitted_at = Case.Status.SUBMITTED, False, timezone.now()
        fields = ["status", "is_official", "submitted_at"]
    _touch(case, fields)
    audit_record(task_force=task_force, actor=acting_user, action="victim.update", obj=victim)
    return victim


@transaction.atomic
def perpetrator_add(*, case: Case, task_force, acting_user, form) -> Perpetrator:
    _require_owner(case, task_force)
    perpetrator: Perpetrator = form.save(commit=False)
    perpetrator.case, perpetrator.task_force = case, case.task_force
    perpetrator.relation = clean_text(perpetrator.relation)
    perpetrator.save()
    _touch(case, [])
    audit_record(task_force=task_force, actor=acting_user, action="perpetrator.add", obj=case)
    return perpetrator
