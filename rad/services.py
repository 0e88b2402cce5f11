"""Writes of the action plans: every one atomic, checked first (Indonesian messages), audited.

Bad input raises ValidationError before anything is written, so nothing changes.
"""

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gugus_tugas.models import SubTaskForce, TaskForce
from gugus_tugas.services.audit import audit_record
from gugus_tugas.validators import PROGRESS_EVIDENCE, REGULATION_SCAN, validate_pdf_upload

from .models import (
    MAX_PLAN_YEARS,
    ActionPlan,
    Activity,
    ActivityYear,
    AgencyOfficer,
    ProgressReport,
)
from .numbers import AmountError, parse_amount

PLAN_FIELDS = ("title", "first_year", "last_year", "reporting", "legal_kind", "legal_number",
               "legal_date")


def period_start(plan: ActionPlan, year: int, period: int) -> date:
    months = 12 // plan.periods_per_year
    return date(year, (period - 1) * months + 1, 1)


def current_period(plan: ActionPlan, today: date | None = None) -> tuple[int, int]:
    today = today or timezone.localdate()
    months = 12 // plan.periods_per_year
    return today.year, (today.month - 1) // months + 1


def _check_period(first, last, errors):
    try:
        first, last = int(first), int(last)
    except (TypeError, ValueError):
        errors["first_year"] = _("Tahun awal dan akhir harus berupa tahun.")
        return
    if not (2000 <= first <= 2100 and 2000 <= last <= 2100):
        errors["first_year"] = _("Tahun harus di antara 2000 dan 2100.")
    elif last < first:
        errors["last_year"] = _("Tahun akhir tidak boleh sebelum tahun awal.")
    elif last - first + 1 > MAX_PLAN_YEARS:
        errors["last_year"] = _("Periode rencana aksi paling lama %(n)s tahun (%(first)s–%(last)s "
                                "adalah %(len)s tahun).") % {
            "n": MAX_PLAN_YEARS, "first": first, "last": last, "len": last - first + 1}


def _raise(errors):
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def plan_create(*, task_force: TaskForce, data: dict, acting_user, scan=None) -> ActionPlan:
    errors = {}
    _check_period(data.get("first_year"), data.get("last_year"), errors)
    if scan is not None:
        try:
            validate_pdf_upload(scan, what=REGULATION_SCAN)
        except ValidationError as e:
            errors["scan"] = e.messages
    _raise(errors)
    kind = (ActionPlan.Kind.RAN if task_force.level == TaskForce.Level.NATIONAL
            else ActionPlan.Kind.RAD)
    plan = ActionPlan(task_force=task_force, kind=kind, created_by=acting_user,
                      **{k: data[k] for k in PLAN_FIELDS if k in data})
    plan.full_clean(exclude=["scan"])
    if scan is not None:
        plan.scan.save(f"{plan.code}.pdf", scan, save=False)
    plan.save()
    audit_record(task_force=task_force, actor=acting_user, action="rad.plan.create", obj=plan,
                 title=plan.title, period=plan.period_label)
    return plan


@transaction.atomic
def plan_update(*, plan: ActionPlan, data: dict, acting_user, scan=None) -> ActionPlan:
    plan = ActionPlan.objects.select_for_update().get(pk=plan.pk)
    errors = {}
    if not plan.is_editable:
        errors["__all__"] = _("Rencana aksi yang sudah selesai tidak dapat diubah.")
    first, last = data.get("first_year", plan.first_year), data.get("last_year", plan.last_year)
    _check_period(first, last, errors)
    if not errors:
        outside = sorted(set(ActivityYear.objects.filter(activity__plan=plan)
                             .exclude(year__range=(int(first), int(last)))
                             .values_list("year", flat=True)))
        if outside:
            errors["first_year"] = _(
                "Ada target kegiatan untuk tahun %(years)s, di luar periode baru. Hapus atau "
                "pindahkan targetnya dulu.") % {"years": ", ".join(map(str, outside))}
        reported = ProgressReport.objects.filter(activity__plan=plan).exclude(
            year__range=(int(first), int(last)))
        if reported.exists():
            errors["first_year"] = _("Ada laporan kemajuan di luar periode baru.")
    if scan is not None:
        try:
            validate_pdf_upload(scan, what=REGULATION_SCAN)
        except ValidationError as e:
            errors["scan"] = e.messages
    _raise(errors)
    changed = [k for k in PLAN_FIELDS if k in data and getattr(plan, k) != data[k]]
    for k in PLAN_FIELDS:
        if k in data:
            setattr(plan, k, data[k])
    plan.full_clean(exclude=["scan"])
    if scan is not None:
        plan.scan.save(f"{plan.code}.pdf", scan, save=False)
        changed.append("scan")
    plan.save()
    audit_record(task_force=plan.task_force, actor=acting_user, action="rad.plan.update",
                 obj=plan, fields=changed)
    return plan


STATUS_DATE = {
    ActionPlan.Status.LEGAL_REVIEW: "legal_review_at",
    ActionPlan.Status.ENACTED: "enacted_at",
    ActionPlan.Status.IN_FORCE: "in_force_at",
    ActionPlan.Status.FINISHED: "finished_at",
}


def overlapping_in_force(plan: ActionPlan):
    return (ActionPlan.objects.filter(task_force=plan.task_force, status=ActionPlan.Status.IN_FORCE,
                                      first_year__lte=plan.last_year,
                                      last_year__gte=plan.first_year)
            .exclude(pk=plan.pk))


@transaction.atomic
def plan_advance(*, plan: ActionPlan, on: date | None = None, acting_user) -> ActionPlan:
    """Move the plan one step: draft → legal review → enacted → in force → finished."""
    plan = ActionPlan.objects.select_for_update().get(pk=plan.pk)
    on = on or timezone.localdate()
    flow = ActionPlan.FLOW
    if plan.status == ActionPlan.Status.FINISHED:
        raise ValidationError(_("Rencana aksi ini sudah selesai."))
    target = flow[flow.index(plan.status) + 1]
    if target in (ActionPlan.Status.ENACTED, ActionPlan.Status.IN_FORCE) and not (
            plan.legal_number and plan.legal_date and plan.legal_kind):
        raise ValidationError(_("Lengkapi dasar hukum (jenis, nomor dan tanggal peraturan) "
                                "sebelum rencana aksi ditetapkan."))
    if target == ActionPlan.Status.IN_FORCE:
        if not plan.activities.exists():
            raise ValidationError(_("Rencana aksi belum memiliki kegiatan."))
        clash = overlapping_in_force(plan).first()
        if clash is not None:
            raise ValidationError(_(
                "Sudah ada rencana aksi yang berlaku untuk tahun yang bertumpang tindih: "
                "%(title)s (%(period)s). Selesaikan dulu rencana aksi itu.")
                % {"title": clash.title, "period": clash.period_label})
        # a plan whose period is over ends when its successor comes into force
        for old in ActionPlan.objects.select_for_update().filter(
                task_force=plan.task_force, status=ActionPlan.Status.IN_FORCE):
            old.status, old.finished_at = ActionPlan.Status.FINISHED, on
            old.save(update_fields=["status", "finished_at"])
            audit_record(task_force=old.task_force, actor=acting_user, action="rad.plan.finish",
                         obj=old, successor=str(plan.code))
    plan.status = target
    setattr(plan, STATUS_DATE[target], on)
    plan.full_clean(exclude=["scan"])
    plan.save(update_fields=["status", STATUS_DATE[target]])
    audit_record(task_force=plan.task_force, actor=acting_user, action="rad.plan.status",
                 obj=plan, status=target)
    return plan


@transaction.atomic
def plan_revise(*, plan: ActionPlan, reason: str, acting_user) -> ActionPlan:
    """Open a revision mid-period: targets and budgets changed from now on are recorded in their
    history under this revision number; the earlier figures stay in the history."""
    plan = ActionPlan.objects.select_for_update().get(pk=plan.pk)
    if not reason.strip():
        raise ValidationError({"reason": _("Tuliskan alasan revisi.")})
    if plan.status not in (ActionPlan.Status.ENACTED, ActionPlan.Status.IN_FORCE):
        raise ValidationError(_("Hanya rencana aksi yang sudah ditetapkan atau berlaku yang "
                                "direvisi; draf dapat diubah langsung."))
    plan.revision += 1
    plan.revision_note = reason.strip()
    plan.save(update_fields=["revision", "revision_note"])
    audit_record(task_force=plan.task_force, actor=acting_user, action="rad.plan.revise",
                 obj=plan, revision=plan.revision, reason=reason.strip())
    return plan


def cluster_choices(task_force: TaskForce) -> list[tuple[SubTaskForce | None, str]]:
    """The sub task forces of the SK in force, or the six national areas when there is none."""
    from gugus_tugas.selectors import decree_current

    decree = decree_current(task_force=task_force)
    stfs = list(decree.sub_task_forces.all()) if decree else []
    if stfs:
        return [(s, s.name) for s in stfs]
    return [(None, str(n)) for n in SubTaskForce.DEFAULT_NAMES]


ACTIVITY_FIELDS = ("cluster", "number", "name", "responsible_agency", "supporting_agencies",
                   "indicator", "unit", "baseline")


def check_years(plan: ActionPlan, years: dict, errors: dict, *, prefix="") -> dict:
    """`years`: {year: {"target": ..., "budget": ..., "budget_source": ...}} → parsed values."""
    clean = {}
    sources = set(ActivityYear.Source.values)
    for year, values in years.items():
        try:
            y = int(year)
        except (TypeError, ValueError):
            errors[f"{prefix}year"] = _("“%(y)s” bukan tahun.") % {"y": year}
            continue
        if not plan.first_year <= y <= plan.last_year:
            errors[f"{prefix}target_{y}"] = _(
                "Tahun %(y)s di luar periode rencana aksi (%(period)s).") % {
                "y": y, "period": plan.period_label}
            continue
        row = {}
        for key, rupiah in (("target", False), ("budget", True)):
            raw = values.get(key)
            if key == "budget" and (raw is None or raw == ""):
                row[key] = Decimal(0)
                continue
            try:
                row[key] = parse_amount(raw, rupiah=rupiah)
            except AmountError as e:
                label = _("Target") if key == "target" else _("Anggaran")
                errors[f"{prefix}{key}_{y}"] = f"{label} {y}: {e}"
        source = values.get("budget_source") or ActivityYear.Source.APBD
        if source not in sources:
            errors[f"{prefix}budget_source_{y}"] = _("Sumber anggaran %(y)s tidak dikenal.") % {
                "y": y}
        row["budget_source"] = source
        clean[y] = row
    return clean


def _check_activity(plan, data, errors, *, activity=None):
    if not plan.is_editable:
        errors["__all__"] = _("Rencana aksi yang sudah selesai tidak dapat diubah.")
    for key, label in (("number", _("Kode kegiatan")), ("name", _("Kegiatan")),
                       ("responsible_agency", _("Penanggung jawab")),
                       ("indicator", _("Indikator")), ("unit", _("Satuan")),
                       ("cluster", _("Sub gugus tugas"))):
        if not str(data.get(key) or "").strip():
            errors[key] = _("%(field)s wajib diisi.") % {"field": label}
    baseline = data.get("baseline")
    if baseline not in (None, ""):
        try:
            data["baseline"] = parse_amount(baseline)
        except AmountError as e:
            errors["baseline"] = _("Nilai dasar: %(e)s") % {"e": e}
    else:
        data["baseline"] = None
    number = str(data.get("number") or "").strip()
    if number and Activity.objects.filter(plan=plan, number=number).exclude(
            pk=activity.pk if activity else None).exists():
        errors["number"] = _("Kode kegiatan %(n)s sudah dipakai di rencana aksi ini.") % {
            "n": number}


def _ran_activity(plan, ran_activity):
    if ran_activity is None:
        return None
    if plan.kind != ActionPlan.Kind.RAD or ran_activity.plan.kind != ActionPlan.Kind.RAN:
        raise ValidationError({"ran_activity": _("Hanya kegiatan RAD yang dapat mendukung "
                                                 "kegiatan RAN.")})
    return ran_activity


def _write_years(activity, years, *, reason):
    existing = {ay.year: ay for ay in activity.years.all()}
    for y, row in years.items():
        ay = existing.get(y) or ActivityYear(task_force=activity.task_force, activity=activity,
                                             year=y)
        if ay.pk and all(getattr(ay, k) == v for k, v in row.items()):
            continue
        for k, v in row.items():
            setattr(ay, k, v)
        ay._change_reason = reason
        ay.save()


def _reason(plan):
    return _("revisi %(n)s") % {"n": plan.revision} if plan.revision else _("penyusunan")


@transaction.atomic
def activity_create(*, plan: ActionPlan, data: dict, years: dict, acting_user,
                    sub_task_force=None, ran_activity=None) -> Activity:
    data = dict(data)
    errors = {}
    _check_activity(plan, data, errors)
    clean_years = check_years(plan, years, errors)
    _raise(errors)
    last = plan.activities.order_by("-order").values_list("order", flat=True).first() or 0
    activity = Activity(task_force=plan.task_force, plan=plan, sub_task_force=sub_task_force,
                        ran_activity=_ran_activity(plan, ran_activity), order=last + 1,
                        **{k: data.get(k) if k == "baseline" else str(data.get(k) or "").strip()
                           for k in ACTIVITY_FIELDS})
    activity.full_clean()
    activity._change_reason = _reason(plan)
    activity.save()
    _write_years(activity, clean_years, reason=_reason(plan))
    audit_record(task_force=plan.task_force, actor=acting_user, action="rad.activity.create",
                 obj=activity, number=activity.number)
    return activity


@transaction.atomic
def activity_update(*, activity: Activity, data: dict, years: dict, acting_user,
                    sub_task_force=None, ran_activity=None) -> Activity:
    plan = activity.plan
    data = dict(data)
    errors = {}
    _check_activity(plan, data, errors, activity=activity)
    clean_years = check_years(plan, years, errors)
    _raise(errors)
    for k in ACTIVITY_FIELDS:
        setattr(activity, k, data.get(k) if k == "baseline" else str(data.get(k) or "").strip())
    activity.sub_task_force = sub_task_force
    activity.ran_activity = _ran_activity(plan, ran_activity)
    activity.full_clean()
    activity._change_reason = _reason(plan)
    activity.save()
    _write_years(activity, clean_years, reason=_reason(plan))
    audit_record(task_force=plan.task_force, actor=acting_user, action="rad.activity.update",
                 obj=activity, number=activity.number, revision=plan.revision)
    return activity


@transaction.atomic
def progress_report_save(*, activity: Activity, year: int, period: int, data: dict, acting_user,
                         evidence=None, submit: bool = False, today: date | None = None,
                         report: ProgressReport | None = None) -> ProgressReport:
    """Record (or correct a draft/returned) progress of one activity for one period.

    Refused: a period outside the plan or not yet started, negative or non-numeric values.
    Spending above the year's planned budget is allowed and flagged on the report."""
    plan = ActionPlan.objects.get(pk=activity.plan_id)  # its status now, not a cached copy
    today = today or timezone.localdate()
    errors = {}
    try:
        year, period = int(year), int(period)
    except (TypeError, ValueError):
        raise ValidationError({"period": _("Periode tidak dikenal.")}) from None
    if not plan.first_year <= year <= plan.last_year:
        errors["period"] = _("Tahun %(y)s di luar periode rencana aksi (%(period)s).") % {
            "y": year, "period": plan.period_label}
    elif not 1 <= period <= plan.periods_per_year:
        errors["period"] = _("Periode tidak dikenal.")
    elif period_start(plan, year, period) > today:
        errors["period"] = _("%(period)s %(y)s belum dimulai: laporan kemajuan diisi setelah "
                             "periodenya berjalan.") % {"period": plan.period_label_of(period),
                                                         "y": year}
    if plan.status not in (ActionPlan.Status.IN_FORCE, ActionPlan.Status.FINISHED):
        errors["__all__"] = _("Laporan kemajuan hanya untuk rencana aksi yang berlaku.")
    values = {}
    for key, rupiah, label in (("achieved", False, _("Capaian")),
                               ("spent", True, _("Anggaran terserap"))):
        raw = data.get(key)
        if key == "spent" and raw in (None, ""):
            values[key] = Decimal(0)
            continue
        try:
            values[key] = parse_amount(raw, rupiah=rupiah)
        except AmountError as e:
            errors[key] = f"{label}: {e}"
    if evidence is not None:
        try:
            validate_pdf_upload(evidence, what=PROGRESS_EVIDENCE)
        except ValidationError as e:
            errors["evidence"] = e.messages
    existing = report or ProgressReport.objects.filter(activity=activity, year=year,
                                                       period=period).first()
    if existing is not None and existing.status in (ProgressReport.Status.SUBMITTED,
                                                    ProgressReport.Status.ACCEPTED):
        errors["__all__"] = _("Kemajuan %(period)s %(y)s untuk kegiatan ini sudah dilaporkan.") % {
            "period": plan.period_label_of(period), "y": year}
    _raise(errors)
    planned = (ActivityYear.objects.filter(activity=activity, year=year)
               .values_list("budget", flat=True).first() or Decimal(0))
    spent_other = sum(ProgressReport.objects.filter(activity=activity, year=year).exclude(
        period=period).exclude(status=ProgressReport.Status.RETURNED)
        .values_list("spent", flat=True), Decimal(0))
    r = existing or ProgressReport(task_force=activity.task_force, activity=activity, year=year,
                                   period=period, created_by=acting_user)
    r.achieved, r.spent = values["achieved"], values["spent"]
    r.over_budget = spent_other + values["spent"] > planned
    r.narrative = str(data.get("narrative") or "").strip()
    r.obstacles = str(data.get("obstacles") or "").strip()
    r.status = ProgressReport.Status.SUBMITTED if submit else ProgressReport.Status.DRAFT
    r.return_reason = ""
    r.submitted_at = timezone.now() if submit else None
    r.full_clean(exclude=["evidence"])
    if evidence is not None:
        r.evidence.save(f"{r.code}.pdf", evidence, save=False)
    r.save()
    audit_record(task_force=activity.task_force, actor=acting_user,
                 action="rad.progress.submit" if submit else "rad.progress.save", obj=r,
                 activity=activity.number, year=year, period=period,
                 over_budget=r.over_budget)
    return r


@transaction.atomic
def progress_report_accept(*, report: ProgressReport, acting_user) -> ProgressReport:
    report = ProgressReport.objects.select_for_update().get(pk=report.pk)
    if report.status != ProgressReport.Status.SUBMITTED:
        raise ValidationError(_("Hanya laporan yang sudah dikirim yang dapat diterima."))
    report.status = ProgressReport.Status.ACCEPTED
    report.reviewed_at, report.reviewed_by = timezone.now(), acting_user
    report.save(update_fields=["status", "reviewed_at", "reviewed_by"])
    audit_record(task_force=report.task_force, actor=acting_user, action="rad.progress.accept",
                 obj=report)
    return report


@transaction.atomic
def progress_report_return(*, report: ProgressReport, reason: str,
                           acting_user) -> ProgressReport:
    report = ProgressReport.objects.select_for_update().get(pk=report.pk)
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Tuliskan alasan laporan dikembalikan.")})
    if report.status != ProgressReport.Status.SUBMITTED:
        raise ValidationError(_("Hanya laporan yang sudah dikirim yang dapat dikembalikan."))
    report.status = ProgressReport.Status.RETURNED
    report.return_reason = reason.strip()
    report.reviewed_at, report.reviewed_by = timezone.now(), acting_user
    report.save(update_fields=["status", "return_reason", "reviewed_at", "reviewed_by"])
    audit_record(task_force=report.task_force, actor=acting_user, action="rad.progress.return",
                 obj=report, reason=report.return_reason)
    return report


@transaction.atomic
def agency_officer_set(*, membership, agency: str, acting_user) -> AgencyOfficer | None:
    """Name the agency an agency officer reports for (blank: none, the officer sees nothing)."""
    from gugus_tugas.roles import Role

    if membership.role != Role.AGENCY_OFFICER or not membership.is_active:
        raise ValidationError(_("Hanya pengguna dengan peran petugas instansi yang diberi "
                                "instansi."))
    agency = " ".join((agency or "").split())
    AgencyOfficer.objects.filter(membership=membership).delete()
    officer = None
    if agency:
        officer = AgencyOfficer(task_force=membership.task_force, membership=membership,
                                agency=agency)
        officer.full_clean()
        officer.save()
    audit_record(task_force=membership.task_force, actor=acting_user,
                 action="rad.agency_officer.set", obj=membership, agency=agency)
    return officer
