import uuid
from datetime import date

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone as dj_timezone
from django.utils.translation import gettext_lazy as _

from .roles import MFA_REQUIRED_ROLES, Perm, Role, role_grants
from .scoping import tenant_manager

TIMEZONES = [
    ("Asia/Jakarta", "WIB"),
    ("Asia/Makassar", "WITA"),
    ("Asia/Jayapura", "WIT"),
]


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create(self, email, password, **extra):
        if not email:
            raise ValueError("email is required")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create(email, password, **extra)

    def create_superuser(self, email, password=None, **extra):
        extra.update(is_staff=True, is_superuser=True)
        return self._create(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who logs in. One `name` field: many Indonesians have a single name."""

    class Notify(models.TextChoices):
        NOW = "now", _("Segera, satu email per kejadian")
        DAILY = "daily", _("Ringkasan harian, satu email per hari")
        NONE = "none", _("Tidak usah dikirimi email")

    email = models.EmailField(_("email"), unique=True)
    name = models.CharField(_("nama"), max_length=150, blank=True)
    timezone = models.CharField(_("zona waktu"), max_length=32, choices=TIMEZONES, blank=True,
                                help_text=_("Kosong: zona waktu gugus tugas yang dibuka."))
    # the interface language the person chose (the language switch); Indonesian until she does
    language = models.CharField(_("bahasa"), max_length=8, choices=settings.LANGUAGES,
                                default="id")
    notify = models.CharField(
        _("email pemberitahuan"), max_length=8, choices=Notify.choices, default=Notify.NOW,
        help_text=_("Kasus dikembalikan, rujukan masuk, rujukan diterima atau ditolak."))
    is_staff = models.BooleanField(default=False)
    is_active = models.BooleanField(default=True)
    date_joined = models.DateTimeField(default=dj_timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        verbose_name = _("pengguna")
        verbose_name_plural = _("pengguna")

    def __str__(self):
        return self.name or self.email

    def has_mfa(self) -> bool:
        from allauth.mfa.models import Authenticator

        return Authenticator.objects.filter(user=self, type=Authenticator.Type.TOTP).exists()


class Region(models.Model):
    """A province or kabupaten/kota with its Kemendagri code (`14`, `14.71`)."""

    class Level(models.TextChoices):
        PROVINCE = "province", _("provinsi")
        DISTRICT = "district", _("kabupaten/kota")

    class Kind(models.TextChoices):
        PROVINCE = "provinsi", _("provinsi")
        REGENCY = "kabupaten", _("kabupaten")
        CITY = "kota", _("kota")

    code = models.CharField(_("kode wilayah"), max_length=5, primary_key=True)
    name = models.CharField(_("nama"), max_length=100)
    level = models.CharField(max_length=10, choices=Level.choices)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    timezone = models.CharField(max_length=32, choices=TIMEZONES)

    class Meta:
        ordering = ["code"]
        verbose_name = _("wilayah")
        verbose_name_plural = _("wilayah")
        constraints = [
            models.CheckConstraint(
                condition=Q(level="province", parent__isnull=True)
                | Q(level="district", parent__isnull=False),
                name="region_parent_matches_level",
            )
        ]

    def __str__(self):
        return self.name


class TaskForce(models.Model):
    """A GT PP-TPPO: the national one, one per province and one per kabupaten/kota.

    The tenant: every tenant-owned row points here. Its code is its region's code, or `nasional`.
    """

    class Level(models.TextChoices):
        NATIONAL = "national", _("nasional")
        PROVINCE = "province", _("provinsi")
        DISTRICT = "district", _("kabupaten/kota")

    NATIONAL_CODE = "nasional"

    code = models.CharField(_("kode"), max_length=10, unique=True)
    name = models.CharField(_("nama"), max_length=200)
    level = models.CharField(_("tingkat"), max_length=10, choices=Level.choices)
    region = models.OneToOneField(
        Region, null=True, blank=True, on_delete=models.PROTECT, related_name="task_force"
    )
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    # Secretariat details (used on the home page and the report cover).
    office = models.CharField(_("kantor sekretariat"), max_length=200, blank=True)
    address = models.TextField(_("alamat"), blank=True)
    phone = models.CharField(_("telepon"), max_length=50, blank=True)
    email = models.EmailField(_("email"), blank=True)
    logo = models.ImageField(_("logo"), upload_to="logos/", blank=True)
    # Meeting rule (seed 000: "rapat berkala minimal 2 kali setahun").
    meetings_required_per_year = models.PositiveSmallIntegerField(
        _("rapat wajib per tahun"), default=2
    )
    # Four eyes: a case is verified by someone other than who entered or last changed it. A task
    # force with a single person for identities may allow self-verification; each case verified
    # that way shows it.
    allow_self_verification = models.BooleanField(
        _("izinkan verifikasi kasus oleh pencatatnya sendiri"), default=False,
        help_text=_("Hanya bila gugus tugas ini mempunyai satu orang saja untuk data identitas "
                    "korban. Kasus yang diverifikasi oleh pencatatnya sendiri ditandai."),
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("gugus tugas")
        verbose_name_plural = _("gugus tugas")
        constraints = [
            models.CheckConstraint(
                condition=Q(level="national", parent__isnull=True, region__isnull=True)
                | (~Q(level="national") & Q(parent__isnull=False, region__isnull=False)),
                name="task_force_tree_shape",
            )
        ]

    def __str__(self):
        return self.name

    @property
    def timezone(self):
        return self.region.timezone if self.region_id else settings.TIME_ZONE

    def descendants(self):
        """This task force and every one below it (a province: its districts; nation: all)."""
        if self.level == self.Level.NATIONAL:
            return TaskForce.objects.all()
        if self.level == self.Level.PROVINCE:
            return TaskForce.objects.filter(Q(pk=self.pk) | Q(parent=self))
        return TaskForce.objects.filter(pk=self.pk)

    def ancestors(self):
        chain, node = [], self.parent
        while node is not None:
            chain.append(node)
            node = node.parent
        return chain


class Membership(models.Model):
    """A person's role in one task force. One person may hold roles in several."""

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    task_force = models.ForeignKey(TaskForce, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("peran"), max_length=20, choices=Role.choices)
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = tenant_manager()

    class Meta:
        verbose_name = _("keanggotaan akun")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "task_force"],
                condition=Q(is_active=True),
                name="one_active_membership_per_user_and_task_force",
            )
        ]

    def __str__(self):
        return f"{self.user} · {self.get_role_display()} · {self.task_force}"

    def grants(self, perm: Perm) -> bool:
        return self.is_active and role_grants(self.role, perm)

    @property
    def requires_mfa(self) -> bool:
        return self.role in MFA_REQUIRED_ROLES


class Invitation(models.Model):
    """An emailed invite to a task force with a role; the link expires.

    `token` is the secret in the emailed link and appears nowhere else (no page, no URL of the
    site's own); pages and their URLs name an invitation by `code`.
    """

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    task_force = models.ForeignKey(TaskForce, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("email"))
    role = models.CharField(_("peran"), max_length=20, choices=Role.choices)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=dj_timezone.now)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = tenant_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("undangan")

    def __str__(self):
        return f"{self.email} → {self.task_force}"

    @property
    def is_open(self) -> bool:
        return self.accepted_at is None and self.revoked_at is None

    @property
    def is_expired(self) -> bool:
        return dj_timezone.now() >= self.expires_at


class Decree(models.Model):
    """An SK (Surat Keputusan) that forms or revises a task force."""

    class Issuer(models.TextChoices):
        PRESIDENT = "presiden", _("Presiden")
        MINISTER = "menteri", _("Menteri")
        GOVERNOR = "gubernur", _("Gubernur")
        REGENT = "bupati", _("Bupati")
        MAYOR = "walikota", _("Wali Kota")

    class Status(models.TextChoices):
        IN_FORCE = "in_force", _("berlaku")
        REVOKED = "revoked", _("dicabut")
        REPLACED = "replaced", _("diganti")

    # What the dates make of a decree (never stored): see `state()`.
    UPCOMING = "upcoming"
    STATE_LABELS = {UPCOMING: _("akan berlaku")}

    # Who may sign the SK of each level of task force.
    ISSUERS_BY_LEVEL = {
        "national": {Issuer.PRESIDENT, Issuer.MINISTER},
        "province": {Issuer.GOVERNOR},
        "district": {Issuer.REGENT, Issuer.MAYOR},
    }

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    task_force = models.ForeignKey(TaskForce, on_delete=models.CASCADE, related_name="decrees")
    number = models.CharField(_("nomor SK"), max_length=100)
    title = models.CharField(_("judul"), max_length=500)
    date_signed = models.DateField(_("tanggal ditetapkan"))
    issuer = models.CharField(_("penerbit"), max_length=10, choices=Issuer.choices)
    period_start = models.PositiveSmallIntegerField(_("periode mulai (tahun)"))
    period_end = models.PositiveSmallIntegerField(_("periode berakhir (tahun)"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.IN_FORCE
    )
    replaces = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="replaced_by",
        verbose_name=_("menggantikan SK"),
    )
    scan = models.FileField(_("pindaian SK (PDF)"), upload_to="decrees/", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = tenant_manager()

    class Meta:
        ordering = ["-date_signed", "-id"]
        verbose_name = _("surat keputusan")
        verbose_name_plural = _("surat keputusan")
        constraints = [
            models.UniqueConstraint(
                fields=["task_force", "number"], name="decree_number_unique_per_task_force"
            ),
            models.CheckConstraint(
                condition=Q(period_end__gte=F("period_start")), name="decree_period_ordered"
            ),
        ]

    def __str__(self):
        return self.number

    def clean(self):
        super().clean()
        tf = getattr(self, "task_force", None) if self.task_force_id else None
        allowed = self.ISSUERS_BY_LEVEL.get(tf.level) if tf else None
        if allowed and self.issuer and self.issuer not in allowed:
            names = ", ".join(str(self.Issuer(i).label) for i in self.Issuer.values if i in allowed)
            raise ValidationError({"issuer": _(
                "SK gugus tugas %(level)s ditetapkan oleh %(names)s, bukan %(issuer)s."
            ) % {"level": tf.get_level_display(), "names": names,
                 "issuer": self.get_issuer_display()}})

    @property
    def starts_on(self) -> date:
        return date(self.period_start, 1, 1)

    @property
    def begins_on(self) -> date:
        """The first day it is in force: its period's first day, or the signing if later."""
        return max(self.starts_on, self.date_signed)

    def has_started(self, on: date | None = None) -> bool:
        on = on or dj_timezone.localdate()
        return self.starts_on <= on and self.date_signed <= on

    def state(self, on: date | None = None) -> str:
        """The status the dates give on `on` (today by default): an SK whose period has not
        started is "akan berlaku", and the SK it replaces stays in force until that first day."""
        on = on or dj_timezone.localdate()
        if self.status == self.Status.REVOKED:
            return self.status
        if not self.has_started(on):
            return self.UPCOMING
        if self.status == self.Status.REPLACED or any(
            d.status != self.Status.REVOKED and d.has_started(on) for d in self.replaced_by.all()
        ):
            return self.Status.REPLACED
        return self.Status.IN_FORCE

    def get_state_display(self) -> str:
        state = self.state()
        return str(self.STATE_LABELS.get(state) or self.Status(state).label)

    @property
    def current_state(self) -> str:
        return self.state()

    @property
    def period_label(self) -> str:
        return f"{self.period_start}–{self.period_end}"  # a string: years get no separators

    @property
    def expires_on(self) -> date:
        return date(self.period_end, 12, 31)

    def days_to_expiry(self, today: date | None = None) -> int:
        today = today or dj_timezone.localdate()
        return (self.expires_on - today).days


class SubTaskForce(models.Model):
    """A sub task force (klaster) named in an SK."""

    DEFAULT_NAMES = [
        _("Pencegahan"),
        _("Rehabilitasi Kesehatan"),
        _("Rehabilitasi Sosial, Pemulangan dan Reintegrasi Sosial"),
        _("Pengembangan Norma Hukum"),
        _("Penegakan Hukum"),
        _("Koordinasi dan Kerja Sama"),
    ]

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    task_force = models.ForeignKey(
        TaskForce, on_delete=models.CASCADE, related_name="sub_task_forces"
    )
    decree = models.ForeignKey(Decree, on_delete=models.CASCADE, related_name="sub_task_forces")
    name = models.CharField(_("nama sub gugus tugas"), max_length=200)
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)

    objects = tenant_manager()

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("sub gugus tugas")
        verbose_name_plural = _("sub gugus tugas")
        constraints = [
            models.UniqueConstraint(fields=["decree", "name"], name="sub_task_force_unique_name")
        ]

    def __str__(self):
        return self.name


class DecreeMember(models.Model):
    """A member named in an SK, often by position rather than by person."""

    class Role(models.TextChoices):
        CHAIR = "ketua", _("Ketua")
        VICE_CHAIR = "wakil_ketua", _("Wakil Ketua")
        DAILY_CHAIR = "ketua_harian", _("Ketua Harian")
        SECRETARY = "sekretaris", _("Sekretaris")
        SUB_CHAIR = "ketua_sub", _("Ketua Sub Gugus Tugas")
        MEMBER = "anggota", _("Anggota")

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    task_force = models.ForeignKey(TaskForce, on_delete=models.CASCADE, related_name="+")
    decree = models.ForeignKey(Decree, on_delete=models.CASCADE, related_name="members")
    position = models.CharField(_("jabatan"), max_length=300)
    agency = models.CharField(_("instansi"), max_length=300, blank=True)
    person_name = models.CharField(_("nama (opsional)"), max_length=200, blank=True)
    role = models.CharField(_("kedudukan"), max_length=15, choices=Role.choices, default=Role.MEMBER)
    sub_task_force = models.ForeignKey(
        SubTaskForce, null=True, blank=True, on_delete=models.SET_NULL, related_name="members",
        verbose_name=_("sub gugus tugas"),
    )
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)

    objects = tenant_manager()

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("anggota SK")
        verbose_name_plural = _("anggota SK")

    def __str__(self):
        return self.position


class AuditEvent(models.Model):
    """Who did what to which record, when. Written by services, never edited."""

    task_force = models.ForeignKey(TaskForce, on_delete=models.CASCADE, related_name="+")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(max_length=60)
    object_type = models.CharField(max_length=60, blank=True)
    object_code = models.CharField(max_length=64, blank=True)
    details = models.JSONField(default=dict, blank=True)
    at = models.DateTimeField(default=dj_timezone.now, db_index=True)

    objects = tenant_manager()

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["task_force", "-at"])]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.action}"


class Notification(models.Model):
    """One event told to one person by email, at most once: `key` names the event (its audit
    row), unique with the recipient. Sent at once or in the day's digest, by the person's
    `User.notify` when the event happened; `sent_at` is set when an email took it."""

    task_force = models.ForeignKey(TaskForce, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="notifications")
    key = models.CharField(max_length=80)
    event = models.CharField(max_length=60)
    subject = models.CharField(max_length=200)
    body = models.TextField()
    link = models.URLField(max_length=500, blank=True)
    digest = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=dj_timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)

    objects = tenant_manager()

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [models.UniqueConstraint(fields=["key", "user"],
                                               name="notification_once_per_event_and_person")]
        indexes = [models.Index(fields=["digest", "sent_at"])]

    def __str__(self):
        return f"{self.event} → {self.user_id}"
