"""Writes of the meetings app: keyword-only, atomic, checked (`full_clean`), audited.

Bad input raises ValidationError with an Indonesian message before anything is written, or inside
the atomic block so that nothing stays written.
"""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gugus_tugas.models import AuditEvent, TaskForce
from gugus_tugas.scoping import task_force_scope
from gugus_tugas.selectors import decree_current, decree_in_force
from gugus_tugas.services.audit import audit_record
from gugus_tugas.validators import AGREEMENT_SCAN, sniff_upload, validate_pdf_upload

from .models import (
    Agreement,
    Attendance,
    FollowUp,
    FollowUpStatus,
    Meeting,
    MeetingAttachment,
    MeetingRule,
    Recommendation,
    Speaker,
)
from .splitting import ListSplitError, split_recommendations

MEETING_FIELDS = ("kind", "title", "theme", "start_date", "end_date", "venue", "city",
                  "opened_by", "chaired_by", "objectives", "minutes", "participant_count")
ATTACHMENT_KINDS = {"pdf", "png", "jpeg", "office"}
EVIDENCE_KINDS = {"pdf", "png", "jpeg"}


@dataclass
class AttendanceRow:
    status: str = Attendance.Status.PRESENT
    decree_member_id: int | None = None
    name: str = ""
    position: str = ""
    agency: str = ""
    represented_by: str = ""


@dataclass
class SpeakerRow:
    name: str
    agency: str = ""
    topic: str = ""


def _check_dates(start, end):
    if start and end and end < start:
        raise ValidationError({"end_date": _(
            "Tanggal selesai (%(end)s) sebelum tanggal mulai (%(start)s).")
            % {"end": end.strftime("%d/%m/%Y"), "start": start.strftime("%d/%m/%Y")}})


def _check_count(count, attending: int):
    if count is None:
        return
    if count < 0:
        raise ValidationError({"participant_count": _("Jumlah peserta tidak boleh negatif.")})
    if count < attending:
        raise ValidationError({"participant_count": _(
            "Jumlah peserta (%(count)d) lebih kecil dari daftar hadir (%(listed)d orang hadir).")
            % {"count": count, "listed": attending}})


def _attending(rows) -> int:
    return sum(1 for r in rows if r.status in Attendance.ATTENDING)


@transaction.atomic
def meeting_create(*, task_force: TaskForce, acting_user, data: dict,
                   held: bool = False) -> Meeting:
    data = {k: v for k, v in data.items() if k in MEETING_FIELDS}
    _check_dates(data.get("start_date"), data.get("end_date"))
    _check_count(data.get("participant_count"), 0)
    meeting = Meeting(task_force=task_force, created_by=acting_user, **data)
    if held:
        if meeting.start_date and meeting.start_date > timezone.localdate():
            raise ValidationError({"held": _("Rapat yang belum dimulai tidak dapat ditandai "
                                             "terlaksana.")})
        meeting.status = Meeting.Status.HELD
    if meeting.end_date is None:
        meeting.end_date = meeting.start_date
    meeting.full_clean()
    meeting.save()
    audit_record(task_force=task_force, actor=acting_user, action="meeting.create", obj=meeting,
                 title=meeting.title)
    return meeting


@transaction.atomic
def meeting_cancel(*, meeting: Meeting, acting_user) -> Meeting:
    """A planned meeting that will not take place (it stays listed, and out of the rule)."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.status != Meeting.Status.PLANNED:
        raise ValidationError(_("Hanya rapat yang direncanakan dapat dibatalkan."))
    meeting.status = Meeting.Status.CANCELLED
    meeting.save(update_fields=["status"])
    audit_record(task_force=meeting.task_force, actor=acting_user, action="meeting.cancel",
                 obj=meeting)
    return meeting


@transaction.atomic
def meeting_report(*, meeting: Meeting, acting_user, data: dict,
                   recommendations_text: str = "", attendance: list[AttendanceRow] | None = None,
                   speakers: list[SpeakerRow] | None = None, due_date: date | None = None,
                   responsible_agency: str = "") -> Meeting:
    """Record what happened at a meeting: its fields, attendance, speakers and the pasted list of
    recommendations (split into rows). All or nothing: a list that cannot be split, or any bad
    field, leaves the meeting as it was."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    data = {k: v for k, v in data.items() if k in MEETING_FIELDS}
    _check_dates(data.get("start_date", meeting.start_date), data.get("end_date", meeting.end_date))
    rows = attendance if attendance is not None else list(meeting.attendance.all())
    _check_count(data.get("participant_count", meeting.participant_count), _attending(rows))
    items = []
    if recommendations_text.strip():
        try:
            items = split_recommendations(recommendations_text)
        except ListSplitError as e:
            raise ValidationError({"recommendations_text": e.message}) from None
    for field, value in data.items():
        setattr(meeting, field, value)
    meeting.status = Meeting.Status.HELD
    meeting.full_clean()
    meeting.save()
    if attendance is not None:
        _attendance_replace(meeting, attendance)
    if speakers is not None:
        meeting.speakers.all().delete()
        Speaker.objects.bulk_create(
            Speaker(task_force=meeting.task_force, meeting=meeting, name=s.name.strip(),
                    agency=s.agency.strip(), topic=s.topic.strip(), order=i)
            for i, s in enumerate(speakers) if s.name.strip())
    created = _recommendations_add(meeting, items, acting_user=acting_user, due_date=due_date,
                                   responsible_agency=responsible_agency)
    audit_record(task_force=meeting.task_force, actor=acting_user, action="meeting.report",
                 obj=meeting, recommendations=len(created),
                 attendance=len(attendance) if attendance is not None else None)
    return meeting


def _attendance_replace(meeting, rows):
    """A member of the SK keeps its name, position and agency on the row (the sheet and the
    minutes stay right when the SK changes later); `represented_by` only when represented."""
    members = {m.pk: m for m in meeting_decree_members(meeting)}
    objs = []
    for i, r in enumerate(rows):
        if r.status not in Attendance.Status.values:
            raise ValidationError(_("Status kehadiran tidak dikenal."))
        if r.decree_member_id is not None and r.decree_member_id not in members:
            raise ValidationError(_("Anggota itu tidak tercantum dalam SK yang berlaku."))
        if r.decree_member_id is None and not (r.name.strip() or r.position.strip()):
            raise ValidationError(_("Peserta dari luar SK perlu nama atau jabatan."))
        m = members.get(r.decree_member_id)
        objs.append(Attendance(
            task_force=meeting.task_force, meeting=meeting, decree_member_id=r.decree_member_id,
            name=(r.name or (m.person_name if m else "")).strip(),
            position=(r.position or (m.position if m else "")).strip(),
            agency=(r.agency or (m.agency if m else "")).strip(), status=r.status,
            represented_by=r.represented_by.strip()
            if r.status == Attendance.Status.REPRESENTED else "", order=i))
    meeting.attendance.all().delete()
    Attendance.objects.bulk_create(objs)


def meeting_decree(meeting):
    """The SK whose members are the meeting's invitees (meeting_decree_on)."""
    return meeting_decree_on(meeting.task_force, meeting.start_date)


def meeting_decree_on(task_force, day):
    """The SK whose members are invited to a meeting on `day`: the one in force that day (a
    meeting of 2023 recorded today lists the members of 2023's SK), else the current one (a
    meeting held before the first SK was recorded)."""
    return decree_in_force(task_force, on=day) or decree_current(task_force=task_force)


def meeting_decree_members(meeting):
    decree = meeting_decree(meeting)
    return list(decree.members.all()) if decree else []


@transaction.atomic
def attendance_set(*, meeting: Meeting, acting_user, rows: list[AttendanceRow]) -> None:
    _check_count(meeting.participant_count, _attending(rows))
    _attendance_replace(meeting, rows)
    audit_record(task_force=meeting.task_force, actor=acting_user, action="meeting.attendance",
                 obj=meeting, rows=len(rows))


def _next_number(meeting) -> int:
    last = meeting.recommendations.order_by("-number").values_list("number", flat=True).first()
    return (last or 0) + 1


def _recommendations_add(meeting, items, *, acting_user, due_date=None, responsible_agency=""):
    start = _next_number(meeting)
    objs = []
    for i, text in enumerate(items):
        rec = Recommendation(
            task_force=meeting.task_force, meeting=meeting, number=start + i, text=text.strip(),
            issued_on=meeting.start_date, due_date=due_date,
            responsible_agency=responsible_agency.strip(), created_by=acting_user)
        rec.full_clean(validate_unique=False, validate_constraints=False)
        objs.append(rec)
    return Recommendation.objects.bulk_create(objs)


@transaction.atomic
def recommendations_add_from_text(*, meeting: Meeting, acting_user, text: str,
                                  due_date: date | None = None,
                                  responsible_agency: str = "") -> list[Recommendation]:
    try:
        items = split_recommendations(text)
    except ListSplitError as e:
        raise ValidationError({"text": e.message}) from None
    created = _recommendations_add(meeting, items, acting_user=acting_user, due_date=due_date,
                                   responsible_agency=responsible_agency)
    audit_record(task_force=meeting.task_force, actor=acting_user, action="recommendation.add",
                 obj=meeting, count=len(created))
    return created


def _check_rad_activities(activities, task_force_id, *, field: str) -> None:
    """RAD activities a recommendation or an agreement serves: the task force's own only."""
    if any(a is not None and a.task_force_id != task_force_id for a in activities):
        raise ValidationError({field: _("Kegiatan RAD bukan dari gugus tugas ini.")})


@transaction.atomic
def recommendation_create(*, meeting: Meeting, acting_user, text: str,
                          responsible_agency: str = "", responsible_member=None,
                          due_date: date | None = None, rad_activity=None) -> Recommendation:
    if not (text or "").strip():
        raise ValidationError({"text": _("Isi rekomendasi tidak boleh kosong.")})
    if responsible_member is not None and responsible_member.task_force_id != meeting.task_force_id:
        raise ValidationError({"responsible_member": _("Anggota SK bukan dari gugus tugas ini.")})
    _check_rad_activities([rad_activity], meeting.task_force_id, field="rad_activity")
    rec = Recommendation(
        task_force=meeting.task_force, meeting=meeting, number=_next_number(meeting),
        text=text.strip(), responsible_agency=(responsible_agency or "").strip(),
        responsible_member=responsible_member, due_date=due_date,
        rad_activity=rad_activity, issued_on=meeting.start_date,
        created_by=acting_user)
    rec.full_clean()
    rec.save()
    audit_record(task_force=meeting.task_force, actor=acting_user, action="recommendation.create",
                 obj=rec, number=rec.number)
    return rec


@transaction.atomic
def recommendation_update(*, recommendation: Recommendation, acting_user, text: str,
                          responsible_agency: str = "", responsible_member=None,
                          due_date: date | None = None, rad_activity=None) -> Recommendation:
    if not (text or "").strip():
        raise ValidationError({"text": _("Isi rekomendasi tidak boleh kosong.")})
    rec = recommendation
    if rec.is_received and text.strip() != rec.text:
        raise ValidationError({"text": _("Isi rekomendasi kiriman gugus tugas di atas tidak "
                                         "dapat diubah.")})
    _check_rad_activities([rad_activity], rec.task_force_id, field="rad_activity")
    rec.text, rec.responsible_agency = text.strip(), (responsible_agency or "").strip()
    rec.responsible_member, rec.due_date = responsible_member, due_date
    rec.rad_activity = rad_activity
    rec.full_clean()
    rec.save(update_fields=["text", "responsible_agency", "responsible_member", "due_date",
                            "rad_activity"])
    audit_record(task_force=rec.task_force, actor=acting_user, action="recommendation.update",
                 obj=rec)
    return rec


@transaction.atomic
def recommendation_follow_up_add(*, recommendation: Recommendation, acting_user, date: date,
                                 status: str, note: str = "", reason: str = "",
                                 evidence=None) -> FollowUp:
    """A dated update with a status; the recommendation takes the status of its latest one."""
    rec = Recommendation.objects.select_for_update().get(pk=recommendation.pk)
    if status not in FollowUpStatus.values:
        raise ValidationError({"status": _("Status tindak lanjut tidak dikenal.")})
    if date < rec.issued_on:
        raise ValidationError({"date": _(
            "Tanggal tindak lanjut (%(date)s) sebelum tanggal rapat (%(meeting)s).")
            % {"date": date.strftime("%d/%m/%Y"), "meeting": rec.issued_on.strftime("%d/%m/%Y")}})
    if date > timezone.localdate():
        raise ValidationError({"date": _("Tanggal tindak lanjut tidak boleh di masa depan.")})
    if status == FollowUpStatus.CANNOT and not (reason or "").strip():
        raise ValidationError({"reason": _("Tuliskan alasan mengapa rekomendasi tidak dapat "
                                           "dilaksanakan.")})
    follow_up = FollowUp(task_force=rec.task_force, recommendation=rec, date=date, status=status,
                         note=(note or "").strip(), reason=(reason or "").strip(),
                         created_by=acting_user)
    if evidence is not None:
        content_type, suffix = sniff_upload(evidence, allowed=EVIDENCE_KINDS)
        follow_up.evidence_name = evidence.name[:200]
        follow_up.evidence_type = content_type
        follow_up.evidence.save(f"{follow_up.code}{suffix}", evidence, save=False)
    follow_up.full_clean()
    follow_up.save()
    latest = rec.follow_ups.order_by("-date", "-id").first()
    rec.status, rec.status_date = latest.status, latest.date
    rec.save(update_fields=["status", "status_date"])
    audit_record(task_force=rec.task_force, actor=acting_user, action="recommendation.follow_up",
                 obj=rec, status=status, date=date.isoformat())
    return follow_up


@transaction.atomic
def recommendation_send_down(*, recommendation: Recommendation, acting_user,
                             to_task_forces: list[TaskForce]) -> int:
    """Send a recommendation to task forces below the sender: each gets its own row to follow up.
    Returns how many were newly sent (those that already have it are skipped)."""
    rec = recommendation
    sender = rec.task_force
    below = set(sender.descendants().exclude(pk=sender.pk).values_list("pk", flat=True))
    targets = {tf.pk: tf for tf in to_task_forces}
    if not targets:
        raise ValidationError(_("Pilih setidaknya satu gugus tugas tujuan."))
    if set(targets) - below:
        raise ValidationError(_("Rekomendasi hanya dapat dikirim ke gugus tugas di bawahnya."))
    label = (_("%(tf)s · %(meeting)s · rekomendasi %(n)d")
             % {"tf": sender.name, "meeting": rec.meeting.title if rec.meeting_id else
                rec.source_label, "n": rec.number})[:400]
    with task_force_scope(list(targets)):
        have = set(Recommendation.objects.filter(source=rec, task_force__in=list(targets))
                   .values_list("task_force_id", flat=True))
        new = [Recommendation(
            task_force_id=pk, meeting=None, number=rec.number, text=rec.text,
            responsible_agency="", due_date=rec.due_date, issued_on=rec.issued_on, source=rec,
            source_task_force=sender, source_label=label, created_by=acting_user)
            for pk in sorted(targets) if pk not in have]
        Recommendation.objects.bulk_create(new)
        now = timezone.now()
        AuditEvent.objects.bulk_create(AuditEvent(
            task_force_id=r.task_force_id, actor=acting_user, action="recommendation.received",
            object_type=Recommendation._meta.label, object_code=str(r.code),
            details={"from": sender.code}, at=now) for r in new)
    audit_record(task_force=sender, actor=acting_user, action="recommendation.send_down", obj=rec,
                 sent=len(new), skipped=len(have))
    return len(new)


@transaction.atomic
def attachment_add(*, meeting: Meeting, acting_user, upload, kind: str) -> MeetingAttachment:
    if kind not in MeetingAttachment.Kind.values:
        raise ValidationError({"kind": _("Jenis berkas tidak dikenal.")})
    allowed = {"png", "jpeg"} if kind == MeetingAttachment.Kind.PHOTO else ATTACHMENT_KINDS
    content_type, suffix = sniff_upload(upload, allowed=allowed)
    att = MeetingAttachment(task_force=meeting.task_force, meeting=meeting, kind=kind,
                            filename=upload.name[:200], content_type=content_type,
                            size=upload.size, uploaded_by=acting_user)
    att.file.save(f"{att.code}{suffix}", upload, save=False)
    att.full_clean()
    att.save()
    audit_record(task_force=meeting.task_force, actor=acting_user, action="meeting.attachment",
                 obj=att, kind=kind)
    return att


@transaction.atomic
def meeting_rule_set(*, task_force: TaskForce, acting_user, per_year: int,
                     interval_months: int | None = None, basis: str = "") -> MeetingRule:
    if per_year is None or per_year < 0 or per_year > 52:
        raise ValidationError({"per_year": _("Jumlah rapat per tahun harus antara 0 dan 52.")})
    if interval_months is not None and not 1 <= interval_months <= 12:
        raise ValidationError({"interval_months": _("Selang rapat harus 1 sampai 12 bulan.")})
    rule = MeetingRule.objects.filter(task_force=task_force).first() or MeetingRule(
        task_force=task_force)
    rule.interval_months, rule.basis, rule.updated_at = interval_months, basis.strip(), timezone.now()
    rule.full_clean()
    rule.save()
    TaskForce.objects.filter(pk=task_force.pk).update(meetings_required_per_year=per_year)
    task_force.meetings_required_per_year = per_year
    audit_record(task_force=task_force, actor=acting_user, action="meeting_rule.set", obj=rule,
                 per_year=per_year, interval_months=interval_months)
    return rule


@transaction.atomic
def agreement_create(*, task_force: TaskForce, acting_user, data: dict,
                     recommendations=(), scan=None, rad_activities=()) -> Agreement:
    fields = ("kind", "number", "subject", "parties", "signed_on", "valid_until", "meeting")
    data = {k: v for k, v in data.items() if k in fields}
    if data.get("valid_until") and data.get("signed_on") and data["valid_until"] < data["signed_on"]:
        raise ValidationError({"valid_until": _("Masa berlaku berakhir sebelum tanggal "
                                                "penandatanganan.")})
    parties = [p.strip() for p in (data.get("parties") or "").splitlines() if p.strip()]
    if len(parties) < 2:
        raise ValidationError({"parties": _("Tuliskan setidaknya dua pihak, satu per baris.")})
    data["parties"] = "\n".join(parties)
    meeting = data.get("meeting")
    if meeting is not None and meeting.task_force_id != task_force.pk:
        raise ValidationError({"meeting": _("Rapat bukan dari gugus tugas ini.")})
    recs = list(recommendations)
    if any(r.task_force_id != task_force.pk for r in recs):
        raise ValidationError({"recommendations": _("Rekomendasi bukan dari gugus tugas ini.")})
    activities = list(rad_activities)
    _check_rad_activities(activities, task_force.pk, field="rad_activities")
    agreement = Agreement(task_force=task_force, created_by=acting_user, **data)
    if scan is not None:
        validate_pdf_upload(scan, what=AGREEMENT_SCAN)
        agreement.scan.save(f"{agreement.code}.pdf", scan, save=False)
    agreement.full_clean()
    agreement.save()
    agreement.recommendations.set(recs)
    agreement.rad_activities.set(activities)
    audit_record(task_force=task_force, actor=acting_user, action="agreement.create",
                 obj=agreement, subject=agreement.subject)
    return agreement
