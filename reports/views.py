import json

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from django.views.decorators.http import require_POST, require_safe
from django.views.decorators.vary import vary_on_headers

from cases.models import Case
from gugus_tugas.access import access_object, require
from gugus_tugas.middleware import task_force_public
from gugus_tugas.models import TaskForce
from gugus_tugas.roles import Perm
from gugus_tugas.scoping import task_force_scope

from . import charts, services
from .models import (
    ApiToken,
    FinaliseJob,
    LegalBasis,
    ReportJob,
    ReportSettings,
    YearFinalisation,
)
from .rendering import AGE_LABELS
from .selectors import DEFAULT_LEGAL_BASIS, annual_figures, changes_since, legal_basis_list
from .warm import dashboard_figures


def _year(request):
    try:
        year = int(request.GET.get("tahun") or request.POST.get("tahun") or 0)
    except ValueError:
        year = 0
    this = timezone.localdate().year
    return year if 2000 <= year <= this else this - (1 if timezone.localdate().month < 3 else 0)


class ReportRequestForm(forms.Form):
    tahun = forms.IntegerField(min_value=2000, max_value=2100, widget=forms.HiddenInput)
    variant = forms.ChoiceField(label=_l("Versi"), choices=ReportJob.Variant.choices)


@vary_on_headers("HX-Request")
def dashboard(request, tf_code):
    """The figures of the year, at once: the last ones computed when newer are on their way
    (reports.warm), with a notice that polls here (htmx) and reloads the page once they are."""
    require(request, Perm.VIEW_DASHBOARD)
    tf, year = request.task_force, _year(request)
    if request.htmx:
        return as_of_poll(request, dashboard_figures(tf, year, complete=False)[1])
    # the summary row of each task force below (no annexes)
    f, as_of = dashboard_figures(tf, year)
    from cases.models import Exploitation, Service

    context = {
        "year": year, "years": list(range(timezone.localdate().year, 2012, -1)), "f": f,
        "jobs": ReportJob.objects.filter(task_force=tf, year=year)[:5],
        "final": YearFinalisation.objects.filter(task_force=tf, year=year)
        .select_related("replaces").first(),
        "editions": YearFinalisation.objects.filter(task_force=tf, year=year)
        .select_related("replaces"),
        "form": ReportRequestForm(initial={"tahun": year, "variant": "internal"}),
        "legal_labels": {k: str(v) for k, v in Case.LegalStage.choices},
        "k": settings.SMALL_CELL_K,
        "as_of": as_of,
    }
    if f is not None:  # None: the first figures of the year are being computed (reports.warm)
        context.update({
            "chart_trend": charts.columns(f["victims"]["by_year"], title=_("Korban per tahun")),
            "chart_age": charts.hbar(f["victims"]["by_age_group"], title=_("Kelompok umur"),
                                     labels=AGE_LABELS),
            "chart_exploitation": charts.hbar(
                f["victims"]["by_exploitation"], title=_("Bentuk eksploitasi"),
                labels={k: str(v) for k, v in Exploitation.Type.choices}),
            "chart_services": charts.hbar(f["services"], title=_("Layanan diberikan"),
                                          labels={k: str(v) for k, v in Service.Type.choices}),
        })
    final = context["final"]
    reports_section = request.membership is not None and (
        request.membership.grants(Perm.EXPORT_REPORTS)
        or request.membership.grants(Perm.MANAGE_DECREES))
    if final and reports_section:  # the page shows it in the annual report's section only
        # what changed in the year's data (this task force's cases and those below it) since the
        # figures of the edition in force were taken
        context["changes"] = changes_since(tf, year, since=final.figures_taken_at)
    if request.membership and request.membership.grants(Perm.EXPORT_REPORTS):
        context["finalising"] = FinaliseJob.objects.filter(
            task_force=tf, year=year, status__in=FinaliseJob.ACTIVE).first()
    return render(request, "reports/dashboard.html", context)


def as_of_poll(request, as_of):
    """The answer to the "as of" notice's poll: the notice again while newer figures are being
    computed, or a reload of the page once they are there."""
    if as_of is None or not as_of.pending:
        return HttpResponse(headers={"HX-Refresh": "true"})
    return render(request, "reports/_as_of.html", {"as_of": as_of})


def figures_json(request, tf_code):
    require(request, Perm.VIEW_DASHBOARD)
    return JsonResponse(annual_figures(request.task_force, _year(request)),
                        json_dumps_params={"ensure_ascii": False, "indent": 2})


@require_POST
@transaction.non_atomic_requests
def report_request(request, tf_code):
    require(request, Perm.EXPORT_REPORTS)
    form = ReportRequestForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Permintaan laporan tidak lengkap."))
        return redirect("reports:dashboard", tf_code=tf_code)
    d = form.cleaned_data
    with task_force_scope(request.task_force):
        job, created = services.report_job_request(
            task_force=request.task_force, year=d["tahun"], variant=d["variant"],
            obstacles="", acting_user=request.user)  # texts: the report settings page
        if created:
            try:
                services.report_job_enqueue(job)
            except services.QueueUnavailable:
                messages.error(request, _("Antrean pembuatan laporan sedang tidak tersedia. "
                                          "Bagian lain situs tetap berjalan; coba lagi nanti."))
                return redirect(f"{request.path.rsplit('/buat/', 1)[0]}/?tahun={d['tahun']}")
        else:
            messages.info(request, _("Laporan ini sedang dibuat; ini permintaan yang sama."))
    return redirect("reports:job", tf_code=tf_code, report=job.code)


def access_job(request, code, *, perm=Perm.EXPORT_REPORTS):
    return access_object(request, ReportJob, code, perm=perm)


def job_detail(request, tf_code, report):
    job = access_job(request, report)
    services.report_jobs_expire_stuck(task_force=request.task_force)
    job.refresh_from_db()
    template = "reports/_job.html" if request.htmx else "reports/job.html"
    return render(request, template, {"job": job})


def job_download(request, tf_code, report, fmt):
    job = access_job(request, report)
    field = {"pdf": job.pdf, "xlsx": job.xlsx, "json": job.json}.get(fmt)
    if job.status != ReportJob.Status.DONE or not field:
        raise Http404
    return FileResponse(field.open("rb"), as_attachment=True,
                        filename=f"laporan-tahunan-{job.task_force.code}-{job.year}.{fmt}")


@require_POST
@transaction.non_atomic_requests
def job_retry(request, tf_code, report):
    job = access_job(request, report)
    if job.status != ReportJob.Status.FAILED:
        return redirect("reports:job", tf_code=tf_code, report=job.code)
    with task_force_scope(request.task_force):
        new, created = services.report_job_request(
            task_force=request.task_force, year=job.year, variant=job.variant,
            obstacles=job.obstacles, acting_user=request.user)
        if created:
            try:
                services.report_job_enqueue(new)
            except services.QueueUnavailable:
                messages.error(request, _("Antrean pembuatan laporan sedang tidak tersedia."))
    return redirect("reports:job", tf_code=tf_code, report=new.code)


@require_POST
@transaction.non_atomic_requests
def year_finalise(request, tf_code, report):
    """Queue the issuing of the year's edition from this finished report, then follow it on its
    own page: the worker renders the PDF as issued, not this request."""
    job = access_job(request, report)
    if job.status != ReportJob.Status.DONE:
        raise Http404
    with task_force_scope(request.task_force):
        try:
            fj = services.year_finalise_request(task_force=request.task_force, year=job.year,
                                                job=job, acting_user=request.user)
        except services.FinaliseRefused as exc:
            messages.error(request, str(exc))
            if exc.running is not None:
                return redirect("reports:finalising", tf_code=tf_code, finalising=exc.running.code)
            return redirect("reports:job", tf_code=tf_code, report=job.code)
        try:
            services.finalise_job_enqueue(fj)
        except services.QueueUnavailable:
            messages.error(request, _("Antrean pekerja sedang tidak tersedia; tahun ini belum "
                                      "difinalkan. Coba lagi nanti."))
    return redirect("reports:finalising", tf_code=tf_code, finalising=fj.code)


@vary_on_headers("HX-Request")
def finalise_detail(request, tf_code, finalising):
    """The progress of issuing an edition (htmx polls the partial), then the edition issued:
    its number, its SHA-256 and the PDF."""
    fj = access_object(request, FinaliseJob, finalising, perm=Perm.EXPORT_REPORTS)
    if fj.status == FinaliseJob.Status.RUNNING:
        services.finalise_jobs_expire_stuck(task_force=request.task_force)
    fj = (FinaliseJob.objects.select_related("final", "final__replaces", "report")
          .get(pk=fj.pk))
    template = "reports/_finalise_job.html" if request.htmx else "reports/finalise_job.html"
    return render(request, template, {"fj": fj, "final": fj.final})


def final_download(request, tf_code, final):
    """The PDF of a finalised edition, as issued (stored when it was finalised)."""
    final = access_object(request, YearFinalisation, final, perm=Perm.VIEW_DASHBOARD)
    if not final.pdf:
        raise Http404
    return FileResponse(final.pdf.open("rb"), as_attachment=True,
                        filename=f"laporan-tahunan-{final.task_force.code}-{final.year}-edisi"
                                 f"{final.edition}.pdf")


class ReportSettingsForm(forms.ModelForm):
    class Meta:
        model = ReportSettings
        fields = services.REPORT_TEXT_FIELDS
        widgets = {f: forms.Textarea(attrs={"rows": 5}) for f in (
            "foreword", "obstacles", "recommendations", "closing", "copies_to")}


def _require_report_texts(request):
    """The coordinator (who makes the reports) or the secretariat admin (who keeps the SK)."""
    if request.membership is None or not (request.membership.grants(Perm.EXPORT_REPORTS)
                                          or request.membership.grants(Perm.MANAGE_DECREES)):
        require(request, Perm.EXPORT_REPORTS)


def report_settings(request, tf_code):
    """The texts of the year's report: number, foreword, obstacles and recommendations,
    closing, signer, copies."""
    _require_report_texts(request)
    tf, year = request.task_force, _year(request)
    row = ReportSettings.objects.filter(task_force=tf, year=year).first()
    form = ReportSettingsForm(request.POST or None, instance=row)
    if request.method == "POST" and form.is_valid():
        services.report_settings_save(task_force=tf, year=year, acting_user=request.user,
                                      **{f: form.cleaned_data[f]
                                         for f in services.REPORT_TEXT_FIELDS})
        messages.success(request, _("Pengaturan laporan tahun %(y)s disimpan.") % {"y": year})
        return redirect(f"{request.path}?tahun={year}")
    return render(request, "reports/settings.html", {
        "form": form, "year": year, "years": list(range(timezone.localdate().year, 2012, -1))})


class LegalBasisForm(forms.ModelForm):
    class Meta:
        model = LegalBasis
        fields = ["title", "valid_from", "valid_until", "order"]


def legal_basis(request, tf_code):
    """The national list of the *Dasar Hukum*: every task force reads it (its reports cite it),
    the nation's secretariat keeps it."""
    require(request, Perm.VIEW_TASK_FORCE)
    tf = request.task_force
    national = tf.level == TaskForce.Level.NATIONAL
    editable = national and request.membership.grants(Perm.MANAGE_DECREES)
    form = LegalBasisForm()
    if request.method == "POST":
        if not editable:
            raise PermissionDenied
        action = request.POST.get("action")
        if action == "seed":
            services.legal_basis_seed(task_force=tf, acting_user=request.user)
            return redirect(request.path)
        if action == "delete":
            basis = get_object_or_404(LegalBasis, task_force=tf,
                                      pk=_int(request.POST.get("id")))
            services.legal_basis_delete(basis=basis, acting_user=request.user)
            messages.success(request, _("Peraturan dihapus dari daftar."))
            return redirect(request.path)
        form = LegalBasisForm(request.POST)
        if form.is_valid():
            services.legal_basis_save(task_force=tf, acting_user=request.user, **form.cleaned_data)
            messages.success(request, _("Peraturan ditambahkan."))
            return redirect(request.path)
    rows = legal_basis_list()
    return render(request, "reports/legal_basis.html", {
        "form": form, "rows": rows, "defaults": DEFAULT_LEGAL_BASIS, "editable": editable})


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0


class TokenForm(forms.Form):
    name = forms.CharField(label=_l("Dipakai oleh (sistem/instansi)"), max_length=100)
    kind = forms.ChoiceField(
        label=_l("Jenis"), choices=ApiToken.Kind.choices, widget=forms.RadioSelect,
        help_text=_l("Sistem resmi (mis. SIMFONI PPA) menerima angka tepat; token publikasi "
                     "menerima angka yang boleh diumumkan, sel kecil disamarkan."))


def api_tokens(request, tf_code):
    require(request, Perm.MANAGE_API_TOKENS)
    form = TokenForm(request.POST or None)
    raw = None
    if request.method == "POST" and form.is_valid():
        _token, raw = services.api_token_create(
            task_force=request.task_force, name=form.cleaned_data["name"],
            kind=form.cleaned_data["kind"], acting_user=request.user)
        form = TokenForm()
    tokens = ApiToken.objects.filter(task_force=request.task_force).order_by("-created_at")
    return render(request, "reports/api_tokens.html", {"form": form, "raw": raw,
                                                       "tokens": tokens})


@require_POST
def api_token_revoke(request, tf_code, token):
    token = access_object(request, ApiToken, token, perm=Perm.MANAGE_API_TOKENS)
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    messages.success(request, _("Token dicabut."))
    return redirect("reports:api_tokens", tf_code=tf_code)


@task_force_public
@require_safe
def api_figures(request, tf_code, year):
    """Statistics API (GET or HEAD): `Authorization: Bearer <token>` of this task force. An
    official system's token reads the exact figures, a publication token the published ones
    (small-cell rule); the token's own task force (with those below it) only."""
    header = request.headers.get("Authorization", "")
    raw = header.removeprefix("Bearer ").strip() if header.startswith("Bearer ") else ""
    tf = TaskForce.objects.filter(code=tf_code).first()
    if not raw or tf is None:
        return JsonResponse({"detail": "token tidak ada atau tidak valid"}, status=401)
    with task_force_scope(tf):
        token = ApiToken.objects.filter(digest=ApiToken.digest_of(raw), revoked_at__isnull=True,
                                        task_force=tf).first()
        if token is None:
            return JsonResponse({"detail": "token tidak ada atau tidak valid"}, status=401)
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    if not 2000 <= year <= timezone.localdate().year:
        return JsonResponse({"detail": "tahun di luar jangkauan"}, status=404)
    return JsonResponse(annual_figures(tf, year, public=token.public),
                        json_dumps_params={"ensure_ascii": False})


TASK_FORCE_CODE_PATTERN = r"^(nasional|[0-9]{2}(\.[0-9]{2})?)$"


@require_safe
def openapi(request):
    task_force_code = {"type": "string", "pattern": TASK_FORCE_CODE_PATTERN,
                       "description": "kode gugus tugas: `nasional`, provinsi `18`, "
                                      "kabupaten/kota `18.71`"}
    detail = {"application/json": {"schema": {
        "type": "object", "required": ["detail"], "properties": {"detail": {"type": "string"}}}}}
    spec = {
        "openapi": "3.0.3",
        "info": {"title": "GT PP-TPPO statistik", "version": "1"},
        "components": {"securitySchemes": {"token": {"type": "http", "scheme": "bearer"}}},
        "security": [{"token": []}],
        "paths": {"/gt/{task_force}/laporan/api/{year}/": {"get": {
            "summary": "Angka satu gugus tugas (dan yang di bawahnya) untuk satu tahun",
            "description": (
                "Token sistem resmi menerima angka tepat. Token publikasi menerima angka yang "
                "boleh diumumkan: sel 1..k-1 ditampilkan sebagai \"< k\", sel yang disamarkan "
                "untuk melindungi sel lain sebagai \"×\" (lihat `small_cells`)."),
            "parameters": [
                {"name": "task_force", "in": "path", "required": True,
                 "schema": task_force_code, "example": "18"},
                {"name": "year", "in": "path", "required": True,
                 "schema": {"type": "integer", "minimum": 2000},
                 "description": "dari 2000 sampai tahun berjalan"}],
            "responses": {"200": {"description": "Angka",
                                  "content": {"application/json": {"schema": {
                                      "type": "object", "required": ["task_force", "year", "cases", "victims"],
                                      "properties": {
                                          "task_force": task_force_code, "year": {"type": "integer"},
                                          "public": {"type": "boolean"},
                                          "cases": {"type": "object"}, "victims": {"type": "object"},
                                          "services": {"type": "object"}, "meetings": {"type": "object"},
                                          "recommendations": {"type": "object"}, "rad": {"type": "object"},
                                          "below": {"type": "array"},
                                          "small_cells": {"type": "object", "description":
                                                          "hanya pada angka publikasi: k dan arti tanda"}}}}}},
                          "401": {"description": "token tidak ada atau tidak valid", "content": detail},
                          "404": {"description": "tahun di luar jangkauan (sebelum 2000 atau "
                                                 "sesudah tahun berjalan)", "content": detail},
                          "405": {"description": "hanya GET dan HEAD"}}}}},
    }
    return JsonResponse(spec, json_dumps_params={"indent": 2, "ensure_ascii": False})


__all__ = ["json", "get_object_or_404"]
