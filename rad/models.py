"""Action plans (RAD for a province or district, RAN for the nation): activities with a target and
a planned budget for each year of the plan, and progress reported per quarter or semester.

Every row carries its own `task_force` and a scoped manager. Targets and budgets keep their
history (django-simple-history): a plan revised mid-period still shows what was planned before.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from gugus_tugas.models import SubTaskForce, TaskForce
from gugus_tugas.scoping import tenant_manager

MAX_PLAN_YEARS = 10


class ActionPlan(models.Model):
    class Kind(models.TextChoices):
        RAD = "rad", _("RAD (Rencana Aksi Daerah)")
        RAN = "ran", _("RAN (Rencana Aksi Nasional)")

    class Status(models.TextChoices):
        DRAFT = "draft", _("draf")
        LEGAL_REVIEW = "legal_review", _("telaah Biro/Bagian Hukum")
        ENACTED = "enacted", _("ditetapkan")
        IN_FORCE = "in_force", _("berlaku")
        FINISHED = "finished", _("selesai")

    class LegalKind(models.TextChoices):
        PERPRES = "perpres", _("Peraturan Presiden")
        PERGUB = "pergub", _("Peraturan Gubernur")
        PERBUP = "perbup", _("Peraturan Bupati")
        PERWALI = "perwali", _("Peraturan Wali Kota")
        OTHER = "other", _("lainnya")

    class Reporting(models.TextChoices):
        QUARTER = "quarter", _("triwulan")
        SEMESTER = "semester", _("semester")

    # the order of the workflow; a plan moves one step at a time
    FLOW = [Status.DRAFT, Status.LEGAL_REVIEW, Status.ENACTED, Status.IN_FORCE, Status.FINISHED]

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    task_force = models.ForeignKey(TaskForce, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("jenis"), max_length=3, choices=Kind.choices)
    title = models.CharField(_("judul"), max_length=500)
    first_year = models.PositiveSmallIntegerField(_("tahun awal"))
    last_year = models.PositiveSmallIntegerField(_("tahun akhir"))
    reporting = models.CharField(_("periode pelaporan"), max_length=10,
                                 choices=Reporting.choices, default=Reporting.QUARTER)
    legal_kind = models.CharField(_("jenis dasar hukum"), max_length=10,
                                  choices=LegalKind.choices, blank=True)
    legal_number = models.CharField(_("nomor dasar hukum"), max_length=100, blank=True)
    legal_date = models.DateField(_("tanggal ditetapkan"), null=True, blank=True)
    scan = models.FileField(_("pindaian peraturan (PDF)"), upload_to="rad/", blank=True)
    status = models.CharField(_("status"), max_length=15, choices=Status.choices,
                              default=Status.DRAFT, db_index=True)
    legal_review_at = models.DateField(_("tanggal masuk telaah hukum"), null=True, blank=True)
    enacted_at = models.DateField(_("tanggal ditetapkan"), null=True, blank=True)
    in_force_at = models.DateField(_("tanggal mulai berlaku"), null=True, blank=True)
    finished_at = models.DateField(_("tanggal selesai"), null=True, blank=True)
    revision = models.PositiveSmallIntegerField(_("revisi"), default=0)
    revision_note = models.TextField(_("catatan revisi"), blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")

    objects = tenant_manager()
    history = HistoricalRecords(excluded_fields=["scan"])

    class Meta:
        ordering = ["-first_year", "-id"]
        verbose_name = _("rencana aksi")
        verbose_name_plural = _("rencana aksi")
        constraints = [
            models.CheckConstraint(condition=Q(last_year__gte=F("first_year")),
                                   name="action_plan_period_ordered"),
            models.CheckConstraint(
                condition=Q(last_year__lte=F("first_year") + (MAX_PLAN_YEARS - 1)),
                name="action_plan_period_at_most_10_years"),
            # one plan in force per task force (the service also refuses overlapping years and
            # finishes a plan whose period is over when its successor comes into force)
            models.UniqueConstraint(fields=["task_force"], condition=Q(status="in_force"),
                                    name="action_plan_one_in_force_per_task_force"),
        ]

    def __str__(self):
        return self.title

    @property
    def years(self) -> list[int]:
        return list(range(self.first_year, self.last_year + 1))

    @property
    def period_label(self) -> str:
        return f"{self.first_year}–{self.last_year}"

    @property
    def periods_per_year(self) -> int:
        return 4 if self.reporting == self.Reporting.QUARTER else 2

    def period_label_of(self, period: int) -> str:
        if self.reporting == self.Reporting.QUARTER:
            return _("Triwulan %(n)s") % {"n": ["I", "II", "III", "IV"][period - 1]}
        return _("Semester %(n)s") % {"n": ["I", "II"][period - 1]}

    @property
    def is_editable(self) -> bool:
        return self.status != self.Status.FINISHED


class Activity(models.Model):
    """A line of the plan's matrix: what, who, how it is measured."""

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    task_force = models.ForeignKey(TaskForce, on_delete=models.CASCADE, related_name="+")
    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="activities")
    cluster = models.CharField(_("sub gugus tugas / klaster"), max_length=200)
    sub_task_force = models.ForeignKey(SubTaskForce, null=True, blank=True,
                                       on_delete=models.SET_NULL, related_name="+")
    number = models.CharField(_("kode kegiatan"), max_length=20)
    name = models.CharField(_("kegiatan"), max_length=500)
    responsible_agency = models.CharField(_("penanggung jawab"), max_length=300)
    supporting_agencies = models.CharField(_("instansi pendukung"), max_length=500, blank=True)
    indicator = models.CharField(_("indikator"), max_length=500)
    unit = models.CharField(_("satuan"), max_length=50)
    baseline = models.DecimalField(_("nilai dasar (baseline)"), max_digits=14, decimal_places=2,
                                   null=True, blank=True)
    ran_activity = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="supported_by",
                                     verbose_name=_("kegiatan RAN yang didukung"))
    order = models.PositiveIntegerField(default=0)

    objects = tenant_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("kegiatan")
        verbose_name_plural = _("kegiatan")
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="activity_number_per_plan"),
        ]

    def __str__(self):
        return f"{self.number} {self.name}"


class ActivityYear(models.Model):
    """Target and planned budget of one activity in one year of the plan."""

    class Source(models.TextChoices):
        APBD = "apbd", "APBD"
        APBN = "apbn", "APBN"
        DAK = "dak", "DAK"
        VILLAGE = "dana_desa", _("Dana Desa")
        DONOR = "donor", _("donor / LSM")
        OTHER = "other", _("lainnya")

    task_force = models.ForeignKey(TaskForce, on_delete=models.CASCADE, related_name="+")
    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="years")
    year = models.PositiveSmallIntegerField(_("tahun"))
    target = models.DecimalField(_("target"), max_digits=14, decimal_places=2)
    budget = models.DecimalField(_("anggaran direncanakan (Rp)"), max_digits=15,
                                 decimal_places=0, default=0)
    budget_source = models.CharField(_("sumber anggaran"), max_length=10, choices=Source.choices,
                                     default=Source.APBD)

    objects = tenant_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["year"]
        constraints = [
            models.UniqueConstraint(fields=["activity", "year"], name="activity_year_unique"),
            models.CheckConstraint(condition=Q(target__gte=0) & Q(budget__gte=0),
                                   name="activity_year_not_negative"),
        ]

    def __str__(self):
        return f"{self.activity_id}/{self.year}"


class ProgressReport(models.Model):
    """What one activity achieved and spent in one period (quarter or semester) of a year.

    Values are those of the period itself; a year's figure is the sum of its accepted periods."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("draf")
        SUBMITTED = "submitted", _("dikirim")
        ACCEPTED = "accepted", _("diterima")
        RETURNED = "returned", _("dikembalikan")

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    task_force = models.ForeignKey(TaskForce, on_delete=models.CASCADE, related_name="+")
    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="reports")
    year = models.PositiveSmallIntegerField(_("tahun"))
    period = models.PositiveSmallIntegerField(_("periode"))
    achieved = models.DecimalField(_("capaian"), max_digits=14, decimal_places=2)
    spent = models.DecimalField(_("anggaran terserap (Rp)"), max_digits=15, decimal_places=0,
                                default=0)
    over_budget = models.BooleanField(_("melebihi anggaran"), default=False)
    narrative = models.TextField(_("uraian"), blank=True)
    obstacles = models.TextField(_("kendala"), blank=True)
    evidence = models.FileField(_("bukti (PDF)"), upload_to="rad/evidence/%Y/", blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices,
                              default=Status.DRAFT, db_index=True)
    return_reason = models.TextField(_("alasan dikembalikan"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    submitted_at = models.DateTimeField(null=True, blank=True)
    reviewed_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")

    objects = tenant_manager()

    class Meta:
        ordering = ["-year", "-period", "id"]
        verbose_name = _("laporan kemajuan")
        verbose_name_plural = _("laporan kemajuan")
        constraints = [
            models.UniqueConstraint(fields=["activity", "year", "period"],
                                    name="progress_report_one_per_period"),
            models.CheckConstraint(condition=Q(period__gte=1) & Q(period__lte=4),
                                   name="progress_report_period_range"),
            models.CheckConstraint(condition=Q(achieved__gte=0) & Q(spent__gte=0),
                                   name="progress_report_not_negative"),
        ]
        indexes = [models.Index(fields=["task_force", "year", "period"])]

    def __str__(self):
        return f"{self.activity_id} {self.year}/{self.period}"


class AgencyOfficer(models.Model):
    """The agency whose activities a person with the agency-officer role reports progress for."""

    task_force = models.ForeignKey(TaskForce, on_delete=models.CASCADE, related_name="+")
    membership = models.OneToOneField("gugus_tugas.Membership", on_delete=models.CASCADE,
                                      related_name="rad_agency")
    agency = models.CharField(_("instansi"), max_length=300)

    objects = tenant_manager()

    class Meta:
        verbose_name = _("petugas instansi")

    def __str__(self):
        return self.agency
