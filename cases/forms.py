from functools import lru_cache

from django import forms
from django.core.exceptions import ValidationError
from django.forms import formset_factory
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from gugus_tugas.forms import DateInput, FastSelect
from gugus_tugas.models import Region, TaskForce

from .countries import country_choices, resolve_country
from .models import Case, Exploitation, Perpetrator, Service, Victim
from .validation import NAME_MAX, check_dates, clean_nik, derive_age, nik_contradiction


@lru_cache(maxsize=1)
def region_choices():
    """Provinces with their kabupaten/kota as option groups (one query, cached)."""
    regions = list(Region.objects.order_by("code").values_list("code", "name", "parent_id"))
    groups = []
    for code, name, parent in regions:
        if parent is None:
            groups.append([f"{name} ({code})", [(code, f"{name} (seluruh provinsi)")]])
        else:
            groups[-1][1].append((code, f"{name} ({code})"))
    return [("", "—"), *[(label, opts) for label, opts in groups]]


class RegionField(forms.ChoiceField):
    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(choices=region_choices, widget=FastSelect, **kwargs)
        self.error_messages["invalid_choice"] = _l("Kode wilayah tidak dikenal.")


class CountryField(forms.ChoiceField):
    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(choices=lambda: country_choices(), widget=FastSelect, **kwargs)
        self.error_messages["invalid_choice"] = _l("Negara tidak dikenal.")


class NationalityField(forms.ChoiceField):
    def __init__(self, **kwargs):
        super().__init__(choices=lambda: [("WNI", "WNI (Indonesia)"), *country_choices()[1:]],
                         initial="WNI", widget=FastSelect, **kwargs)
        self.error_messages["invalid_choice"] = _l("Kewarganegaraan tidak dikenal.")


class CaseForm(forms.Form):
    report_date = forms.DateField(label=_l("Tanggal lapor"), widget=DateInput())
    incident_date = forms.DateField(label=_l("Tanggal kejadian"), widget=DateInput(),
                                    required=False)
    intake_channel = forms.ChoiceField(widget=FastSelect, label=_l("Jalur pengaduan"), choices=Case.Intake.choices)
    incident_region = RegionField(label=_l("Wilayah kejadian (di Indonesia)"))
    incident_country = CountryField(label=_l("atau negara kejadian"))
    exploitation = forms.MultipleChoiceField(
        label=_l("Bentuk eksploitasi"), choices=Exploitation.Type.choices, required=False,
        widget=forms.CheckboxSelectMultiple)
    sector = forms.ChoiceField(widget=FastSelect, label=_l("Sektor"), choices=Case.Sector.choices, required=False)
    means = forms.ChoiceField(widget=FastSelect, label=_l("Cara"), choices=Case.Means.choices, required=False)
    origin_region = RegionField(label=_l("Daerah asal"))
    transit_region = RegionField(label=_l("Daerah transit"))
    destination_region = RegionField(label=_l("Daerah tujuan (di Indonesia)"))
    destination_country = CountryField(label=_l("atau negara tujuan"))
    narrative = forms.CharField(label=_l("Kronologi singkat"), required=False,
                                widget=forms.Textarea(attrs={"rows": 4}))
    notes = forms.CharField(label=_l("Catatan"), required=False,
                            widget=forms.Textarea(attrs={"rows": 2}))

    def clean(self):
        data = super().clean()
        if data.get("report_date"):
            try:
                check_dates(report_date=data["report_date"],
                            incident_date=data.get("incident_date"))
            except ValidationError as e:
                field = "incident_date" if "kejadian" in e.messages[0] else "report_date"
                self.add_error(field, e)
        if data.get("incident_region") and data.get("incident_country"):
            self.add_error("incident_country",
                           _("Pilih wilayah di Indonesia atau negara lain, bukan keduanya."))
        return data


class VersionField(forms.IntegerField):
    """The version of the case its person saw, carried by every form and button that changes
    the case: a change made since refuses the save (optimistic locking, cases.services)."""

    def __init__(self, **kwargs):
        super().__init__(widget=forms.HiddenInput, min_value=1, **kwargs)
        self.error_messages["required"] = _l(
            "Halaman ini sudah usang; muat ulang kasusnya lalu ulangi.")


class DecisionForm(forms.Form):
    """A button on the case page: the version seen, and a reason where the action needs one
    (the service says which)."""

    version = VersionField()
    reason = forms.CharField(required=False)


class CaseEditForm(forms.ModelForm):
    version = VersionField()

    class Meta:
        model = Case
        fields = ["report_date", "incident_date", "intake_channel", "sector", "means",
                  "legal_stage", "police_report_number", "verdict", "sentence_months",
                  "restitution_ordered", "restitution_paid", "narrative", "notes"]
        widgets = {"report_date": DateInput(), "incident_date": DateInput(),
                   "narrative": forms.Textarea(attrs={"rows": 4}),
                   "notes": forms.Textarea(attrs={"rows": 2})}

    def clean(self):
        data = super().clean()
        if data.get("report_date"):
            try:
                check_dates(report_date=data["report_date"],
                            incident_date=data.get("incident_date"))
            except ValidationError as e:
                self.add_error("incident_date", e)
        return data


class VictimForm(forms.Form):
    name = forms.CharField(label=_l("Nama korban"), max_length=NAME_MAX)
    nik = forms.CharField(label=_l("NIK"), required=False, max_length=20,
                          widget=forms.TextInput(attrs={"inputmode": "numeric"}))
    sex = forms.ChoiceField(widget=FastSelect, label=_l("Jenis kelamin"), choices=Victim.Sex.choices)
    birth_date = forms.DateField(label=_l("Tanggal lahir"), required=False, widget=DateInput())
    age = forms.IntegerField(label=_l("atau usia saat kejadian"), required=False, min_value=0,
                             max_value=120)
    nationality = NationalityField(label=_l("Kewarganegaraan"))
    origin_region = RegionField(label=_l("Daerah asal korban"))
    contact = forms.CharField(label=_l("Kontak (telepon/alamat)"), required=False,
                              max_length=300)
    education = forms.ChoiceField(widget=FastSelect, label=_l("Pendidikan"), choices=Victim.Education.choices,
                                  required=False)
    occupation = forms.CharField(label=_l("Pekerjaan"), required=False, max_length=100)
    marital_status = forms.ChoiceField(widget=FastSelect, label=_l("Status perkawinan"),
                                       choices=Victim.Marital.choices, required=False)
    disability = forms.BooleanField(label=_l("Penyandang disabilitas"), required=False)
    services = forms.MultipleChoiceField(
        label=_l("Layanan yang sudah diberikan"), choices=Service.Type.choices, required=False,
        widget=forms.CheckboxSelectMultiple)

    def clean_nik(self):
        return clean_nik(self.cleaned_data.get("nik", ""))

    def clean_birth_date(self):
        value = self.cleaned_data.get("birth_date")
        if value and value > timezone.localdate():
            raise ValidationError(_("Tanggal lahir tidak boleh di masa depan."))
        return value

    def clean(self):
        data = super().clean()
        if data.get("birth_date") is None and data.get("age") is None and not self.errors:
            self.add_error("age", _("Isi tanggal lahir atau usia korban."))
        if data.get("nik") and "nik" not in self.errors:
            problem = nik_contradiction(data["nik"], birth_date=data.get("birth_date"),
                                        sex=data.get("sex", ""))
            if problem:
                self.add_error("nik", problem)
        return data


class BaseVictimFormSet(forms.BaseFormSet):
    def clean(self):
        if any(self.errors):
            return
        filled = [f for f in self.forms if f.cleaned_data and not f.cleaned_data.get("DELETE")]
        if not filled:
            raise ValidationError(_("Catat sedikitnya satu korban."))


VictimFormSet = formset_factory(VictimForm, formset=BaseVictimFormSet, extra=1)


def check_victim_ages(victim_forms, *, on):
    """Birth dates against the incident date (needs the case form's dates)."""
    ok = True
    for form in victim_forms:
        data = form.cleaned_data
        if not data:
            continue
        try:
            derive_age(birth_date=data.get("birth_date"), age=data.get("age"), on=on)
        except ValidationError as e:
            form.add_error("birth_date", e)
            ok = False
    return ok


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_l("Alasan"), widget=forms.Textarea(attrs={"rows": 2}))


class CaseExportIdentitiesForm(forms.Form):
    """The export with identities: a format, and why (logged with every victim exported)."""

    fmt = forms.ChoiceField(label=_l("Format"), choices=[("xlsx", ".xlsx"), ("csv", ".csv")],
                            initial="xlsx", widget=forms.RadioSelect)
    purpose = forms.CharField(
        label=_l("Keperluan"), min_length=10, max_length=300,
        help_text=_l("Mengapa identitas korban perlu diekspor (misalnya: rujukan layanan ke "
                     "Dinas Sosial). Dicatat bersama setiap korban yang diekspor."),
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _l("Tuliskan keperluan ekspor dengan identitas."),
                        "min_length": _l("Tuliskan keperluannya dengan jelas (sedikitnya "
                                         "%(limit_value)d karakter).")})

    def clean_purpose(self):
        return " ".join(self.cleaned_data["purpose"].split())


class ReferralForm(forms.Form):
    """The receiving task force is chosen among a few found by name or code (cases:
    referral_targets), never from a list of every task force; the services it is asked to give
    are ticked."""

    to_task_force = forms.CharField(label=_l("Rujuk ke gugus tugas"), max_length=10,
                                    error_messages={"required": _l("Pilih gugus tugas tujuan.")})
    services_requested = forms.MultipleChoiceField(
        label=_l("Layanan yang diminta"), choices=Service.Type.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _l("Pilih sedikitnya satu layanan yang diminta.")})
    reason = forms.CharField(label=_l("Alasan rujukan"), widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, task_force: TaskForce, **kwargs):
        super().__init__(*args, **kwargs)
        self.task_force = task_force

    def clean_to_task_force(self):
        found = (TaskForce.objects.exclude(pk=self.task_force.pk)
                 .filter(code=self.cleaned_data["to_task_force"].strip()).first())
        if found is None:
            raise ValidationError(_("Gugus tugas tujuan tidak dikenal; cari lalu pilih dari "
                                    "daftar."))
        return found


class ServiceForm(forms.Form):
    victim = forms.ChoiceField(widget=FastSelect, label=_l("Korban"))
    type = forms.ChoiceField(widget=FastSelect, label=_l("Layanan"), choices=Service.Type.choices)
    status = forms.ChoiceField(widget=FastSelect, label=_l("Status"), choices=Service.Status.choices)
    date = forms.DateField(label=_l("Tanggal"), widget=DateInput())
    provider_agency = forms.CharField(label=_l("Instansi pemberi layanan"), max_length=200)
    version = VersionField()

    def __init__(self, *args, victims, **kwargs):
        super().__init__(*args, **kwargs)
        self.victims = {str(v.code): v for v in victims}
        self.fields["victim"].choices = [(str(v.code), v.initials) for v in victims]

    def clean_victim(self):
        return self.victims[self.cleaned_data["victim"]]


class ServiceEditForm(forms.Form):
    """Correct a service: what it was, its date and provider agency, and why (kept in the
    history; not needed when only completing a service ticked on the entry form)."""

    type = forms.ChoiceField(widget=FastSelect, label=_l("Layanan"), choices=Service.Type.choices)
    status = forms.ChoiceField(widget=FastSelect, label=_l("Status"), choices=Service.Status.choices)
    date = forms.DateField(label=_l("Tanggal"), widget=DateInput())
    provider_agency = forms.CharField(label=_l("Instansi pemberi layanan"), max_length=200)
    reason = forms.CharField(label=_l("Alasan perbaikan"), required=False, max_length=100)
    version = VersionField()


class ServiceRemoveForm(forms.Form):
    reason = forms.CharField(label=_l("Alasan penghapusan layanan"), max_length=100,
                             error_messages={"required": _l("Tuliskan alasan penghapusan "
                                                            "layanan.")})
    version = VersionField()


class CaseFilterForm(forms.Form):
    q = forms.CharField(label=_l("Nomor register"), required=False)
    year = forms.IntegerField(label=_l("Tahun"), required=False, min_value=1990, max_value=2100)
    status = forms.ChoiceField(widget=FastSelect, label=_l("Status"), required=False,
                               choices=[("", _l("Semua status")), *Case.Status.choices])
    exploitation = forms.ChoiceField(widget=FastSelect, label=_l("Eksploitasi"), required=False,
                                     choices=[("", _l("Semua bentuk")), *Exploitation.Type.choices])
    sex = forms.ChoiceField(widget=FastSelect, label=_l("Jenis kelamin"), required=False,
                            choices=[("", _l("Semua")), *Victim.Sex.choices])
    age = forms.ChoiceField(widget=FastSelect, label=_l("Anak/dewasa"), required=False,
                            choices=[("", _l("Semua")), ("child", _l("anak")),
                                     ("adult", _l("dewasa"))])
    region = RegionField(label=_l("Wilayah kejadian"))
    service = forms.ChoiceField(widget=FastSelect, label=_l("Layanan"), required=False,
                                choices=[("", _l("Semua layanan")), *Service.Type.choices])


class AttachmentForm(forms.Form):
    file = forms.FileField(label=_l("Lampiran (PDF, JPG atau PNG, maks. 10 MB)"))


class ImportForm(forms.Form):
    file = forms.FileField(label=_l("Berkas .xlsx atau .csv"))
    as_verified = forms.BooleanField(label=_l("Impor sebagai terverifikasi"), required=False)


__all__ = ["resolve_country"]


class PerpetratorForm(forms.ModelForm):
    class Meta:
        model = Perpetrator
        fields = ["is_corporation", "sex", "age", "nationality", "relation", "role"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["age"].widget.attrs.update(min=10, max=100)

    def clean_age(self):
        age = self.cleaned_data.get("age")
        if age is not None and not 10 <= age <= 100:
            raise ValidationError(_("Usia pelaku harus antara 10 dan 100 tahun."))
        return age


class VictimEditForm(VictimForm):
    """Edit a victim: the same fields and checks, services are recorded separately."""

    version = VersionField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["services"]
