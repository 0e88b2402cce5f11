"""Pages of the meetings app: thin views (one access helper, a form, one service call)."""

from datetime import date

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.decorators.vary import vary_on_headers

from gugus_tugas.access import require
from gugus_tugas.models import DecreeMember
from gugus_tugas.roles import Perm
from gugus_tugas.selectors import decree_current
from gugus_tugas.storage import private_download
from reports.rendering import html_to_pdf

from . import selectors, services
from .access import (
    access_agreement,
    access_follow_up,
    access_meeting,
    access_meeting_attachment,
    access_recommendation,
)
from .forms import (
    AgreementForm,
    AttachmentForm,
    BoardFilterForm,
    FollowUpForm,
    MeetingForm,
    MeetingReportForm,
    MeetingRuleForm,
    RecommendationForm,
    SendDownForm,
    apply_errors,
)
from .ics import meetings_ics
from .models import Meeting

PAGE_SIZE = 50
MONTHS = ["", "Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
          "September", "Oktober", "November", "Desember"]


def _status(form) -> int:
    return 400 if form.is_bound and form.errors else 200


def _year(request) -> int:
    try:
        year = int(request.GET.get("tahun", ""))
    except ValueError:
        return timezone.localdate().year
    return year if 2000 <= year <= 2100 else timezone.localdate().year


def meeting_index(request, tf_code):
    require(request, Perm.VIEW_TASK_FORCE)
    year = request.GET.get("tahun")
    meetings = selectors.meeting_list(task_force=request.task_force,
                                      year=_year(request) if year else None)
    page = Paginator(meetings, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "meetings/meeting_list.html", {
        "page": page, "rule": selectors.meeting_rule(task_force=request.task_force),
        "year": year,
    })


def meeting_calendar(request, tf_code):
    require(request, Perm.VIEW_TASK_FORCE)
    today = timezone.localdate()
    try:
        y, m = (int(x) for x in request.GET.get("bulan", "").split("-"))
        month = date(y, m, 1)
    except ValueError:
        month = today.replace(day=1)
    prev = (month.replace(day=1) - timezone.timedelta(days=1)).replace(day=1)
    nxt = (month.replace(day=28) + timezone.timedelta(days=4)).replace(day=1)
    return render(request, "meetings/calendar.html", {
        "weeks": selectors.meeting_calendar(task_force=request.task_force, year=month.year,
                                            month=month.month),
        "month": month, "month_label": f"{MONTHS[month.month]} {month.year}",
        "prev": f"{prev:%Y-%m}", "next": f"{nxt:%Y-%m}",
    })


def meeting_ics(request, tf_code):
    require(request, Perm.VIEW_TASK_FORCE)
    body = meetings_ics(task_force=request.task_force,
                        meetings=selectors.meeting_list(task_force=request.task_force),
                        host=request.get_host())
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="rapat-{tf_code}.ics"'
    return response


def meeting_new(request, tf_code):
    require(request, Perm.MANAGE_MEETINGS)
    form = MeetingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.meeting_create(task_force=request.task_force,
                                              acting_user=request.user, data=form.cleaned_data,
                                              held=form.cleaned_data["held"])
        except ValidationError as e:
            apply_errors(form, e)
        else:
            messages.success(request, _("Rapat tersimpan."))
            return redirect("meetings:detail", tf_code=tf_code, meeting=meeting.code)
    return render(request, "meetings/meeting_form.html", {"form": form}, status=_status(form))


def meeting_detail(request, tf_code, meeting):
    meeting = access_meeting(request, meeting)
    return render(request, "meetings/meeting_detail.html", {
        "meeting": meeting, **selectors.meeting_detail_parts(meeting),
        "attachment_form": AttachmentForm(),
        "recommendation_form": RecommendationForm(
            members_qs=_members_qs(request.task_force), task_force=request.task_force),
    })


def _members_qs(task_force):
    decree = decree_current(task_force=task_force)
    if decree is None:
        return DecreeMember.objects.none()
    return decree.members.all()


def _report_initial(meeting):
    initial = {f: getattr(meeting, f) for f in services.MEETING_FIELDS}
    for a in meeting.attendance.all():
        if a.decree_member_id:
            initial[f"att_{a.decree_member_id}"] = a.status
    initial["externals_text"] = "\n".join(
        f"{a.name} | {a.agency}" for a in meeting.attendance.all() if a.decree_member_id is None)
    initial["speakers_text"] = "\n".join(f"{s.name} | {s.agency} | {s.topic}"
                                         for s in meeting.speakers.all())
    return initial


def meeting_report(request, tf_code, meeting):
    meeting = access_meeting(request, meeting, perm=Perm.MANAGE_MEETINGS)
    members = services.meeting_decree_members(meeting)
    form = MeetingReportForm(request.POST or None, members=members,
                             initial=_report_initial(meeting))
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.meeting_report(
                meeting=meeting, acting_user=request.user, data=d,
                recommendations_text=d["recommendations_text"],
                attendance=form.attendance_rows(), speakers=form.speaker_rows(),
                due_date=d.get("due_date"), responsible_agency=d.get("responsible_agency", ""))
        except ValidationError as e:
            apply_errors(form, e)
        else:
            messages.success(request, _("Laporan rapat tersimpan."))
            return redirect("meetings:detail", tf_code=tf_code, meeting=meeting.code)
    return render(request, "meetings/meeting_report.html",
                  {"form": form, "meeting": meeting,
                   "existing": list(meeting.recommendations.all())}, status=_status(form))


@require_POST
def meeting_cancel(request, tf_code, meeting):
    meeting = access_meeting(request, meeting, perm=Perm.MANAGE_MEETINGS)
    try:
        services.meeting_cancel(meeting=meeting, acting_user=request.user)
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
    else:
        messages.success(request, _("Rapat dibatalkan."))
    return redirect("meetings:detail", tf_code=tf_code, meeting=meeting.code)


def attendance_sheet(request, tf_code, meeting):
    """The printable daftar hadir of a (planned) meeting: the SK's members, then blank rows."""
    meeting = access_meeting(request, meeting)
    return render(request, "meetings/attendance_sheet.html", {
        "meeting": meeting, "members": services.meeting_decree_members(meeting),
        "blank_rows": range(10),
    })


def minutes_pdf(request, tf_code, meeting):
    """The notulen / berita acara as a PDF through the annual report's WeasyPrint pipeline."""
    meeting = access_meeting(request, meeting)
    parts = selectors.meeting_detail_parts(meeting)
    with translation.override("id"):
        html = render_to_string("meetings/minutes_pdf.html", {
            "meeting": meeting, "tf": request.task_force, **parts,
            "decree": services.meeting_decree(meeting),
            "printed_at": timezone.localtime(),
        })
    pdf = html_to_pdf(html)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="notulen-{meeting.start_date:%Y%m%d}-{tf_code}.pdf"')
    return response


@require_POST
def attachment_add(request, tf_code, meeting):
    meeting = access_meeting(request, meeting, perm=Perm.MANAGE_MEETINGS)
    form = AttachmentForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Pilih jenis dan berkas untuk diunggah."))
    else:
        try:
            services.attachment_add(meeting=meeting, acting_user=request.user,
                                    upload=form.cleaned_data["file"],
                                    kind=form.cleaned_data["kind"])
        except ValidationError as e:
            messages.error(request, " ".join(e.messages))
        else:
            messages.success(request, _("Berkas diunggah."))
    return redirect("meetings:detail", tf_code=tf_code, meeting=meeting.code)


def attachment_download(request, tf_code, meeting_attachment):
    att = access_meeting_attachment(request, meeting_attachment)
    return private_download(att.file, filename=att.filename, content_type=att.content_type)


@require_POST
def recommendation_add(request, tf_code, meeting):
    meeting = access_meeting(request, meeting, perm=Perm.MANAGE_MEETINGS)
    form = RecommendationForm(request.POST, members_qs=_members_qs(request.task_force),
                              task_force=request.task_force)
    if form.is_valid():
        try:
            services.recommendation_create(meeting=meeting, acting_user=request.user,
                                           **form.cleaned_data)
        except ValidationError as e:
            messages.error(request, " ".join(e.messages))
        else:
            messages.success(request, _("Rekomendasi ditambahkan."))
    else:
        messages.error(request, _("Periksa isian rekomendasi."))
    return redirect("meetings:detail", tf_code=tf_code, meeting=meeting.code)


@vary_on_headers("HX-Request")
def board(request, tf_code):
    require(request, Perm.VIEW_TASK_FORCE)
    form = BoardFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    listed = selectors.recommendation_board(task_force=request.task_force, filters=filters)
    page = Paginator(listed.values_list("pk", flat=True), PAGE_SIZE).get_page(
        request.GET.get("page"))
    page.object_list = selectors.board_rows(list(page.object_list), task_force=request.task_force)
    query = request.GET.copy()
    query.pop("page", None)
    context = {"form": form, "page": page, "query": query.urlencode(),
               "today": timezone.localdate(),
               "sends_down": request.task_force.level != "district"}
    template = "meetings/_board_rows.html" if request.htmx else "meetings/board.html"
    return render(request, template, context)


def recommendation_detail(request, tf_code, recommendation):
    rec = access_recommendation(request, recommendation)
    can_send = rec.task_force.level != "district"
    return render(request, "meetings/recommendation_detail.html", {
        "rec": rec, "follow_ups": selectors.follow_ups_of(rec),
        "follow_up_form": FollowUpForm(),
        "send_form": SendDownForm(task_force=request.task_force) if can_send else None,
        "sent_table": selectors.sent_down_table(recommendation=rec) if can_send else [],
        "reminders": list(rec.reminders.all()),
        "edit_form": RecommendationForm(
            members_qs=_members_qs(request.task_force),
            task_force=request.task_force,
            initial={"text": rec.text, "responsible_agency": rec.responsible_agency,
                     "responsible_member": rec.responsible_member_id, "due_date": rec.due_date,
                     "rad_activity": rec.rad_activity_id}),
    })


@require_POST
def recommendation_edit(request, tf_code, recommendation):
    rec = access_recommendation(request, recommendation, perm=Perm.MANAGE_MEETINGS)
    form = RecommendationForm(request.POST, members_qs=_members_qs(request.task_force),
                              task_force=request.task_force)
    if form.is_valid():
        try:
            services.recommendation_update(recommendation=rec, acting_user=request.user,
                                           **form.cleaned_data)
        except ValidationError as e:
            messages.error(request, " ".join(e.messages))
        else:
            messages.success(request, _("Rekomendasi diperbarui."))
    else:
        messages.error(request, _("Periksa isian rekomendasi."))
    return redirect("meetings:recommendation", tf_code=tf_code, recommendation=rec.code)


def follow_up_add(request, tf_code, recommendation):
    rec = access_recommendation(request, recommendation, perm=Perm.MANAGE_MEETINGS)
    form = FollowUpForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.recommendation_follow_up_add(
                recommendation=rec, acting_user=request.user, date=d["date"], status=d["status"],
                note=d["note"], reason=d["reason"], evidence=d.get("evidence"))
        except ValidationError as e:
            apply_errors(form, e)
        else:
            messages.success(request, _("Tindak lanjut tercatat."))
            return redirect("meetings:recommendation", tf_code=tf_code, recommendation=rec.code)
    return render(request, "meetings/follow_up_form.html", {"form": form, "rec": rec},
                  status=_status(form))


@require_POST
def send_down(request, tf_code, recommendation):
    rec = access_recommendation(request, recommendation, perm=Perm.MANAGE_MEETINGS)
    if rec.task_force.level == "district":
        raise Http404
    form = SendDownForm(request.POST, task_force=request.task_force)
    if not form.is_valid():
        messages.error(request, _("Pilihan gugus tugas tidak sah."))
    else:
        try:
            n = services.recommendation_send_down(recommendation=rec, acting_user=request.user,
                                                  to_task_forces=form.targets())
        except ValidationError as e:
            messages.error(request, " ".join(e.messages))
        else:
            messages.success(request, _("Rekomendasi dikirim ke %(n)d gugus tugas.") % {"n": n})
    return redirect("meetings:recommendation", tf_code=tf_code, recommendation=rec.code)


def evidence_download(request, tf_code, follow_up):
    fu = access_follow_up(request, follow_up)
    return private_download(fu.evidence, filename=fu.evidence_name or "bukti",
                            content_type=fu.evidence_type)


def compliance(request, tf_code):
    require(request, Perm.VIEW_TASK_FORCE)
    year = _year(request)
    return render(request, "meetings/compliance.html", {
        "c": selectors.compliance(task_force=request.task_force, year=year), "year": year,
        "rule": selectors.meeting_rule(task_force=request.task_force),
    })


def rule_edit(request, tf_code):
    require(request, Perm.MANAGE_MEETINGS)
    rule = selectors.meeting_rule(task_force=request.task_force)
    form = MeetingRuleForm(request.POST or None, initial={
        "per_year": rule.per_year, "interval_months": rule.interval_months, "basis": rule.basis})
    if request.method == "POST" and form.is_valid():
        try:
            services.meeting_rule_set(task_force=request.task_force, acting_user=request.user,
                                      **form.cleaned_data)
        except ValidationError as e:
            apply_errors(form, e)
        else:
            messages.success(request, _("Aturan rapat tersimpan."))
            return redirect("meetings:compliance", tf_code=tf_code)
    return render(request, "meetings/rule_form.html", {"form": form}, status=_status(form))


def agreement_index(request, tf_code):
    require(request, Perm.VIEW_TASK_FORCE)
    rows = selectors.agreement_list(task_force=request.task_force)
    return render(request, "meetings/agreement_list.html", {
        "agreements": rows, "warn_days": selectors.AGREEMENT_WARNING_DAYS,
        "expiring": [a for a in rows if a.expiring]})


def agreement_new(request, tf_code):
    require(request, Perm.MANAGE_MEETINGS)
    form = AgreementForm(request.POST or None, request.FILES or None,
                         task_force=request.task_force)
    if request.method == "POST" and form.is_valid():
        d = dict(form.cleaned_data)
        recs, scan = d.pop("recommendations"), d.pop("scan")
        activities = d.pop("rad_activities")
        try:
            services.agreement_create(task_force=request.task_force, acting_user=request.user,
                                      data=d, recommendations=recs, scan=scan,
                                      rad_activities=activities)
        except ValidationError as e:
            apply_errors(form, e)
        else:
            messages.success(request, _("Kesepakatan tersimpan."))
            return redirect("meetings:agreements", tf_code=tf_code)
    return render(request, "meetings/agreement_form.html", {"form": form}, status=_status(form))


def agreement_scan(request, tf_code, agreement):
    agreement = access_agreement(request, agreement)
    return private_download(agreement.scan, filename=f"kesepakatan-{agreement.code}.pdf")


def reminders(request, tf_code):
    require(request, Perm.VIEW_TASK_FORCE)
    return render(request, "meetings/reminders.html", {
        "reminders": selectors.reminders_sent(task_force=request.task_force)})


__all__ = ["Meeting"]
