"""Forms of the meetings app: they read input; the services check and write it."""

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gugus_tugas.models import TaskForce

from .models import (
    Agreement,
    Attendance,
    FollowUpStatus,
    Meeting,
    MeetingAttachment,
    Recommendation,
)
from .services import AttendanceRow, SpeakerRow

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def apply_errors(form, error: ValidationError) -> None:
    """Put a service's ValidationError on the form's fields (unknown fields: on the form)."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            target = name if name in form.fields else None
            for e in errors:
                form.add_error(target if name != NON_FIELD_ERRORS else None, e)
    else:
        form.add_error(None, error)


class MeetingForm(forms.Form):
    kind = forms.ChoiceField(label=_("Jenis rapat"), choices=Meeting.Kind.choices)
    title = forms.CharField(label=_("Judul"), max_length=300)
    theme = forms.CharField(label=_("Tema"), max_length=500, required=False)
    start_date = forms.DateField(label=_("Tanggal mulai"), widget=DATE)
    end_date = forms.DateField(label=_("Tanggal selesai"), widget=DATE, required=False,
                               help_text=_("Kosongkan untuk rapat satu hari."))
    venue = forms.CharField(label=_("Tempat"), max_length=300, required=False)
    city = forms.CharField(label=_("Kota"), max_length=100, required=False)
    opened_by = forms.CharField(label=_("Dibuka oleh"), max_length=300, required=False)
    chaired_by = forms.CharField(label=_("Dipimpin oleh"), max_length=300, required=False)
    objectives = forms.CharField(label=_("Tujuan"), widget=forms.Textarea(attrs={"rows": 3}),
                                 required=False)

    held = forms.BooleanField(label=_("Rapat sudah terlaksana"), required=False,
                              help_text=_("Centang untuk rapat yang sudah berlangsung; "
                                          "laporannya dapat dilengkapi kemudian."))

    def clean(self):
        data = super().clean()
        if data.get("start_date") and not data.get("end_date"):
            data["end_date"] = data["start_date"]
        return data


class MeetingReportForm(MeetingForm):
    """The report of a meeting: its fields, attendance of the SK's members, external participants,
    speakers and a pasted numbered list of recommendations."""

    participant_count = forms.IntegerField(label=_("Jumlah peserta"), required=False)
    minutes = forms.CharField(label=_("Notulen / hasil rapat"), required=False,
                              widget=forms.Textarea(attrs={"rows": 5}))
    speakers_text = forms.CharField(
        label=_("Narasumber"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Satu per baris: nama | instansi | materi."))
    externals_text = forms.CharField(
        label=_("Peserta dari luar SK"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Satu per baris: nama | instansi."))
    recommendations_text = forms.CharField(
        label=_("Rekomendasi (tempel daftar bernomor)"), required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Contoh: “1. …” baris baru “2. …”; juga “1)”, “a.” atau “-”. Rekomendasi "
                    "yang sudah tercatat tetap; yang ditempel ditambahkan setelahnya."))
    due_date = forms.DateField(label=_("Tenggat rekomendasi"), widget=DATE, required=False)
    responsible_agency = forms.CharField(label=_("Instansi penanggung jawab"), max_length=300,
                                         required=False)

    def __init__(self, *args, members=(), **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["held"]  # saving the report marks the meeting held
        self.members = list(members)
        for m in self.members:
            self.fields[f"att_{m.pk}"] = forms.ChoiceField(
                label=m.position, required=False,
                choices=[("", "—")] + list(Attendance.Status.choices))

    def member_fields(self):
        return [(m, self[f"att_{m.pk}"]) for m in self.members]

    def main_fields(self):
        skip = {"speakers_text", "externals_text", "recommendations_text", "due_date",
                "responsible_agency", "held"}
        return [f for f in self.visible_fields() if not f.name.startswith("att_")
                and f.name not in skip]

    def attendance_rows(self) -> list[AttendanceRow]:
        d = self.cleaned_data
        rows = [AttendanceRow(status=d[f"att_{m.pk}"], decree_member_id=m.pk, name=m.person_name,
                              position=m.position, agency=m.agency)
                for m in self.members if d.get(f"att_{m.pk}")]
        for line in (d.get("externals_text") or "").splitlines():
            parts = [p.strip() for p in line.split("|")]
            if parts[0]:
                rows.append(AttendanceRow(name=parts[0], agency=parts[1] if len(parts) > 1 else ""))
        return rows

    def speaker_rows(self) -> list[SpeakerRow]:
        rows = []
        for line in (self.cleaned_data.get("speakers_text") or "").splitlines():
            parts = [p.strip() for p in line.split("|")] + ["", ""]
            if parts[0]:
                rows.append(SpeakerRow(name=parts[0], agency=parts[1], topic=parts[2]))
        return rows


def _activity_label(activity) -> str:
    """An activity of the task force's action plans: its code, name and plan period."""
    plan = activity.plan
    return f"{activity.number} {activity.name} ({plan.first_year}–{plan.last_year})"


class ActivityField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return _activity_label(obj)


class ActivitiesField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return _activity_label(obj)


def rad_activities_of(task_force):
    """The activities a recommendation or an agreement of `task_force` may serve: those of its
    own action plans, the newest plan first."""
    from rad.models import Activity

    return (Activity.objects.filter(task_force=task_force).select_related("plan")
            .order_by("-plan__first_year", "plan_id", "order", "id"))


class RecommendationForm(forms.Form):
    text = forms.CharField(label=_("Rekomendasi"), widget=forms.Textarea(attrs={"rows": 3}),
                           required=False)
    responsible_agency = forms.CharField(label=_("Instansi penanggung jawab"), max_length=300,
                                         required=False)
    responsible_member = forms.ModelChoiceField(label=_("Anggota SK penanggung jawab"),
                                                queryset=None, required=False)
    due_date = forms.DateField(label=_("Tenggat"), widget=DATE, required=False)
    rad_activity = ActivityField(label=_("Kegiatan RAD terkait"), queryset=None, required=False)

    def __init__(self, *args, members_qs, task_force, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["responsible_member"].queryset = members_qs
        self.fields["rad_activity"].queryset = rad_activities_of(task_force)


class FollowUpForm(forms.Form):
    date = forms.DateField(label=_("Tanggal"), widget=DATE, initial=timezone.localdate)
    status = forms.ChoiceField(label=_("Status"), choices=FollowUpStatus.choices)
    note = forms.CharField(label=_("Catatan"), widget=forms.Textarea(attrs={"rows": 2}),
                           required=False)
    reason = forms.CharField(label=_("Alasan (bila tidak dapat dilaksanakan)"), required=False,
                             widget=forms.Textarea(attrs={"rows": 2}))
    evidence = forms.FileField(label=_("Bukti (PDF/JPG/PNG, opsional)"), required=False)


class SendDownForm(forms.Form):
    task_forces = forms.ModelMultipleChoiceField(
        label=_("Gugus tugas tujuan"), queryset=None, required=False,
        widget=forms.SelectMultiple(attrs={"size": 10}))
    all_below = forms.BooleanField(label=_("Semua gugus tugas di bawahnya"), required=False)

    def __init__(self, *args, task_force, **kwargs):
        super().__init__(*args, **kwargs)
        self.task_force = task_force
        self.fields["task_forces"].queryset = (
            task_force.descendants().exclude(pk=task_force.pk).order_by("code"))

    def targets(self) -> list[TaskForce]:
        if self.cleaned_data.get("all_below"):
            return list(self.fields["task_forces"].queryset)
        return list(self.cleaned_data.get("task_forces") or [])


STATUS_FILTER = [("", _("Semua status")), ("overdue", _("Lewat tenggat"))] + list(
    FollowUpStatus.choices)


class BoardFilterForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=STATUS_FILTER, required=False)
    agency = forms.CharField(label=_("Instansi"), required=False)
    due_after = forms.DateField(label=_("Tenggat dari"), widget=DATE, required=False)
    due_before = forms.DateField(label=_("Tenggat sampai"), widget=DATE, required=False)
    origin = forms.ChoiceField(label=_("Asal"), required=False, choices=[
        ("", _("Semua")), ("own", _("Rapat sendiri")), ("received", _("Kiriman dari atas"))])
    q = forms.CharField(label=_("Cari"), required=False)


class AttachmentForm(forms.Form):
    kind = forms.ChoiceField(label=_("Jenis berkas"), choices=MeetingAttachment.Kind.choices)
    file = forms.FileField(label=_("Berkas (PDF, JPG, PNG, PPTX/DOCX; maks. 10 MB)"))


class MeetingRuleForm(forms.Form):
    per_year = forms.IntegerField(label=_("Rapat wajib per tahun"), min_value=0, max_value=52)
    interval_months = forms.IntegerField(label=_("Sekali setiap … bulan (opsional)"),
                                         required=False, min_value=1, max_value=12)
    basis = forms.CharField(label=_("Dasar aturan"), max_length=300, required=False)


class AgreementForm(forms.Form):
    kind = forms.ChoiceField(label=_("Jenis"), choices=Agreement.Kind.choices)
    number = forms.CharField(label=_("Nomor"), max_length=200, required=False)
    subject = forms.CharField(label=_("Perihal"), max_length=500)
    parties = forms.CharField(label=_("Para pihak (satu per baris)"),
                              widget=forms.Textarea(attrs={"rows": 3}))
    signed_on = forms.DateField(label=_("Tanggal penandatanganan"), widget=DATE)
    valid_until = forms.DateField(label=_("Berlaku sampai"), widget=DATE, required=False)
    meeting = forms.ModelChoiceField(label=_("Rapat"), queryset=None, required=False)
    recommendations = forms.ModelMultipleChoiceField(label=_("Rekomendasi terkait"),
                                                     queryset=None, required=False)
    rad_activities = ActivitiesField(label=_("Kegiatan RAD terkait"), queryset=None,
                                     required=False)
    scan = forms.FileField(label=_("Pindaian (PDF, opsional)"), required=False)

    def __init__(self, *args, task_force, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = Meeting.objects.filter(task_force=task_force)
        self.fields["recommendations"].queryset = Recommendation.objects.filter(
            task_force=task_force).order_by("-issued_on", "number")
        self.fields["rad_activities"].queryset = rad_activities_of(task_force)
