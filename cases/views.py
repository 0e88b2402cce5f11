import uuid

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django.views.decorators.http import require_POST
from django.views.decorators.vary import vary_on_headers

from gugus_tugas.access import require
from gugus_tugas.models import TaskForce
from gugus_tugas.roles import Perm
from gugus_tugas.scoping import task_force_scope
from gugus_tugas.spreadsheets import Sheet, download, spreadsheet
from gugus_tugas.tasks import QueueUnavailable
from gugus_tugas.views import _status

from . import attachments, drafts, import_jobs, selectors, services, workflow
from .access import (
    access_attachment,
    access_case,
    access_import_job,
    access_owned_case,
    access_referral,
    access_service,
    access_victim,
)
from .choices import country_search, region_search
from .exports import EXPORT_FORMATS, export_cases
from .forms import (
    AttachmentForm,
    CaseEditForm,
    CaseExportIdentitiesForm,
    CaseFilterForm,
    CaseForm,
    DecisionForm,
    ImportForm,
    PerpetratorForm,
    ReasonForm,
    ReferralForm,
    ServiceEditForm,
    ServiceForm,
    ServiceRemoveForm,
    VictimEditForm,
    VictimFormSet,
    case_forms_from_draft,
    check_victim_ages,
    error_summary,
    ticked_services,
)
from .history import case_history_rows, identity_views
from .identity import attachment_content, draft_content, identity_page, no_store
from .importer import run_import, template_rows
from .importer.columns import SPECS
from .models import Case, ImportJob
from .selectors import (
    case_detail_parts,
    case_filtered,
    case_list,
    case_rows,
    referral_facts,
    referral_lists,
    referral_targets,
)

PAGE_SIZE = 50
BELOW_COUNT_CAP = 10_000  # the list of cases below counts this far (CappedPaginator)
ATTACHMENT_TYPES = {b"%PDF-": ("application/pdf", ".pdf"),
                    b"\x89PNG": ("image/png", ".png"), b"\xff\xd8\xff": ("image/jpeg", ".jpg")}
ASYNC_IMPORT_BYTES = 256 * 1024  # larger files are imported by a Celery worker


def _filters(request):
    form = CaseFilterForm(request.GET or None)
    return form, (form.cleaned_data if form.is_valid() else {})


class CappedPaginator(Paginator):
    """Counts at most `cap` rows: the list of a province's or the nation's cases below (500,000
    at national scale) says "more than 10,000" and offers the first pages, instead of counting
    every case the nation's task forces hold on every view (seconds of a web worker). Nobody
    pages through 200 pages of 50; the filters narrow the list, and the dashboard has totals."""

    def __init__(self, object_list, per_page, *, cap: int):
        super().__init__(object_list, per_page)
        self.cap = cap
        self.capped = False

    @cached_property
    def count(self):
        # without ORDER BY: any cap + 1 rows tell whether there are more than cap
        n = self.object_list.order_by()[: self.cap + 1].count()
        self.capped = n > self.cap
        return min(n, self.cap)


def _case_page(request, listed, *, cap: int | None = None):
    """One page of a list of CaseAccess rows: counted and paged on those rows, then only the
    page's cases loaded for display."""
    ids = listed.values_list("case_id", flat=True)
    paginator = (CappedPaginator(ids, PAGE_SIZE, cap=cap) if cap
                 else Paginator(ids, PAGE_SIZE))
    page = paginator.get_page(request.GET.get("page"))
    page.object_list = case_rows(list(page.object_list))
    return page


@vary_on_headers("HX-Request")
def case_index(request, tf_code, queue=False):
    require(request, Perm.VIEW_CASES)
    form, filters = _filters(request)
    if queue:
        filters = {**filters, "status": Case.Status.SUBMITTED}
    page = _case_page(request, case_filtered(task_force=request.task_force, filters=filters))
    context = {"form": form, "page": page, "queue": queue,
               "query": request.GET.urlencode(), "export_formats": EXPORT_FORMATS}
    template = "cases/_case_rows.html" if request.htmx else "cases/case_list.html"
    return render(request, template, context)


@vary_on_headers("HX-Request")
def cases_below(request, tf_code):
    """A province or the nation: the cases its task forces below hold, de-identified (no names,
    initials or exact ages: sex and age group only) and without links to their records."""
    require(request, Perm.VIEW_CASES)
    tf = request.task_force
    if tf.level == TaskForce.Level.DISTRICT:
        raise Http404
    below = list(tf.descendants().exclude(pk=tf.pk).values_list("pk", flat=True))
    form, filters = _filters(request)
    with task_force_scope(below):  # rendered inside: every row read stays in that scope
        page = _case_page(request, selectors.cases_below(task_force=tf, below=below,
                                                         filters=filters),
                          cap=BELOW_COUNT_CAP)
        context = {"form": form, "page": page, "query": request.GET.urlencode()}
        template = "cases/_below_rows.html" if request.htmx else "cases/below_list.html"
        return render(request, template, context)


def verification_queue(request, tf_code):
    require(request, Perm.VERIFY_CASES)
    return case_index(request, tf_code, queue=True)


def case_new(request, tf_code):
    require(request, Perm.ENTER_CASES)
    draft = None
    if request.method == "POST":
        form = CaseForm(request.POST)
        victims = VictimFormSet(request.POST, prefix="v")
    else:
        draft = drafts.case_draft_get(task_force=request.task_force, user=request.user)
        if draft is not None:
            form, victims = case_forms_from_draft(draft_content(draft, user=request.user))
        else:
            form, victims = CaseForm(), VictimFormSet(prefix="v")
    duplicates = []
    if request.method == "POST" and form.is_valid() and victims.is_valid():
        d = form.cleaned_data
        on = d.get("incident_date") or d["report_date"]
        if check_victim_ages(victims.forms, on=on):
            try:
                case = services.case_create(
                    task_force=request.task_force, acting_user=request.user,
                    report_date=d["report_date"], incident_date=d.get("incident_date"),
                    intake_channel=d["intake_channel"],
                    incident_region_id=d.get("incident_region") or None,
                    incident_country=d.get("incident_country", ""),
                    exploitation=d.get("exploitation", []),
                    origin=(d.get("origin_region") or None, "") if d.get("origin_region") else None,
                    transit=[(d["transit_region"], "")] if d.get("transit_region") else [],
                    destination=(d.get("destination_region") or None, d.get("destination_country", ""))
                    if d.get("destination_region") or d.get("destination_country") else None,
                    narrative=d.get("narrative", ""), notes=d.get("notes", ""),
                    sector=d.get("sector", ""), means=d.get("means", ""),
                    victims=[_victim_data(v.cleaned_data, d["report_date"])
                             for v in victims.forms if v.cleaned_data],
                    submit="submit" in request.POST,
                )
            except ValidationError as e:
                form.add_error(None, e)
            else:
                drafts.case_draft_delete(task_force=request.task_force, acting_user=request.user,
                                         form_key=_draft_key(request))
                duplicates = services.duplicates_of(list(case.victims.all()), exclude_case=case)
                if duplicates:
                    messages.warning(request, _(
                        "Korban dengan NIK atau nama dan tanggal lahir yang sama sudah tercatat "
                        "di %(tfs)s. Pertimbangkan merujuk kasus ini ke sana."
                    ) % {"tfs": ", ".join(duplicates)})
                messages.success(request, _("Kasus %(n)s tersimpan.") % {"n": case.register_number})
                return redirect("cases:detail", tf_code=tf_code, case=case.code)
    status = 400 if request.method == "POST" else 200
    return no_store(render(request, "cases/case_form.html", {
        "form": form, "victims": victims, "draft": draft,
        "draft_key": _draft_key(request) or uuid.uuid4().hex,
        "errors": error_summary(form, victims) if request.method == "POST" else []},
        status=status))


def _draft_key(request) -> str:
    """The random key of one rendering of the new-case form (cases.drafts)."""
    return request.POST.get("draft_key", "")[:40]


@require_POST
def case_draft(request, tf_code):
    """The new-case form as typed so far (htmx, on every change): kept encrypted for this
    person; answers with the "saved at" line."""
    require(request, Perm.ENTER_CASES)
    try:
        draft = drafts.case_draft_save(task_force=request.task_force, acting_user=request.user,
                                       data=dict(request.POST.lists()),
                                       form_key=_draft_key(request))
    except ValidationError as e:
        return no_store(HttpResponse(" ".join(e.messages), status=400))
    if draft is None:  # that form was saved as a case meanwhile
        return HttpResponse(status=204)
    return no_store(render(request, "cases/_draft_status.html", {"draft": draft}))


def _suggest(request, search):
    """Suggestions for a region or country field: up to 20 <option>s for the field's datalist
    (htmx or fetch, header HX-Request), or, without JavaScript, a page that lists the matches
    with their codes to type."""
    require(request, Perm.VIEW_CASES)
    query = request.GET.get("q", "")[:100]
    if request.htmx or request.headers.get("HX-Request"):
        return render(request, "cases/_suggestions.html", {"options": search(query)})
    return render(request, "cases/suggestions.html",
                  {"options": search(query, limit=1000), "query": query,
                   "regions": search is region_search})


@vary_on_headers("HX-Request")
def suggest_regions(request, tf_code):
    return _suggest(request, region_search)


@vary_on_headers("HX-Request")
def suggest_countries(request, tf_code):
    return _suggest(request, country_search)


def _victim_data(d, report_date):
    return services.VictimData(
        name=d["name"], sex=d["sex"], nik=d.get("nik", ""), birth_date=d.get("birth_date"),
        age=d.get("age"), nationality=d.get("nationality") or "WNI",
        origin_region_id=d.get("origin_region") or None, contact=d.get("contact", ""),
        education=d.get("education", ""), occupation=d.get("occupation", ""),
        marital_status=d.get("marital_status", ""), disability=d.get("disability", False),
        # each ticked service with its own date and provider; one left without a date is
        # completed on the case page (shown incomplete)
        services=ticked_services(d),
    )


@identity_page(purpose=gettext_noop("lihat rincian kasus"))
def case_detail(request, tf_code, case):
    case = access_case(request, case)
    show_identity = request.identity is not None
    parts = case_detail_parts(case)
    is_owner = case.task_force_id == request.task_force.pk
    actions = workflow.available_actions(case, request.membership, request.user)
    # services are recorded by the owner and by a task force that accepted a referral
    records_services = request.membership.grants(Perm.ENTER_CASES) and (
        bool(actions.get("record")) if is_owner
        else workflow.transition(case, "record") is not None)
    target_q = request.GET.get("tujuan", "")[:60]
    return render(request, "cases/case_detail.html", {
        "case": case, **parts, "show_identity": show_identity, "is_owner": is_owner,
        "actions": actions, "records_services": records_services,
        "reason_form": ReasonForm(), "referral_form": ReferralForm(task_force=request.task_force)
        if is_owner else None,
        "targets": referral_targets(task_force=request.task_force, case=case, q=target_q)
        if is_owner and actions.get("refer") else [], "target_q": target_q,
        "service_form": ServiceForm(victims=parts["victims"],
                                    initial={"date": timezone.localdate(),
                                             "version": case.version}),
        "attachment_form": AttachmentForm(),
        "perpetrator_form": PerpetratorForm(),
    })


def _stale_form(form, error: services.StaleCase, current: Case, *, merge=()):
    """Re-show a refused form with the person's input and the current version (saving again is
    then a choice made knowing what changed). Of the case fields in `merge`, one changed by
    someone else and left alone by this person takes the new value; one changed by both keeps
    this person's input, marked."""
    data = form.data.copy()
    data["version"] = current.version
    both = []
    for name in merge:
        if name not in error.changed or name not in form.cleaned_data:
            continue
        mine, seen = form.cleaned_data[name], error.seen.get(name)
        if (mine or None) == (seen or None):
            value = getattr(current, name)
            data[name] = "" if value is None else (
                value.isoformat() if hasattr(value, "isoformat") else str(value))
        else:
            both.append(name)
    fresh = type(form)(data, **{k: v for k, v in (("instance", getattr(form, "instance", None)),
                                                  ("initial", form.initial)) if v is not None})
    fresh.is_valid()
    fresh.add_error(None, error)
    for name in both:
        fresh.add_error(name, _("Kolom ini juga diubah orang lain sejak Anda membuka formulir; "
                                "isian Anda masih di sini. Periksa sebelum menyimpan lagi."))
    return fresh


@identity_page(purpose=gettext_noop("ubah kasus"))
def case_edit(request, tf_code, case):
    case = access_owned_case(request, case, perm=Perm.ENTER_CASES)
    form = CaseEditForm(request.POST or None, instance=case, initial={"version": case.version})
    if request.method == "POST" and form.is_valid():
        sends_back = workflow.changes_status(case, "edit")
        changes = {f: form.cleaned_data[f] for f in form.changed_data if f != "version"}
        case.refresh_from_db()
        try:
            services.case_update(case=case, task_force=request.task_force,
                                 acting_user=request.user, changes=changes,
                                 version=form.cleaned_data["version"])
        except services.StaleCase as e:
            form = _stale_form(form, e, case, merge=CaseEditForm.Meta.fields)
        except ValidationError as e:
            form.add_error(None, e)
        else:
            messages.success(request, _("Kasus %(n)s diperbarui.") % {"n": case.register_number})
            if sends_back and changes:
                messages.info(request, _("Kasus terverifikasi yang diubah kembali menunggu "
                                         "verifikasi; versi lamanya tersimpan di riwayat."))
            return redirect("cases:detail", tf_code=tf_code, case=case.code)
    return render(request, "cases/case_edit.html",
                  {"form": form, "case": case,
                   "sends_back": workflow.changes_status(case, "edit")}, status=_status(form))


def _transition_view(request, tf_code, case, *, action, service, done, then=None):
    """A decision button: the permission from the workflow table, the version the person saw
    from the page, one service call that refuses a decision on a case changed meanwhile."""
    case = access_owned_case(request, case, perm=workflow.PERMS[action])
    back = redirect("cases:detail", tf_code=tf_code, case=case.code)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(m for errs in form.errors.values() for m in errs))
        return back
    kwargs = {"reason": form.cleaned_data["reason"]} if workflow.needs_reason(action) else {}
    try:
        service(case=case, task_force=request.task_force, acting_user=request.user,
                version=form.cleaned_data["version"], **kwargs)
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
        return back
    messages.success(request, done % {"n": case.register_number})
    return then or back


@require_POST
def case_submit(request, tf_code, case):
    return _transition_view(request, tf_code, case, action="submit", service=services.case_submit,
                            done=_("Kasus %(n)s dikirim untuk diverifikasi."))


@require_POST
def case_verify(request, tf_code, case):
    return _transition_view(request, tf_code, case, action="verify", service=services.case_verify,
                            done=_("Kasus %(n)s terverifikasi."))


@require_POST
def case_return(request, tf_code, case):
    return _transition_view(request, tf_code, case, action="return", service=services.case_return,
                            done=_("Kasus %(n)s dikembalikan ke petugas data."))


@require_POST
def case_close(request, tf_code, case):
    return _transition_view(request, tf_code, case, action="close", service=services.case_close,
                            done=_("Kasus %(n)s ditutup."))


@require_POST
def case_delete(request, tf_code, case):
    return _transition_view(request, tf_code, case, action="delete", service=services.case_delete,
                            done=_("Kasus %(n)s dihapus (tercatat di jejak audit)."),
                            then=redirect("cases:list", tf_code=tf_code))


@require_POST
def service_add(request, tf_code, case):
    """Record a service: the case's owner, or a task force that accepted its referral."""
    case = access_case(request, case, perm=Perm.ENTER_CASES)
    parts = case_detail_parts(case)
    form = ServiceForm(request.POST, victims=parts["victims"])
    if form.is_valid():
        d = form.cleaned_data
        try:
            services.service_add(victim=d["victim"], type=d["type"], status=d["status"],
                                 date=d["date"], provider_agency=d["provider_agency"],
                                 acting_user=request.user, task_force=request.task_force,
                                 version=d["version"])
        except ValidationError as e:
            messages.error(request, " ".join(e.messages))
        else:
            messages.success(request, _("Layanan dicatat."))
    else:
        messages.error(request, _("Layanan tidak dicatat: %(e)s") % {
            "e": "; ".join(str(m) for errs in form.errors.values() for m in errs)})
    return redirect("cases:detail", tf_code=tf_code, case=case.code)


def service_edit(request, tf_code, service):
    """Correct or complete a service (with a reason, kept in the history), or remove it."""
    service = access_service(request, service)
    case = service.case
    initial = {"type": service.type, "status": service.status, "date": service.date,
               "provider_agency": service.provider_agency, "version": case.version}
    form = ServiceEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.service_update(service=service, task_force=request.task_force,
                                    acting_user=request.user, reason=d["reason"],
                                    changes={k: d[k] for k in services.SERVICE_FIELDS},
                                    version=d["version"])
        except ValidationError as e:
            form.add_error(None, e)
        else:
            messages.success(request, _("Layanan diperbaiki."))
            return redirect("cases:detail", tf_code=tf_code, case=case.code)
    return render(request, "cases/service_edit.html", {
        "form": form, "service": service, "case": case,
        "remove_form": ServiceRemoveForm(initial={"version": case.version})},
        status=_status(form))


@require_POST
def service_remove(request, tf_code, service):
    service = access_service(request, service)
    case = service.case
    form = ServiceRemoveForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError([m for errs in form.errors.values() for m in errs])
        services.service_remove(service=service, task_force=request.task_force,
                                acting_user=request.user, reason=form.cleaned_data["reason"],
                                version=form.cleaned_data["version"])
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
        return redirect("cases:service_edit", tf_code=tf_code, service=service.code)
    messages.success(request, _("Layanan dihapus; alasannya tersimpan di riwayat."))
    return redirect("cases:detail", tf_code=tf_code, case=case.code)


@vary_on_headers("HX-Request")
def referral_targets_view(request, tf_code, case):
    """The task forces found by name or code for a referral of this case (htmx partial of the
    referral form), the origin's first when nothing is typed yet."""
    case = access_owned_case(request, case, perm=Perm.ENTER_CASES)
    targets = referral_targets(task_force=request.task_force, case=case,
                               q=request.GET.get("tujuan", "")[:60])
    return render(request, "cases/_referral_targets.html",
                  {"targets": targets, "target_q": request.GET.get("tujuan", "")})


@require_POST
def referral_new(request, tf_code, case):
    case = access_owned_case(request, case, perm=Perm.ENTER_CASES)
    form = ReferralForm(request.POST, task_force=request.task_force)
    if form.is_valid():
        try:
            services.referral_create(
                case=case, task_force=request.task_force,
                to_task_force=form.cleaned_data["to_task_force"],
                services_requested=form.cleaned_data["services_requested"],
                reason=form.cleaned_data["reason"], acting_user=request.user)
        except ValidationError as e:
            messages.error(request, " ".join(e.messages))
        else:
            messages.success(request, _("Kasus dirujuk ke %(tf)s; menunggu jawaban.")
                             % {"tf": form.cleaned_data["to_task_force"].name})
    else:
        messages.error(request, _("Rujukan tidak dikirim: %(e)s") % {
            "e": " ".join(str(m) for errs in form.errors.values() for m in errs)})
    return redirect("cases:detail", tf_code=tf_code, case=case.code)


def referrals(request, tf_code):
    require(request, Perm.VIEW_CASES)
    lists = referral_lists(task_force=request.task_force)
    facts = referral_facts([r for r in lists["incoming"] if r.status == r.Status.PENDING])
    for r in lists["incoming"]:
        r.facts = facts.get(r.pk)
    return render(request, "cases/referrals.html", lists)


@require_POST
def referral_accept(request, tf_code, referral):
    referral = access_referral(request, referral, perm=Perm.ANSWER_REFERRALS)
    try:
        services.referral_accept(referral=referral, task_force=request.task_force,
                                 acting_user=request.user)
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
        return redirect("cases:referrals", tf_code=tf_code)
    messages.success(request, _("Rujukan diterima: kasus %(n)s kini tampil di daftar kasus.")
                     % {"n": referral.case.register_number})
    return redirect("cases:detail", tf_code=tf_code, case=referral.case.code)


@require_POST
def referral_decline(request, tf_code, referral):
    referral = access_referral(request, referral, perm=Perm.ANSWER_REFERRALS)
    form = ReasonForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("Tuliskan alasan penolakan."))
        services.referral_decline(referral=referral, task_force=request.task_force,
                                  acting_user=request.user, note=form.cleaned_data["reason"])
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
    else:
        messages.success(request, _("Rujukan ditolak."))
    return redirect("cases:referrals", tf_code=tf_code)


def case_history(request, tf_code, case):
    case = access_case(request, case, perm=Perm.VIEW_CASES)
    views = identity_views(case) if request.membership.grants(Perm.VIEW_AUDIT) else None
    return render(request, "cases/case_history.html",
                  {"case": case, "rows": case_history_rows(case), "identity_views": views})


@require_POST
def attachment_add(request, tf_code, case):
    case = access_owned_case(request, case, perm=Perm.ENTER_CASES)
    form = AttachmentForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Pilih berkas untuk diunggah."))
        return redirect("cases:detail", tf_code=tf_code, case=case.code)
    upload = form.cleaned_data["file"]
    head = upload.read(8)
    upload.seek(0)
    kind = next((v for k, v in ATTACHMENT_TYPES.items() if head.startswith(k)), None)
    if upload.size > settings.MAX_UPLOAD_BYTES:
        messages.error(request, _("Berkas terlalu besar (batas 10 MB)."))
    elif kind is None:
        messages.error(request, _("Lampiran harus PDF, JPG atau PNG."))
    else:
        content_type, ext = kind
        attachments.attachment_add(case=case, task_force=request.task_force,
                                acting_user=request.user, upload=upload,
                                content_type=content_type, ext=ext)
        messages.success(request, _("Lampiran diunggah."))
    return redirect("cases:detail", tf_code=tf_code, case=case.code)


@identity_page(purpose=gettext_noop("unduh lampiran"))
def attachment_download(request, tf_code, attachment):
    att = access_attachment(request, attachment)  # identity roles only: the door is open
    response = HttpResponse(attachment_content(att), content_type=att.content_type)
    response["Content-Disposition"] = content_disposition_header(True, att.filename)
    return response


def case_export(request, tf_code, fmt):
    """The de-identified export (every role that sees the list)."""
    require(request, Perm.VIEW_CASES)
    if fmt not in EXPORT_FORMATS:
        raise Http404
    _form, filters = _filters(request)
    qs = case_list(task_force=request.task_force, filters=filters)
    content, content_type = export_cases(qs, fmt=fmt)
    stamp = timezone.localdate().isoformat()
    return no_store(download(content, content_type, f"kasus-{tf_code}-{stamp}.{fmt}"))


@identity_page(purpose=gettext_noop("ekspor dengan identitas"))
def case_export_identities(request, tf_code):
    """The export with names, NIK and contacts: identity roles only, a purpose every time, one
    IdentityView row per victim exported (shown on each case's history page)."""
    require(request, Perm.VIEW_IDENTITY)
    _form, filters = _filters(request)
    form = CaseExportIdentitiesForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        fmt = form.cleaned_data["fmt"]
        request.identity.purpose = form.cleaned_data["purpose"]
        qs = case_list(task_force=request.task_force, filters=filters)
        content, content_type = export_cases(qs, fmt=fmt, identities=True)
        stamp = timezone.localdate().isoformat()
        return download(content, content_type, f"kasus-identitas-{tf_code}-{stamp}.{fmt}")
    return render(request, "cases/export_identities.html",
                  {"form": form, "query": request.GET.urlencode(),
                   "count": case_filtered(task_force=request.task_force, filters=filters).count()},
                  status=_status(form))


def import_template(request, tf_code, fmt):
    require(request, Perm.ENTER_CASES)
    if fmt not in EXPORT_FORMATS:
        raise Http404
    header, *rows = template_rows()
    content, content_type = spreadsheet(Sheet("kasus", header, rows), fmt)
    return download(content, content_type, f"templat-impor-kasus.{fmt}")


def case_import(request, tf_code):
    require(request, Perm.ENTER_CASES)
    form = ImportForm(request.POST or None, request.FILES or None)
    if not request.membership.grants(Perm.VERIFY_CASES):
        del form.fields["as_verified"]
    result = job = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        data = upload.read()
        result = run_import(task_force=request.task_force, data=data, filename=upload.name,
                            dry_run=True)
        if result.ok:
            job = import_jobs.import_job_create(
                task_force=request.task_force, acting_user=request.user, filename=upload.name,
                data=data, rows=result.rows,
                as_verified=form.cleaned_data.get("as_verified", False))
    return no_store(render(request, "cases/case_import.html",  # messages may quote the file
                           {"form": form, "result": result, "job": job, "columns": SPECS.values()},
                           status=400 if result is not None and not result.ok else 200))


@require_POST
@transaction.non_atomic_requests  # the job is committed before a worker may claim it
def import_commit(request, tf_code, job):
    """"Impor sekarang" after the check, and "Jalankan lagi" on the job's page."""
    job = access_import_job(request, job)
    if not job.can_run_again:
        return redirect("cases:import_status", tf_code=tf_code, job=job.code)
    in_background = job.file.size > ASYNC_IMPORT_BYTES
    try:
        job = import_jobs.import_job_start(job=job, acting_user=request.user,
                                           in_background=in_background)
    except QueueUnavailable:
        messages.error(request, _("Antrean impor sedang tidak tersedia; berkas Anda tetap "
                                  "tersimpan. Coba jalankan lagi beberapa saat lagi."))
    if in_background:
        return redirect("cases:import_status", tf_code=tf_code, job=job.code)
    if job.status == ImportJob.Status.DONE:
        messages.success(request, _("%(n)s kasus diimpor.") % {"n": job.cases_created})
        return redirect("cases:list", tf_code=tf_code)
    return redirect("cases:import_status", tf_code=tf_code, job=job.code)


@require_POST
def import_cancel(request, tf_code, job):
    job = access_import_job(request, job)
    try:
        import_jobs.import_job_cancel(job=job, task_force=request.task_force,
                                      acting_user=request.user)
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
        return redirect("cases:import_status", tf_code=tf_code, job=job.code)
    messages.success(request, _("Impor dibatalkan; berkasnya telah dihapus."))
    return redirect("cases:import", tf_code=tf_code)


def import_status(request, tf_code, job):
    job = access_import_job(request, job)
    template = "cases/_import_status.html" if request.htmx else "cases/import_status.html"
    return render(request, template, {"job": job})


@identity_page(purpose=gettext_noop("ubah data korban"))
def victim_edit(request, tf_code, victim):
    victim = access_victim(request, victim, perm=Perm.ENTER_CASES)
    initial = {"name": victim.name, "nik": victim.nik, "sex": victim.sex,
               "birth_date": victim.birth_date,
               "age": None if victim.birth_date else victim.age_at_incident,
               "nationality": victim.nationality, "origin_region": victim.origin_region_id or "",
               "contact": victim.contact, "education": victim.education,
               "occupation": victim.occupation, "marital_status": victim.marital_status,
               "disability": victim.disability, "version": victim.case.version}
    form = VictimEditForm(request.POST or None, initial=initial)
    case = victim.case
    if request.method == "POST" and form.is_valid():
        on = case.incident_date or case.report_date
        if check_victim_ages([form], on=on):
            try:
                services.victim_update(victim=victim, task_force=request.task_force,
                                       acting_user=request.user,
                                       data=_victim_data(form.cleaned_data, case.report_date),
                                       version=form.cleaned_data["version"])
            except services.StaleCase as e:
                form = _stale_form(form, e, case)
            except ValidationError as e:
                form.add_error(None, e)
            else:
                messages.success(request, _("Data korban diperbarui."))
                return redirect("cases:detail", tf_code=tf_code, case=case.code)
    return render(request, "cases/victim_edit.html",
                  {"form": form, "case": case,
                   "sends_back": workflow.changes_status(case, "edit")}, status=_status(form))


@require_POST
def perpetrator_add(request, tf_code, case):
    case = access_owned_case(request, case, perm=Perm.ENTER_CASES)
    form = PerpetratorForm(request.POST)
    if form.is_valid():
        try:
            services.perpetrator_add(case=case, task_force=request.task_force,
                                     acting_user=request.user, form=form)
        except ValidationError as e:
            messages.error(request, " ".join(e.messages))
        else:
            messages.success(request, _("Pelaku dicatat."))
    else:
        messages.error(request, _("Pelaku tidak dicatat: %(e)s") % {
            "e": "; ".join(str(m) for errs in form.errors.values() for m in errs)})
    return redirect("cases:detail", tf_code=tf_code, case=case.code)
