import hashlib
import secrets
import uuid
from datetime import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gugus_tugas.models import TaskForce
from gugus_tugas.scoping import tenant_manager


class BackgroundJob(models.Model):
    """What every job a worker runs for a task force keeps (gugus_tugas.jobs claims, beats and
    sweeps them): its state, progress, failure reason, who asked, and its times."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("antre")
        RUNNING = "running", _("sedang dibuat")
        DONE = "done", _("selesai")
        FAILED = "failed", _("gagal")

    ACTIVE = (Status.QUEUED, Status.RUNNING)

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    task_force = models.ForeignKey(TaskForce, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)
    error = models.TextField(blank=True)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                     related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    # gugus_tugas.jobs: when a message was last sent for it, the running worker's sign of life
    published_at = models.DateTimeField(null=True, blank=True)
    heartbeat_at = models.DateTimeField(null=True, blank=True)

    objects = tenant_manager()

    class Meta:
        abstract = True


class ReportJob(BackgroundJob):
    """One annual report being (or having been) rendered by a worker."""

    class Variant(models.TextChoices):
        INTERNAL = "internal", _("internal (angka lengkap)")
        PUBLIC = "public", _("untuk publikasi (sel kecil disamarkan)")

    variant = models.CharField(max_length=10, choices=Variant.choices, default=Variant.INTERNAL)
    revision = models.PositiveIntegerField(default=1)
    obstacles = models.TextField(_("kendala dan rekomendasi"), blank=True)
    pdf = models.FileField(upload_to="reports/", blank=True)
    xlsx = models.FileField(upload_to="reports/", blank=True)
    json = models.FileField(upload_to="reports/", blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["task_force", "year", "variant", "revision"],
                                    name="report_job_unique_revision"),
            # asking twice while one runs gives the same job
            models.UniqueConstraint(fields=["task_force", "year", "variant"],
                                    condition=Q(status__in=["queued", "running"]),
                                    name="one_active_report_job"),
        ]

    def __str__(self):
        return f"{self.task_force.code} {self.year} #{self.revision}"


class YearFinalisation(models.Model):
    """A coordinator froze a year's report: the figures as they were, and when; the PDF as issued
    (rendered once, never again) with its SHA-256. A corrected edition is a new row with a new
    document number that names the edition it replaces; the latest edition is the one in force."""

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    task_force = models.ForeignKey(TaskForce, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    edition = models.PositiveSmallIntegerField(default=1)
    document_number = models.CharField(max_length=100, blank=True)
    replaces = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="+")
    pdf = models.FileField(upload_to="reports/final/", blank=True)
    pdf_sha256 = models.CharField(max_length=64, blank=True)
    data_sha256 = models.CharField(max_length=64, blank=True)
    figures = models.JSONField()
    job = models.ForeignKey(ReportJob, null=True, on_delete=models.SET_NULL, related_name="+")
    finalised_at = models.DateTimeField(default=timezone.now)
    finalised_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                     related_name="+")

    objects = tenant_manager()

    class Meta:
        ordering = ["-edition"]
        constraints = [models.UniqueConstraint(fields=["task_force", "year", "edition"],
                                               name="one_finalisation_per_edition")]

    def __str__(self):
        return f"{self.task_force_id} {self.year}"

    @property
    def figures_taken_at(self):
        """When the edition's figures were taken (its frozen JSON says), else when it was
        finalised: a change made after that is not in the edition."""
        try:
            taken = datetime.fromisoformat(self.figures["generated_at"])
        except (KeyError, TypeError, ValueError):
            return self.finalised_at
        return min(taken, self.finalised_at) if timezone.is_aware(taken) else self.finalised_at


class FinaliseJob(BackgroundJob):
    """Issuing an edition of a year's report (reports.services.year_finalise), done by a worker
    rather than inside the request: the PDF as issued takes as long to render as the report.
    One active per task force and year; the edition it issued once done."""

    report = models.ForeignKey(ReportJob, on_delete=models.CASCADE, related_name="+")
    final = models.ForeignKey(YearFinalisation, null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="+")

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            # finalising twice at once: the second request finds the first
            models.UniqueConstraint(fields=["task_force", "year"],
                                    condition=Q(status__in=["queued", "running"]),
                                    name="one_active_finalise_job"),
        ]

    def __str__(self):
        return f"{self.task_force_id} {self.year} ({self.status})"


class ApiToken(models.Model):
    """A token for the statistics API, per task force; only its hash is stored.

    Its kind, chosen when it is made, decides what it reads: an official system (SIMFONI PPA, the
    national task force's system) gets the exact figures, as members do; a publication token (a
    website, open data) gets the published figures, small cells protected."""

    class Kind(models.TextChoices):
        OFFICIAL = "official", _("sistem resmi (angka tepat)")
        PUBLICATION = "publication", _("publikasi (sel kecil disamarkan)")

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    task_force = models.ForeignKey(TaskForce, on_delete=models.CASCADE, related_name="+")
    name = models.CharField(_("nama pemakai token"), max_length=100)
    kind = models.CharField(_("jenis token"), max_length=12, choices=Kind.choices,
                            default=Kind.PUBLICATION)
    prefix = models.CharField(max_length=8, db_index=True)
    digest = models.CharField(max_length=64, unique=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = tenant_manager()

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    @property
    def public(self) -> bool:
        return self.kind != self.Kind.OFFICIAL

    @staticmethod
    def digest_of(raw: str) -> str:
        return hashlib.sha256(raw.encode()).hexdigest()

    @classmethod
    def new_raw(cls) -> str:
        return "gt_" + secrets.token_urlsafe(30)


class ReportSettings(models.Model):
    """The texts of one task force's annual report for one year, written by its coordinator or
    secretariat: what the figures cannot say (foreword, obstacles, recommendations, closing), who
    signs where, and to whom copies go."""

    task_force = models.ForeignKey(TaskForce, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    document_number = models.CharField(_("nomor dokumen"), max_length=100, blank=True)
    foreword = models.TextField(_("kata pengantar"), blank=True)
    obstacles = models.TextField(_("kendala"), blank=True,
                                 help_text=_("Satu butir per baris; nomor di awal baris boleh."))
    recommendations = models.TextField(_("rekomendasi"), blank=True,
                                       help_text=_("Satu butir per baris; nomor di awal baris "
                                                   "boleh."))
    closing = models.TextField(_("penutup"), blank=True)
    copies_to = models.TextField(_("tembusan"), blank=True, help_text=_("Satu penerima per baris."))
    place = models.CharField(_("tempat penandatanganan"), max_length=100, blank=True)
    signer_position = models.CharField(_("jabatan penanda tangan"), max_length=300, blank=True,
                                       help_text=_("Kosong: Ketua Harian (atau Ketua) menurut SK."))
    signer_name = models.CharField(_("nama penanda tangan"), max_length=200, blank=True)
    signer_nip = models.CharField(_("NIP penanda tangan"), max_length=30, blank=True)
    updated_at = models.DateTimeField(default=timezone.now)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")

    objects = tenant_manager()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["task_force", "year"],
                                               name="one_report_settings_per_year")]

    def __str__(self):
        return f"{self.task_force_id} {self.year}"


class LegalBasis(models.Model):
    """One national regulation of the *Dasar Hukum* of every annual report, kept by the national
    task force's secretariat; listed in the reports of the years it was in force."""

    task_force = models.ForeignKey(TaskForce, on_delete=models.CASCADE, related_name="+")
    title = models.CharField(_("peraturan"), max_length=500)
    valid_from = models.PositiveSmallIntegerField(_("berlaku sejak tahun"))
    valid_until = models.PositiveSmallIntegerField(_("berlaku sampai tahun"), null=True, blank=True,
                                                   help_text=_("Kosong: masih berlaku."))
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)

    objects = tenant_manager()

    class Meta:
        ordering = ["order", "valid_from", "id"]

    def __str__(self):
        return self.title

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.valid_until is not None and self.valid_until < self.valid_from:
            raise ValidationError({"valid_until": _("Tahun akhir tidak boleh sebelum tahun "
                                                    "mulai berlaku.")})
