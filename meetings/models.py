"""Meetings (rapat), their attendance, speakers and files; recommendations (rekomendasi) and their
follow-up (tindak lanjut); the meeting rule of a task force; agreements (Kesepakatan Bersama, MoU,
PKS); reminders sent.

Every row carries its own `task_force`. A recommendation sent down to a task force below becomes a
row of that task force (`source` points to the sender's row, which the receiver never reads):
each receiver tracks its own follow-up, and the sender reads counts and statuses of the copies.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gugus_tugas.models import DecreeMember, TaskForce
from gugus_tugas.scoping import tenant_manager


class Meeting(models.Model):
    class Kind(models.TextChoices):
        RAKOR = "rakor", _("Rapat koordinasi (rakor)")
        RAKORNAS = "rakornas", _("Rapat koordinasi nasional (rakornas)")
        WORKING = "working", _("Rapat kerja")
        ASSISTANCE = "assistance", _("Asistensi / pendampingan teknis")
        RAD_EVALUATION = "rad_evaluation", _("Evaluasi RAD")
        SOCIALISATION = "socialisation", _("Sosialisasi")
        OTHER = "other", _("Lainnya")

    class Status(models.TextChoices):
        PLANNED = "planned", _("direncanakan")
        HELD = "held", _("terlaksana")
        CANCELLED = "cancelled", _("dibatalkan")

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    task_force = models.ForeignKey(TaskForce, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("jenis rapat"), max_length=20, choices=Kind.choices,
                            default=Kind.RAKOR)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices,
                              default=Status.PLANNED)
    title = models.CharField(_("judul"), max_length=300)
    theme = models.CharField(_("tema"), max_length=500, blank=True)
    start_date = models.DateField(_("tanggal mulai"))
    end_date = models.DateField(_("tanggal selesai"))
    venue = models.CharField(_("tempat"), max_length=300, blank=True)
    city = models.CharField(_("kota"), max_length=100, blank=True)
    opened_by = models.CharField(_("dibuka oleh"), max_length=300, blank=True)
    chaired_by = models.CharField(_("dipimpin oleh"), max_length=300, blank=True)
    objectives = models.TextField(_("tujuan"), blank=True)
    minutes = models.TextField(_("notulen / hasil rapat"), blank=True)
    participant_count = models.PositiveIntegerField(_("jumlah peserta"), null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")

    objects = tenant_manager()

    class Meta:
        ordering = ["-start_date", "-id"]
        verbose_name = _("rapat")
        verbose_name_plural = _("rapat")
        indexes = [models.Index(fields=["task_force", "start_date"])]
        constraints = [
            models.CheckConstraint(condition=Q(end_date__gte=F("start_date")),
                                   name="meeting_dates_ordered"),
        ]

    def __str__(self):
        return self.title

    @property
    def is_multi_day(self) -> bool:
        return self.end_date != self.start_date


class Attendance(models.Model):
    """One person at a meeting: a member of the SK in force, or an external participant."""

    class Status(models.TextChoices):
        PRESENT = "present", _("hadir")
        REPRESENTED = "represented", _("diwakili")
        ABSENT = "absent", _("tidak hadir")

    ATTENDING = (Status.PRESENT, Status.REPRESENTED)

    task_force = models.ForeignKey(TaskForce, on_delete=models.CASCADE, related_name="+")
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    decree_member = models.ForeignKey(DecreeMember, null=True, blank=True,
                                      on_delete=models.SET_NULL, related_name="+")
    name = models.CharField(_("nama"), max_length=200, blank=True)
    position = models.CharField(_("jabatan"), max_length=300, blank=True)
    agency = models.CharField(_("instansi"), max_length=300, blank=True)
    status = models.CharField(_("kehadiran"), max_length=12, choices=Status.choices,
                              default=Status.PRESENT)
    represented_by = models.CharField(_("diwakili oleh"), max_length=200, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    objects = tenant_manager()

    class Meta:
        ordering = ["order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "decree_member"],
                                    condition=Q(decree_member__isnull=False),
                                    name="attendance_member_once_per_meeting"),
        ]

    def __str__(self):
        return self.name or self.position

    @property
    def is_external(self) -> bool:
        return self.decree_member_id is None


class Speaker(models.Model):
    task_force = models.ForeignKey(TaskForce, on_delete=models.CASCADE, related_name="+")
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="speakers")
    name = models.CharField(_("nama"), max_length=200)
    agency = models.CharField(_("instansi"), max_length=300, blank=True)
    topic = models.CharField(_("materi"), max_length=500, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    objects = tenant_manager()

    class Meta:
        ordering = ["order", "id"]

    def __str__(self):
        return self.name


class MeetingAttachment(models.Model):
    class Kind(models.TextChoices):
        INVITATION = "invitation", _("undangan")
        ATTENDANCE_SHEET = "attendance_sheet", _("daftar hadir")
        PHOTO = "photo", _("foto")
        PRESENTATION = "presentation", _("bahan paparan")
        OTHER = "other", _("lainnya")

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    task_force = models.ForeignKey(TaskForce, on_delete=models.CASCADE, related_name="+")
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attachments")
    kind = models.CharField(_("jenis berkas"), max_length=20, choices=Kind.choices)
    file = models.FileField(upload_to="meetings/%Y/")
    filename = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                    related_name="+")
    uploaded_at = models.DateTimeField(default=timezone.now)

    objects = tenant_manager()

    class Meta:
        ordering = ["kind", "uploaded_at"]

    def __str__(self):
        return self.filename


class FollowUpStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("belum dimulai")
    IN_PROGRESS = "in_progress", _("sedang berjalan")
    DONE = "done", _("selesai")
    CANNOT = "cannot", _("tidak dapat dilaksanakan")


OPEN_STATUSES = (FollowUpStatus.NOT_STARTED, FollowUpStatus.IN_PROGRESS)


class Recommendation(models.Model):
    """A numbered recommendation of a meeting, or one received from a task force above."""

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    task_force = models.ForeignKey(TaskForce, on_delete=models.CASCADE, related_name="+")
    meeting = models.ForeignKey(Meeting, null=True, blank=True, on_delete=models.CASCADE,
                                related_name="recommendations")
    number = models.PositiveSmallIntegerField(_("nomor"))
    text = models.TextField(_("rekomendasi"))
    responsible_agency = models.CharField(_("instansi penanggung jawab"), max_length=300,
                                          blank=True)
    responsible_member = models.ForeignKey(
        DecreeMember, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("anggota SK penanggung jawab"))
    due_date = models.DateField(_("tenggat"), null=True, blank=True)
    # The RAD activity it serves: an activity of one of this task force's action plans.
    rad_activity = models.ForeignKey("rad.Activity", null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+",
                                     verbose_name=_("kegiatan RAD terkait"))
    # The free reference of the first version (before the RAD app): kept, shown where filled.
    rad_activity_ref = models.CharField(_("kegiatan RAD terkait"), max_length=200, blank=True)
    issued_on = models.DateField(_("tanggal rekomendasi"))
    status = models.CharField(_("status tindak lanjut"), max_length=12,
                              choices=FollowUpStatus.choices, default=FollowUpStatus.NOT_STARTED)
    status_date = models.DateField(null=True, blank=True)
    # Sent down from a task force above: the sender's row (never read by the receiver) and a copy
    # of what the receiver may know of it.
    source = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE,
                               related_name="copies")
    source_task_force = models.ForeignKey(TaskForce, null=True, blank=True,
                                          on_delete=models.CASCADE, related_name="+")
    source_label = models.CharField(max_length=400, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")

    objects = tenant_manager()

    class Meta:
        ordering = ["meeting_id", "number", "id"]
        verbose_name = _("rekomendasi")
        verbose_name_plural = _("rekomendasi")
        indexes = [
            models.Index(fields=["task_force", "status", "due_date"]),
            models.Index(fields=["source", "status"]),
        ]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "number"], condition=Q(meeting__isnull=False),
                                    name="recommendation_number_once_per_meeting"),
            models.UniqueConstraint(fields=["source", "task_force"],
                                    condition=Q(source__isnull=False),
                                    name="recommendation_sent_once_per_task_force"),
            models.CheckConstraint(condition=Q(meeting__isnull=False) | Q(source__isnull=False),
                                   name="recommendation_from_meeting_or_sender"),
        ]

    def __str__(self):
        return f"{self.number}. {self.text[:60]}"

    def is_overdue(self, today=None) -> bool:
        today = today or timezone.localdate()
        return bool(self.due_date and self.due_date < today and self.status in OPEN_STATUSES)

    @property
    def is_received(self) -> bool:
        return self.source_id is not None


class FollowUp(models.Model):
    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    task_force = models.ForeignKey(TaskForce, on_delete=models.CASCADE, related_name="+")
    recommendation = models.ForeignKey(Recommendation, on_delete=models.CASCADE,
                                       related_name="follow_ups")
    date = models.DateField(_("tanggal"))
    status = models.CharField(_("status"), max_length=12, choices=FollowUpStatus.choices)
    reason = models.TextField(_("alasan"), blank=True)
    note = models.TextField(_("catatan"), blank=True)
    evidence = models.FileField(_("bukti"), upload_to="meetings/evidence/%Y/", blank=True)
    evidence_name = models.CharField(max_length=200, blank=True)
    evidence_type = models.CharField(max_length=100, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")

    objects = tenant_manager()

    class Meta:
        ordering = ["-date", "-id"]
        constraints = [
            models.CheckConstraint(condition=~Q(status="cannot") | ~Q(reason=""),
                                   name="follow_up_cannot_has_reason"),
        ]

    def __str__(self):
        return f"{self.date} {self.get_status_display()}"


class MeetingRule(models.Model):
    """How often a task force must meet. The count per year is TaskForce's own field
    (`meetings_required_per_year`); this adds an interval and where the rule comes from."""

    task_force = models.OneToOneField(TaskForce, on_delete=models.CASCADE, related_name="+")
    interval_months = models.PositiveSmallIntegerField(
        _("sekali setiap (bulan)"), null=True, blank=True,
        help_text=_("Kosongkan bila aturannya hanya jumlah per tahun."))
    basis = models.CharField(_("dasar aturan"), max_length=300, blank=True,
                             help_text=_("Mis. SK Gubernur atau rekomendasi rakor."))
    updated_at = models.DateTimeField(default=timezone.now)

    objects = tenant_manager()

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(interval_months__isnull=True)
                                   | Q(interval_months__gte=1, interval_months__lte=12),
                                   name="meeting_rule_interval_range"),
        ]

    def __str__(self):
        return f"{self.task_force_id}: {self.interval_months or '-'}"


class Agreement(models.Model):
    class Kind(models.TextChoices):
        JOINT = "joint", _("Kesepakatan Bersama")
        MOU = "mou", _("Nota Kesepahaman (MoU)")
        PKS = "pks", _("Perjanjian Kerja Sama (PKS)")

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    task_force = models.ForeignKey(TaskForce, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("jenis"), max_length=10, choices=Kind.choices)
    number = models.CharField(_("nomor"), max_length=200, blank=True)
    subject = models.CharField(_("perihal"), max_length=500)
    parties = models.TextField(_("para pihak"), help_text=_("Satu pihak per baris."))
    signed_on = models.DateField(_("tanggal penandatanganan"))
    valid_until = models.DateField(_("berlaku sampai"), null=True, blank=True)
    meeting = models.ForeignKey(Meeting, null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="agreements", verbose_name=_("rapat"))
    recommendations = models.ManyToManyField(Recommendation, blank=True, related_name="agreements",
                                             verbose_name=_("rekomendasi terkait"))
    rad_activities = models.ManyToManyField("rad.Activity", blank=True, related_name="+",
                                            verbose_name=_("kegiatan RAD terkait"))
    # The free reference of the first version (before the RAD app): kept, shown where filled.
    rad_activity_ref = models.CharField(_("kegiatan RAD terkait"), max_length=200, blank=True)
    scan = models.FileField(_("pindaian (PDF)"), upload_to="agreements/", blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")

    objects = tenant_manager()

    class Meta:
        ordering = ["-signed_on", "-id"]
        verbose_name = _("kesepakatan")
        constraints = [
            models.CheckConstraint(condition=Q(valid_until__isnull=True)
                                   | Q(valid_until__gte=F("signed_on")),
                                   name="agreement_validity_after_signing"),
        ]

    def __str__(self):
        return self.subject

    @property
    def party_list(self) -> list[str]:
        return [p.strip() for p in self.parties.splitlines() if p.strip()]


class SentReminder(models.Model):
    """One reminder email, sent once: `key` names what it is about (unique)."""

    class Kind(models.TextChoices):
        DUE_SOON = "due_soon", _("tenggat seminggu lagi")
        OVERDUE = "overdue", _("lewat tenggat")
        MEETING_RULE = "meeting_rule", _("aturan rapat terancam tidak terpenuhi")

    task_force = models.ForeignKey(TaskForce, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=15, choices=Kind.choices)
    key = models.CharField(max_length=100, unique=True)
    recommendation = models.ForeignKey(Recommendation, null=True, blank=True,
                                       on_delete=models.CASCADE, related_name="reminders")
    recipients = models.TextField(blank=True)
    subject = models.CharField(max_length=300)
    sent_at = models.DateTimeField(default=timezone.now)

    objects = tenant_manager()

    class Meta:
        ordering = ["-sent_at"]

    def __str__(self):
        return self.key
