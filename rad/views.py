"""Pages of the action plans. Thin: an access helper, a form, one service call, a redirect."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gugus_tugas.access import access_object, require
from gugus_tugas.forms import posted_text
from gugus_tugas.models import Membership, TaskForce
from gugus_tugas.roles import Perm
from gugus_tugas.storage import private_download
from gugus_tugas.views import _status
from reports import charts
from reports.rendering import html_to_pdf

from . import selectors, services
from .access import access_activity, access_plan, access_progress_report
from .evaluation_export import evaluation_xlsx
from .forms import (
    ActivityForm,
    ImportForm,
    PlanForm,
    ProgressForm,
    ReasonForm,
    add_service_errors,
)
from .matrix import matrix_import, matrix_xlsx
from .models import ActionPlan, AgencyOfficer, ProgressReport
from .rendering import activity_rows

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _xlsx(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _slug(plan):
    return f"{plan.kind}-{plan.task_force.code}-{plan.first_year}-{plan.last_year}"


def plan_index(request, tf_code):
    require(request, Perm.VIEW_TASK_FORCE)
    tf = request.task_force
    return render(request, "rad/plan_list.html", {
        "plans": selectors.plan_list(task_force=tf),
        "in_force": selectors.plan_in_force(task_force=tf),
    })


def plan_new(request, tf_code):
    require(request, Perm.MANAGE_RAD)
    tf = request.task_force
    this = timezone.localdate().year
    form = PlanForm(request.POST or None, request.FILES or None, initial={
        "first_year": this, "last_year": this + 4,
        "title": _("Rencana Aksi Pencegahan dan Penanganan TPPO %(tf)s") % {"tf": tf.name},
        "legal_kind": {"national": "perpres", "province": "pergub"}.get(tf.level, "")})
    if request.method == "POST" and form.is_valid():
        try:
            plan = services.plan_create(task_force=tf, data=form.data_for_service(),
                                        scan=form.cleaned_data.get("scan"),
                                        acting_user=request.user)
        except ValidationError as e:
            add_service_errors(form, e)
        else:
            messages.success(request, _("Rencana aksi tersimpan. Tambahkan kegiatannya."))
            return redirect("rad:detail", tf_code=tf_code, plan=plan.code)
    return render(request, "rad/plan_form.html", {"form": form}, status=_status(form))


def plan_edit(request, tf_code, plan):
    plan = access_plan(request, plan, perm=Perm.MANAGE_RAD)
    initial = {k: getattr(plan, k) for k in PlanForm.DATA_FIELDS}
    form = PlanForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.plan_update(plan=plan, data=form.data_for_service(),
                                 scan=form.cleaned_data.get("scan"), acting_user=request.user)
        except ValidationError as e:
            add_service_errors(form, e)
        else:
            messages.success(request, _("Rencana aksi diperbarui."))
            return redirect("rad:detail", tf_code=tf_code, plan=plan.code)
    return render(request, "rad/plan_form.html", {"form": form, "plan": plan},
                  status=_status(form))


def plan_detail(request, tf_code, plan):
    plan = access_plan(request, plan)
    flow = ActionPlan.FLOW
    next_status = (flow[flow.index(plan.status) + 1]
                   if plan.status != ActionPlan.Status.FINISHED else None)
    return render(request, "rad/plan_detail.html", {
        "plan": plan, "matrix": selectors.plan_matrix(plan=plan),
        "next_status": ActionPlan.Status(next_status).label if next_status else None,
        "history": selectors.history_of_targets(plan=plan, limit=20),
        "revise_form": ReasonForm(),
    })


@require_POST
def plan_advance(request, tf_code, plan):
    plan = access_plan(request, plan, perm=Perm.MANAGE_RAD)
    try:
        plan = services.plan_advance(plan=plan, acting_user=request.user)
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
    else:
        messages.success(request, _("Status rencana aksi: %(s)s.") % {
            "s": plan.get_status_display()})
    return redirect("rad:detail", tf_code=tf_code, plan=plan.code)


@require_POST
def plan_revise(request, tf_code, plan):
    plan = access_plan(request, plan, perm=Perm.MANAGE_RAD)
    try:
        plan = services.plan_revise(plan=plan, reason=posted_text(request, "reason"),
                                    acting_user=request.user)
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
    else:
        messages.success(request, _("Revisi %(n)s dibuka: perubahan target dan anggaran dicatat "
                                    "dalam riwayat.") % {"n": plan.revision})
    return redirect("rad:detail", tf_code=tf_code, plan=plan.code)


def plan_scan(request, tf_code, plan):
    plan = access_plan(request, plan)
    return private_download(plan.scan, filename=f"{_slug(plan)}.pdf")


def _activity_page(request, tf_code, plan, activity=None):
    ran = selectors.ran_activity_choices() if plan.kind == ActionPlan.Kind.RAD else []
    initial = {}
    if activity is not None:
        initial = {k: getattr(activity, k) for k in services.ACTIVITY_FIELDS}
        initial["ran_activity"] = str(activity.ran_activity.code) if activity.ran_activity else ""
        for ay in activity.years.all():
            initial.update({f"target_{ay.year}": ay.target, f"budget_{ay.year}": ay.budget,
                            f"budget_source_{ay.year}": ay.budget_source})
    form = ActivityForm(request.POST or None, plan=plan, ran_activities=ran, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            if activity is None:
                services.activity_create(plan=plan, acting_user=request.user,
                                         **form.service_args())
            else:
                services.activity_update(activity=activity, acting_user=request.user,
                                         **form.service_args())
        except ValidationError as e:
            add_service_errors(form, e)
        else:
            messages.success(request, _("Kegiatan tersimpan."))
            if activity is None and "another" in request.POST:
                return redirect("rad:activity_new", tf_code=tf_code, plan=plan.code)
            return redirect("rad:detail", tf_code=tf_code, plan=plan.code)
    return render(request, "rad/activity_form.html",
                  {"form": form, "plan": plan, "activity": activity}, status=_status(form))


def activity_new(request, tf_code, plan):
    plan = access_plan(request, plan, perm=Perm.MANAGE_RAD)
    return _activity_page(request, tf_code, plan)


def activity_edit(request, tf_code, activity):
    activity = access_activity(request, activity)
    return _activity_page(request, tf_code, activity.plan, activity)


def progress_entry(request, tf_code, plan):
    """The current period: the activities not yet reported (an agency officer: its agency's
    only), each with a link to its form; the secretariat accepts or returns what was sent."""
    plan = access_plan(request, plan, perm=Perm.REPORT_RAD_PROGRESS)
    agency = selectors.reporting_agency(membership=request.membership)
    year, period = services.current_period(plan)
    in_period = plan.first_year <= year <= plan.last_year
    return render(request, "rad/progress_entry.html", {
        "plan": plan, "year": year, "period": period, "agency": agency,
        "period_label": plan.period_label_of(period), "in_period": in_period,
        "due": selectors.progress_due(plan=plan, year=year, period=period,
                                      agency=agency) if in_period else [],
        "submitted": selectors.progress_list(plan=plan, status=ProgressReport.Status.SUBMITTED,
                                             agency=agency),
        "returned": selectors.progress_list(plan=plan, status=ProgressReport.Status.RETURNED,
                                            agency=agency),
    })


def progress_new(request, tf_code, activity):
    activity = access_activity(request, activity, perm=Perm.REPORT_RAD_PROGRESS)
    agency = selectors.reporting_agency(membership=request.membership)
    if agency is not None and activity.responsible_agency.casefold() != agency.casefold():
        raise PermissionDenied  # another agency's activity
    plan = activity.plan
    year, period = services.current_period(plan)
    try:
        year = int(request.GET.get("tahun") or request.POST.get("tahun") or year)
        period = int(request.GET.get("periode") or request.POST.get("periode") or period)
    except ValueError:
        raise Http404 from None
    existing = (ProgressReport.objects.filter(activity=activity, year=year, period=period)
                .first())
    initial = {}
    if existing is not None:
        initial = {"achieved": existing.achieved, "spent": existing.spent,
                   "narrative": existing.narrative, "obstacles": existing.obstacles}
    form = ProgressForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.progress_report_save(
                activity=activity, year=year, period=period, data=form.cleaned_data,
                evidence=form.cleaned_data.get("evidence"), submit="submit" in request.POST,
                acting_user=request.user, report=existing)
        except ValidationError as e:
            add_service_errors(form, e)
        else:
            report = ProgressReport.objects.get(activity=activity, year=year, period=period)
            if report.over_budget:
                messages.warning(request, _("Anggaran terserap tahun %(y)s melebihi anggaran yang "
                                            "direncanakan; laporan tetap disimpan dan ditandai.")
                                 % {"y": year})
            messages.success(request, _("Kemajuan %(a)s tersimpan.") % {"a": activity.number})
            return redirect("rad:progress", tf_code=tf_code, plan=plan.code)
    return render(request, "rad/progress_form.html", {
        "form": form, "activity": activity, "plan": plan, "year": year, "period": period,
        "period_label": (plan.period_label_of(period) if 1 <= period <= plan.periods_per_year
                         else period),
        "existing": existing}, status=_status(form))


@require_POST
def progress_accept(request, tf_code, rad_report):
    report = access_progress_report(request, rad_report, perm=Perm.MANAGE_RAD)
    try:
        services.progress_report_accept(report=report, acting_user=request.user)
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
    else:
        messages.success(request, _("Laporan kemajuan %(a)s diterima.") % {
            "a": report.activity.number})
    return redirect("rad:progress", tf_code=tf_code, plan=report.activity.plan.code)


@require_POST
def progress_return(request, tf_code, rad_report):
    report = access_progress_report(request, rad_report, perm=Perm.MANAGE_RAD)
    try:
        services.progress_report_return(report=report, reason=posted_text(request, "reason"),
                                        acting_user=request.user)
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
    else:
        messages.success(request, _("Laporan kemajuan %(a)s dikembalikan.") % {
            "a": report.activity.number})
    return redirect("rad:progress", tf_code=tf_code, plan=report.activity.plan.code)


def progress_evidence(request, tf_code, rad_report):
    report = access_progress_report(request, rad_report)
    return private_download(
        report.evidence,
        filename=f"bukti-{report.activity.number}-{report.year}-{report.period}.pdf")


def _year(request, plan):
    this = timezone.localdate().year
    default = min(max(this, plan.first_year), plan.last_year)
    try:
        year = int(request.GET.get("tahun") or default)
    except ValueError:
        year = default
    return year if plan.first_year <= year <= plan.last_year else default


def evaluation(request, tf_code, plan):
    plan = access_plan(request, plan)
    ev = selectors.plan_evaluation(plan=plan)
    year = _year(request, plan)
    clusters = ev["clusters"]
    short = {c["name"]: c["name"][:28] for c in clusters}
    return render(request, "rad/evaluation.html", {
        "plan": plan, "ev": ev, "year": year, "labels": selectors.STATUS_LABELS,
        "activity_rows": activity_rows(ev, year),
        "chart_achievement": charts.hbar(
            {short[c["name"]]: int(round(c["years"][year]["achievement_pct"] or 0))
             for c in clusters}, title=_("Capaian %(y)s per sub gugus tugas (%%)") % {"y": year}),
        "chart_budget": charts.hbar(
            {short[c["name"]]: int(round(c["years"][year]["spent_pct"] or 0)) for c in clusters},
            title=_("Serapan anggaran %(y)s per sub gugus tugas (%%)") % {"y": year}),
        "chart_years": charts.columns(
            {str(y): int(round(ev["total"]["years"][y]["achievement_pct"] or 0))
             for y in ev["years"]}, title=_("Capaian rencana aksi per tahun (%)")),
        "chart_years_budget": charts.columns(
            {str(y): int(round(ev["total"]["years"][y]["spent_pct"] or 0)) for y in ev["years"]},
            title=_("Serapan anggaran per tahun (%)")),
    })


def evaluation_export(request, tf_code, plan):
    plan = access_plan(request, plan)
    return _xlsx(evaluation_xlsx(selectors.plan_evaluation(plan=plan)),
                 f"evaluasi-{_slug(plan)}.xlsx")


def matrix_pdf(request, tf_code, plan):
    plan = access_plan(request, plan)
    html = render_to_string("rad/matrix_print.html", {
        "plan": plan, "tf": plan.task_force, "matrix": selectors.plan_matrix(plan=plan),
        "printed_at": timezone.localtime()}, request=request)
    response = HttpResponse(html_to_pdf(html), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="matriks-{_slug(plan)}.pdf"'
    return response


def matrix_export(request, tf_code, plan):
    plan = access_plan(request, plan)
    return _xlsx(matrix_xlsx(plan), f"matriks-{_slug(plan)}.xlsx")


def matrix_template(request, tf_code, plan):
    plan = access_plan(request, plan, perm=Perm.MANAGE_RAD)
    return _xlsx(matrix_xlsx(plan, blank=True), f"templat-matriks-{_slug(plan)}.xlsx")


def matrix_import_page(request, tf_code, plan):
    plan = access_plan(request, plan, perm=Perm.MANAGE_RAD)
    form = ImportForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if not upload.name.lower().endswith(".xlsx"):
            form.add_error("file", _("Unggah berkas .xlsx."))
        else:
            result = matrix_import(plan=plan, data=upload.read(), acting_user=request.user,
                                   dry_run="commit" not in request.POST)
            if result.ok and not result.dry_run:
                messages.success(request, _("%(n)s kegiatan diimpor.") % {"n": result.created})
                return redirect("rad:detail", tf_code=tf_code, plan=plan.code)
    status = 400 if (form.is_bound and not form.is_valid()) or (result and not result.ok) else 200
    return render(request, "rad/matrix_import.html",
                  {"form": form, "plan": plan, "result": result}, status=status)


def comparison(request, tf_code):
    require(request, Perm.VIEW_DASHBOARD)
    tf = request.task_force
    if tf.level == TaskForce.Level.DISTRICT:
        raise Http404
    context = {"cmp": selectors.region_comparison(task_force=tf)}
    if tf.level == TaskForce.Level.NATIONAL:
        ran = selectors.ran_latest(task_force=tf)
        context["ran"] = ran
        context["ran_support"] = selectors.ran_support(plan=ran) if ran else []
    return render(request, "rad/comparison.html", context)


def agency_officers(request, tf_code):
    """Which agency each agency officer reports for."""
    require(request, Perm.MANAGE_RAD)
    tf = request.task_force
    if request.method == "POST":
        membership = access_object(request, Membership, request.POST.get("membership"),
                                   perm=Perm.MANAGE_RAD) if _is_uuid(
            request.POST.get("membership")) else None
        if membership is None:
            raise Http404
        try:
            services.agency_officer_set(
                membership=membership, acting_user=request.user,
                agency=posted_text(request, "agency",
                                   max_length=AgencyOfficer._meta.get_field("agency").max_length))
        except ValidationError as e:
            messages.error(request, " ".join(e.messages))
        else:
            messages.success(request, _("Instansi %(user)s tersimpan.") % {
                "user": membership.user})
        return redirect("rad:officers", tf_code=tf_code)
    return render(request, "rad/agency_officers.html", {
        "officers": selectors.agency_officers(task_force=tf),
        "agencies": selectors.responsible_agencies(task_force=tf),
    })


def _is_uuid(value) -> bool:
    import uuid

    try:
        uuid.UUID(str(value))
    except ValueError:
        return False
    return True
