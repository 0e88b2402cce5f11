"""Victim-service case records: the most sensitive data of the system.

Every row carries its owning `task_force`; visibility goes through `CaseAccess` (the owner, and a
receiving task force once it accepts a referral), which the scoped managers filter through.
"""

import uuid
from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager
from simple_history.models import HistoricalRecords

from gugus_tugas.models import Region, TaskForce
from gugus_tugas.scoping import rls_bypass, tenant_manager

from .crypto import EncryptedTextField, encrypted_storage


def case_scoped():
    return ScopedManager(task_force="access__task_force")


def case_child_scoped():
    return ScopedManager(task_force="case__access__task_force")


AGE_GROUPS = ["0-5", "6-12", "13-17", "18-24", "25-44", "45-59", "60+"]


def age_group(age: int | None) -> str:
    if age is None:
        return ""
    for label, upper in (("0-5", 5), ("6-12", 12), ("13-17", 17), ("18-24", 24), ("25-44", 44),
                         ("45-59", 59)):
        if age <= upper:
            return label
    return "60+"


def age_on(birth: date, day: date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def restitution_problem(*, ordered, paid) -> str:
    """Why these restitution amounts cannot stand together ("" if they can): what was paid to
    the victim cannot exceed what the court granted. The case form, the service's full_clean and
    the spreadsheet import all ask here."""
    if paid is not None and paid > 0 and paid > (ordered or 0):
        if not ordered:
            return str(_("Restitusi dibayar diisi, tetapi restitusi yang diputus pengadilan "
                         "belum diisi."))
        return str(_("Restitusi dibayar tidak boleh melebihi restitusi yang diputus "
                     "pengadilan."))
    return ""


class Case(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("draf")
        SUBMITTED = "submitted", _("menunggu verifikasi")
        RETURNED = "returned", _("dikembalikan")
        VERIFIED = "verified", _("terverifikasi")
        CLOSED = "closed", _("ditutup")

    class Intake(models.TextChoices):
        DIRECT = "direct", _("pengaduan langsung")
        REFERRAL = "referral", _("rujukan")
        HOTLINE = "hotline", _("hotline / SAPA 129")
        POLICE = "police", _("kepolisian")
        MIGRANT_AGENCY = "migrant_agency", _("BP2MI / BP3MI")
        OTHER = "other", _("lainnya")

    class Sector(models.TextChoices):
        NONE = "", _("—")
        FISHING = "fishing", _("anak buah kapal perikanan")
        DOMESTIC = "domestic", _("pekerja rumah tangga")
        PLANTATION = "plantation", _("perkebunan")
        ENTERTAINMENT = "entertainment", _("hiburan")
        SCAM = "scam_compound", _("penipuan daring (scam)")
        OTHER = "other", _("lainnya")

    class Means(models.TextChoices):
        NONE = "", _("—")
        DECEPTION = "deception", _("penipuan / tipu daya")
        DEBT = "debt_bondage", _("jeratan utang")
        THREAT = "threat", _("ancaman / kekerasan")
        DOCUMENTS = "documents", _("dokumen ditahan")
        OTHER = "other", _("lainnya")

    class LegalStage(models.TextChoices):
        NONE = "none", _("belum ada proses hukum")
        INVESTIGATION = "investigation", _("penyidikan")
        PROSECUTION = "prosecution", _("penuntutan")
        VERDICT = "verdict", _("putusan")

    class Verdict(models.TextChoices):
        NONE = "", _("—")
        CONVICTED = "convicted", _("terbukti bersalah")
        ACQUITTED = "acquitted", _("bebas")
        OTHER = "other", _("lainnya")

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    task_force = models.ForeignKey(TaskForce, on_delete=models.PROTECT, related_name="cases")
    register_number = models.CharField(_("nomor register"), max_length=32)
    year = models.PositiveSmallIntegerField()
    sequence = models.PositiveIntegerField()
    report_date = models.DateField(_("tanggal lapor"))
    incident_date = models.DateField(_("tanggal kejadian"), null=True, blank=True)
    intake_channel = models.CharField(_("jalur pengaduan"), max_length=20, choices=Intake.choices,
                                      default=Intake.DIRECT)
    incident_region = models.ForeignKey(Region, null=True, blank=True, on_delete=models.PROTECT,
                                        related_name="+", verbose_name=_("wilayah kejadian"))
    incident_country = models.CharField(_("negara kejadian"), max_length=2, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices,
                              default=Status.DRAFT, db_index=True)
    is_official = models.BooleanField(_("data resmi"), default=False, db_index=True)
    status_reason = models.TextField(_("alasan"), blank=True)
    sector = models.CharField(_("sektor"), max_length=20, choices=Sector.choices, blank=True)
    means = models.CharField(_("cara"), max_length=20, choices=Means.choices, blank=True)
    legal_stage = models.CharField(_("tahap proses hukum"), max_length=15,
                                   choices=LegalStage.choices, default=LegalStage.NONE)
    police_report_number = models.CharField(_("nomor laporan polisi"), max_length=100, blank=True)
    verdict = models.CharField(_("putusan"), max_length=10, choices=Verdict.choices, blank=True)
    sentence_months = models.PositiveIntegerField(_("hukuman (bulan)"), null=True, blank=True)
    # Restitution (UU 21/2007 art. 48-50): asked for (by the victim, through the prosecutor or
    # LPSK), granted by the court, and paid to the victim; amounts in rupiah, never negative.
    restitution_requested = models.DecimalField(
        _("restitusi dimohonkan (Rp)"), max_digits=15, decimal_places=0, null=True, blank=True,
        validators=[MinValueValidator(0, _("Jumlah restitusi tidak boleh negatif."))])
    restitution_ordered = models.DecimalField(
        _("restitusi diputus (Rp)"), max_digits=15, decimal_places=0, null=True, blank=True,
        validators=[MinValueValidator(0, _("Jumlah restitusi tidak boleh negatif."))])
    restitution_paid = models.DecimalField(
        _("restitusi dibayar (Rp)"), max_digits=15, decimal_places=0, null=True, blank=True,
        validators=[MinValueValidator(0, _("Jumlah restitusi tidak boleh negatif."))])
    narrative = EncryptedTextField(_("kronologi"), blank=True)
    notes = EncryptedTextField(_("catatan"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                   related_name="+", verbose_name=_("dicatat oleh"))
    created_at = models.DateTimeField(_("dicatat pada"), default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now, db_index=True)
    submitted_at = models.DateTimeField(_("dikirim untuk verifikasi pada"), null=True, blank=True)
    verified_at = models.DateTimeField(_("diverifikasi pada"), null=True, blank=True)
    verified_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+",
                                    verbose_name=_("diverifikasi oleh"))
    # Verified by the person who entered or last changed it, as its task force allows
    # (`TaskForce.allow_self_verification`); shown on the case.
    self_verified = models.BooleanField(_("diverifikasi pencatatnya sendiri"), default=False)
    # Who last changed its content (the case, a victim, a service, a perpetrator), and the ids
    # of everyone who changed it since it was last verified: with created_by, the people who may
    # not verify it (four eyes).
    edited_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="+")
    editors = models.JSONField(default=list, blank=True)
    # Raised by every change of the case or of what it holds; each form and decision carries
    # the version its person saw, and a change made since refuses it (cases.services).
    version = models.PositiveIntegerField(default=1)
    deleted_at = models.DateTimeField(_("dihapus pada"), null=True, blank=True)
    deleted_reason = models.TextField(_("alasan penghapusan"), blank=True)

    objects = case_scoped()
    history = HistoricalRecords(excluded_fields=["year", "sequence"])

    class Meta:
        ordering = ["-report_date", "-id"]
        verbose_name = _("kasus")
        verbose_name_plural = _("kasus")
        constraints = [
            models.UniqueConstraint(fields=["task_force", "year", "sequence"],
                                    name="case_register_sequence_unique"),
            models.UniqueConstraint(fields=["task_force", "register_number"],
                                    name="case_register_number_unique"),
            models.CheckConstraint(
                condition=Q(incident_date__isnull=True) | Q(incident_date__lte=models.F("report_date")),
                name="case_incident_not_after_report"),
        ]
        indexes = [
            models.Index(fields=["task_force", "-report_date"]),
            models.Index(fields=["is_official", "report_date"]),
        ]

    def __str__(self):
        return self.register_number

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        fields = kwargs.get("update_fields")
        if fields is None or set(fields) & set(CaseAccess.LISTED_FROM_CASE):
            self.sync_access()

    def clean(self):
        problem = restitution_problem(ordered=self.restitution_ordered,
                                      paid=self.restitution_paid)
        if problem:
            raise ValidationError({"restitution_paid": problem})

    @property
    def is_deleted(self):
        return self.deleted_at is not None

    def sync_access(self):
        """Copy what the case list sorts and filters on onto every CaseAccess row of the case."""
        with rls_bypass(reason="this case's own CaseAccess rows, by its id: owner's and receivers'"):
            CaseAccess.objects.filter(case_id=self.pk).update(**CaseAccess.listed_fields(self))

    @property
    def incident_place(self) -> str:
        from .countries import country_name

        if self.incident_country:
            return country_name(self.incident_country)
        return self.incident_region.name if self.incident_region_id else ""


class CaseAccess(models.Model):
    """Who may see a case: its owner and, after acceptance, a receiving task force."""

    class Kind(models.TextChoices):
        OWNER = "owner", _("pemilik")
        RECEIVER = "receiver", _("penerima rujukan")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="access")
    task_force = models.ForeignKey(TaskForce, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    granted_at = models.DateTimeField(default=timezone.now)
    # Copies of the case's fields that the case list sorts, filters and counts on, so a task
    # force's list is read from its own rows here (one index walk) instead of joining every case
    # it holds first. Kept in step by Case.save() and the bulk writers (import, scale data).
    report_date = models.DateField()
    year = models.PositiveSmallIntegerField()
    status = models.CharField(max_length=10, choices=Case.Status.choices)
    case_deleted = models.BooleanField(default=False)

    LISTED_FROM_CASE = ("report_date", "year", "status", "deleted_at")

    objects = ScopedManager(task_force="task_force")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["case", "task_force"],
                                               name="one_access_row_per_case_and_task_force")]
        indexes = [models.Index(fields=["task_force", "case"]),
                   models.Index(fields=["task_force", "-report_date", "-case"],
                                name="caseaccess_list_order"),
                   # the list of cases below, over many task forces (the nation: 552): walked
                   # newest first until a page is full, instead of sorting every case held
                   models.Index(fields=["-report_date", "-case"], name="caseaccess_below_order",
                                condition=models.Q(case_deleted=False)),
                   # the few rows of referred cases (left out of that list when held twice)
                   models.Index(fields=["case"], name="caseaccess_receivers",
                                condition=models.Q(kind="receiver"))]

    def __str__(self):
        return f"{self.case_id} → {self.task_force_id} ({self.kind})"

    def save(self, *args, **kwargs):
        if self.report_date is None:  # a new row: copy from its case
            for name, value in self.listed_fields(self.case).items():
                setattr(self, name, value)
        super().save(*args, **kwargs)

    @staticmethod
    def listed_fields(case: Case) -> dict:
        return {"report_date": case.report_date, "year": case.year, "status": case.status,
                "case_deleted": case.deleted_at is not None}

    @classmethod
    def for_case(cls, case: Case, *, task_force, kind) -> "CaseAccess":
        return cls(case=case, task_force=task_force, kind=kind, **cls.listed_fields(case))


class Exploitation(models.Model):
    class Type(models.TextChoices):
        SEXUAL = "eksploitasi_seksual", _("eksploitasi seksual")
        FORCED_LABOUR = "kerja_paksa", _("kerja paksa")
        DOMESTIC = "pekerja_rumah_tangga", _("perbudakan rumah tangga")
        MARRIAGE = "kawin_paksa", _("kawin paksa")
        ORGAN = "pengambilan_organ", _("pengambilan organ")
        SCAM = "penipuan_daring", _("dipaksa bekerja di penipuan daring")
        BEGGING = "mengemis", _("dipaksa mengemis")
        OTHER = "lainnya", _("lainnya")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="exploitations")
    task_force = models.ForeignKey(TaskForce, on_delete=models.PROTECT, related_name="+")
    type = models.CharField(max_length=25, choices=Type.choices)

    objects = case_child_scoped()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["case", "type"],
                                               name="exploitation_type_once_per_case")]

    def __str__(self):
        return self.get_type_display()


class Victim(models.Model):
    class Sex(models.TextChoices):
        MALE = "L", _("laki-laki")
        FEMALE = "P", _("perempuan")

    class Education(models.TextChoices):
        UNKNOWN = "", _("—")
        NONE = "none", _("tidak sekolah")
        SD = "sd", _("SD")
        SMP = "smp", _("SMP")
        SMA = "sma", _("SMA/SMK")
        HIGHER = "higher", _("perguruan tinggi")

    class Marital(models.TextChoices):
        UNKNOWN = "", _("—")
        SINGLE = "single", _("belum kawin")
        MARRIED = "married", _("kawin")
        DIVORCED = "divorced", _("cerai")

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="victims")
    task_force = models.ForeignKey(TaskForce, on_delete=models.PROTECT, related_name="+")
    name = EncryptedTextField(_("nama korban"))
    nik = EncryptedTextField(_("NIK"), blank=True)
    contact = EncryptedTextField(_("kontak (telepon/alamat)"), blank=True)
    initials = models.CharField(max_length=8)
    nik_hash = models.CharField(max_length=64, blank=True, db_index=True)
    identity_hash = models.CharField(max_length=64, blank=True, db_index=True)
    sex = models.CharField(_("jenis kelamin"), max_length=1, choices=Sex.choices)
    birth_date = models.DateField(_("tanggal lahir"), null=True, blank=True)
    age_at_incident = models.PositiveSmallIntegerField(_("usia saat kejadian"), null=True,
                                                       blank=True)
    age_group = models.CharField(max_length=5, blank=True, db_index=True)
    is_child = models.BooleanField(null=True, db_index=True)
    nationality = models.CharField(_("kewarganegaraan"), max_length=3, default="WNI")
    education = models.CharField(_("pendidikan"), max_length=10, choices=Education.choices,
                                 blank=True)
    occupation = models.CharField(_("pekerjaan"), max_length=100, blank=True)
    marital_status = models.CharField(_("status perkawinan"), max_length=10,
                                      choices=Marital.choices, blank=True)
    disability = models.BooleanField(_("penyandang disabilitas"), default=False)
    origin_region = models.ForeignKey(Region, null=True, blank=True, on_delete=models.PROTECT,
                                      related_name="+", verbose_name=_("daerah asal"))
    deleted_at = models.DateTimeField(null=True, blank=True)

    objects = case_child_scoped()
    history = HistoricalRecords()

    class Meta:
        ordering = ["id"]
        verbose_name = _("korban")
        verbose_name_plural = _("korban")
        indexes = [models.Index(fields=["case", "sex"])]

    def __str__(self):
        return self.initials


class RoutePoint(models.Model):
    class Kind(models.TextChoices):
        ORIGIN = "origin", _("asal")
        TRANSIT = "transit", _("transit")
        DESTINATION = "destination", _("tujuan")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="route")
    task_force = models.ForeignKey(TaskForce, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    region = models.ForeignKey(Region, null=True, blank=True, on_delete=models.PROTECT,
                               related_name="+")
    country = models.CharField(max_length=2, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    objects = case_child_scoped()

    class Meta:
        ordering = ["order", "id"]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.place}"

    @property
    def place(self) -> str:
        from .countries import country_name

        if self.country:
            return country_name(self.country)
        return self.region.name if self.region_id else ""


class Perpetrator(models.Model):
    class Role(models.TextChoices):
        RECRUITER = "recruiter", _("perekrut")
        TRANSPORTER = "transporter", _("pengangkut")
        EMPLOYER = "employer", _("pemberi kerja")
        OTHER = "other", _("lainnya")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="perpetrators")
    task_force = models.ForeignKey(TaskForce, on_delete=models.PROTECT, related_name="+")
    is_corporation = models.BooleanField(_("korporasi"), default=False)
    sex = models.CharField(_("jenis kelamin"), max_length=1, choices=Victim.Sex.choices,
                           blank=True)
    age = models.PositiveSmallIntegerField(_("usia"), null=True, blank=True)
    nationality = models.CharField(_("kewarganegaraan"), max_length=3, default="WNI")
    relation = models.CharField(_("hubungan dengan korban"), max_length=100, blank=True)
    role = models.CharField(_("peran"), max_length=12, choices=Role.choices, default=Role.OTHER)

    objects = case_child_scoped()

    def __str__(self):
        return self.get_role_display()


class Service(models.Model):
    class Type(models.TextChoices):
        COMPLAINT = "pengaduan", _("layanan pengaduan")
        HEALTH = "rehabilitasi_kesehatan", _("rehabilitasi kesehatan")
        SOCIAL = "rehabilitasi_sosial", _("rehabilitasi sosial")
        LEGAL_AID = "bantuan_hukum", _("bantuan hukum")
        LAW = "penegakan_hukum", _("penegakan hukum")
        REPATRIATION = "pemulangan", _("pemulangan")
        REINTEGRATION = "reintegrasi_sosial", _("reintegrasi sosial")
        RELIGIOUS = "pendampingan_rohani", _("pendampingan rohani")
        SAFE_HOUSE = "rumah_aman", _("rumah aman")

    class Status(models.TextChoices):
        PLANNED = "planned", _("direncanakan")
        GIVEN = "given", _("diberikan")
        REFUSED = "refused", _("ditolak korban")

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    victim = models.ForeignKey(Victim, on_delete=models.CASCADE, related_name="services",
                               verbose_name=_("korban"))
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="services")
    # the task force that gave and recorded it: the case's owner, or a receiver of a referral;
    # only it corrects or removes the service
    task_force = models.ForeignKey(TaskForce, on_delete=models.PROTECT, related_name="+",
                                   verbose_name=_("dicatat oleh gugus tugas"))
    type = models.CharField(_("layanan"), max_length=25, choices=Type.choices)
    provider_agency = models.CharField(_("instansi pemberi layanan"), max_length=200, blank=True)
    # empty: ticked on the entry form without its date, to be completed on the case page
    date = models.DateField(_("tanggal"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices,
                              default=Status.GIVEN)

    objects = case_child_scoped()
    history = HistoricalRecords()

    class Meta:
        ordering = ["date", "id"]
        indexes = [models.Index(fields=["case", "status"])]

    def __str__(self):
        return f"{self.get_type_display()} ({self.get_status_display()})"

    @property
    def is_incomplete(self) -> bool:
        """Ticked on the entry form, its date or provider agency still to be filled in."""
        return self.date is None or not self.provider_agency


class Referral(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("menunggu jawaban")
        ACCEPTED = "accepted", _("diterima")
        DECLINED = "declined", _("ditolak")

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="referrals")
    task_force = models.ForeignKey(TaskForce, on_delete=models.PROTECT, related_name="+")
    from_task_force = models.ForeignKey(TaskForce, on_delete=models.PROTECT, related_name="+")
    to_task_force = models.ForeignKey(TaskForce, on_delete=models.PROTECT, related_name="+",
                                      verbose_name=_("dirujuk ke"))
    reason = models.TextField(_("alasan rujukan"))
    # codes of Service.Type the receiver is asked to give
    services_requested = models.JSONField(_("layanan yang diminta"), default=list, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.TextField(blank=True)

    # Both ends see a referral: the sender owns it, the receiver is named in to_task_force.
    objects = ScopedManager(task_force="parties__task_force")

    class Meta:
        ordering = ["-created_at"]
        constraints = [models.UniqueConstraint(
            fields=["case", "to_task_force"], condition=Q(status="pending"),
            name="one_pending_referral_per_case_and_receiver")]

    def __str__(self):
        return f"{self.from_task_force_id} → {self.to_task_force_id} ({self.status})"

    @property
    def services_requested_labels(self) -> list[str]:
        labels = dict(Service.Type.choices)
        return [str(labels.get(code, code)) for code in self.services_requested]


class ReferralParty(models.Model):
    """The two task forces a referral concerns (so each sees it through its own scope)."""

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="parties")
    task_force = models.ForeignKey(TaskForce, on_delete=models.CASCADE, related_name="+")

    objects = ScopedManager(task_force="task_force")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["referral", "task_force"],
                                               name="referral_party_unique")]

    def __str__(self):
        return f"{self.referral_id} · {self.task_force_id}"


class Attachment(models.Model):
    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="attachments")
    task_force = models.ForeignKey(TaskForce, on_delete=models.PROTECT, related_name="+")
    file = models.FileField(upload_to="cases/%Y/", storage=encrypted_storage)  # encrypted at rest
    filename = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                    related_name="+")
    uploaded_at = models.DateTimeField(default=timezone.now)

    objects = case_child_scoped()

    def __str__(self):
        return self.filename


class IdentityView(models.Model):
    """Each time someone read a victim's identity (`cases.identity`, the one door): who, when,
    which victim (or the case, for its chronology, notes and attachments), which fields, on which
    page or export, and why."""

    task_force = models.ForeignKey(TaskForce, on_delete=models.CASCADE, related_name="+")
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="identity_views")
    victim = models.ForeignKey("Victim", null=True, blank=True, on_delete=models.CASCADE,
                               related_name="identity_views")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)
    page = models.CharField(max_length=60, blank=True)  # URL name, e.g. cases:detail
    fields = models.JSONField(default=list, blank=True)  # e.g. ["name", "nik"]
    purpose = models.CharField(max_length=300, blank=True)

    objects = ScopedManager(task_force="task_force")

    class Meta:
        ordering = ["-at"]

    def __str__(self):
        return f"{self.user_id} {self.at:%Y-%m-%d %H:%M}"


class ImportJob(models.Model):
    """A large import run by a Celery worker, with its progress shown in the page."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("antre")
        RUNNING = "running", _("berjalan")
        DONE = "done", _("selesai")
        FAILED = "failed", _("gagal")
        CANCELLED = "cancelled", _("dibatalkan")

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    task_force = models.ForeignKey(TaskForce, on_delete=models.CASCADE, related_name="+")
    # encrypted at rest, and deleted once the import is committed or cancelled (or after a day)
    file = models.FileField(upload_to="imports/", storage=encrypted_storage, blank=True)
    filename = models.CharField(max_length=200)
    as_verified = models.BooleanField(default=False)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)
    rows = models.PositiveIntegerField(default=0)
    cases_created = models.PositiveIntegerField(default=0)
    errors = models.JSONField(default=list, blank=True)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                     related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)
    # gugus_tugas.jobs: sent to the queue (None: waits for its person to confirm, or the queue
    # refused it), started, the running worker's sign of life, runs begun
    published_at = models.DateTimeField(null=True, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)

    objects = ScopedManager(task_force="task_force")

    def __str__(self):
        return self.filename

    @property
    def can_run_again(self) -> bool:
        """Checked but never started: the queue refused it, or it waited too long (and its
        file is still kept: import files are deleted a day after upload)."""
        if not self.file:
            return False
        if self.status == self.Status.QUEUED:
            return self.published_at is None
        return self.status == self.Status.FAILED and self.started_at is None


class DataVersion(models.Model):
    """The version of the case data of one province tree, or of the nation, bumped after every
    committed change (`cases.versioning`): the key cached figures are stored under. In the
    database, not the cache, so it never loses a change while Redis is away. Holds no case
    data; not tenant-owned."""

    scope = models.CharField(max_length=10, unique=True)  # "nasional" or a province code
    version = models.BigIntegerField(default=0)

    def __str__(self):
        return f"{self.scope}: version {self.version}"


class CaseDraft(models.Model):
    """What an officer has typed into the new-case form and not yet saved as a case, kept on the
    server as she goes (a dropped connection loses nothing): one per person and task force,
    Fernet-encrypted (it holds identities), read back only for its own person
    (`cases.identity.draft_content`), deleted when the case is saved."""

    task_force = models.ForeignKey(TaskForce, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    data = models.TextField()  # Fernet token of the form's fields as JSON (cases.drafts)
    saved_at = models.DateTimeField(default=timezone.now)

    objects = tenant_manager()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["task_force", "user"],
                                               name="one_case_draft_per_person")]

    def __str__(self):
        return f"{self.user_id} {self.saved_at:%Y-%m-%d %H:%M}"
