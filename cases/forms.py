import re

from django import forms
from django.core.exceptions import ValidationError
from django.forms import formset_factory
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from gugus_tugas.forms import DateInput, FastSelect
from gugus_tugas.models import TaskForce

from .choices import country_labels, country_resolve, region_labels, region_resolve
from .countries import resolve_country
from .models import Case, Exploitation, Perpetrator, Service, Victim
from .validation import NAME_MAX, check_dates, clean_nik, derive_age, nik_contradiction


class SuggestInput(forms.TextInput):
    """A text input with suggestions: a <datalist> that static/js/app.js fills as the person
    types, from the endpoint the enclosing form names in `data-suggest-<kind>` (`regions`,
    `countries`). Without JavaScript it is a text field that takes a code or a full name (the
    form links to the lists). A stored code is shown as its label."""

    def __init__(self, kind: str, labels, attrs=None):
        super().__init__(attrs={"autocomplete": "off", "data-suggest": kind,
                                "spellcheck": "false", **(attrs or {})})
        self.kind, self.labels = kind, labels

    def format_value(self, value):
        labels = self.labels()
        return labels.get(value, value) if value else super().format_value(value)

    def render(self, name, value, attrs=None, renderer=None):
        attrs = dict(attrs or {})
        list_id = f"{attrs.get('id') or 'id_' + name}_list"
        attrs["list"] = list_id
        return mark_safe(super().render(name, value, attrs, renderer)
                         + format_html('<datalist id="{}"></datalist>', list_id))


class _TypedChoiceField(forms.CharField):
    """A region or country typed as text; the server reads it (cases.choices) and checks the code
    against the table, or refuses it with `invalid_message`."""

    resolve = staticmethod(lambda text: None)
    invalid_message = ""

    def __init__(self, *, widget, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(widget=widget, max_length=200, **kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        code = type(self).resolve(value)
        if code is None:
            raise ValidationError(self.invalid_message, code="invalid_choice")
        return code


class RegionField(_TypedChoiceField):
    resolve = staticmethod(region_resolve)
    invalid_message = _l("Wilayah tidak dikenal: ketik nama atau kode wilayah, lalu pilih dari "
                         "saran yang muncul.")

    def __init__(self, **kwargs):
        super().__init__(widget=SuggestInput("regions", region_labels), **kwargs)


class CountryField(_TypedChoiceField):
    """A country other than Indonesia (Indonesia typed here reads as "" : in Indonesia)."""

    resolve = staticmethod(lambda text: "" if (c := country_resolve(text)) == "ID" else c)
    invalid_message = _l("Negara tidak dikenal: ketik nama negara, lalu pilih dari saran yang "
                         "muncul.")

    def __init__(self, **kwargs):
        super().__init__(widget=SuggestInput("countries", country_labels), **kwargs)


def _nationality_labels():
    return {"WNI": country_labels()["ID"], **country_labels()}


class NationalityField(_TypedChoiceField):
    """WNI, or the alpha-2 code of another country: chosen by the officer, never assumed."""

    resolve = staticmethod(lambda text: "WNI" if (c := country_resolve(text)) == "ID" else c)
    invalid_message = _l("Kewarganegaraan tidak dikenal: ketik nama negara, lalu pilih dari "
                         "saran yang muncul.")

    def __init__(self, **kwargs):
        kwargs.setdefault("required", True)
        super().__init__(widget=SuggestInput("countries", _nationality_labels), **kwargs)


class CaseForm(forms.Form):
    report_date = forms.DateField(label=_l("Tanggal lapor"), widget=DateInput())
    incident_date = forms.DateField(label=_l("Tanggal kejadian"), widget=DateInput(),
                                    required=False)
    intake_channel = forms.ChoiceField(widget=FastSelect, label=_l("Jalur pengaduan"), choices=Case.Intake.choices)
    incident_region = RegionField(label=_l("Wilayah kejadian (di Indonesia)"))
    incident_country = CountryField(label=_l("atau negara kejadian (di luar Indonesia)"))
    exploitation = forms.MultipleChoiceField(
        label=_l("Bentuk eksploitasi"), choices=Exploitation.Type.choices, required=False,
        widget=forms.CheckboxSelectMultiple)
    sector = forms.ChoiceField(widget=FastSelect, label=_l("Sektor"), choices=Case.Sector.choices, required=False)
    means = forms.ChoiceField(widget=FastSelect, label=_l("Cara"), choices=Case.Means.choices, required=False)
    origin_region = RegionField(label=_l("Daerah asal"))
    transit_region = RegionField(label=_l("Daerah transit"))
    destination_region = RegionField(label=_l("Daerah tujuan (di Indonesia)"))
    destination_country = CountryField(label=_l("atau negara tujuan (di luar Indonesia)"))
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
                  "restitution_requested", "restitution_ordered", "restitution_paid",
                  "narrative", "notes"]
        widgets = {"report_date": DateInput(), "incident_date": DateInput(),
                   "narrative": forms.Textarea(attrs={"rows": 4}),
                   "notes": forms.Textarea(attrs={"rows": 2}),
                   **{f"restitution_{part}": forms.NumberInput(attrs={
                       "min": 0, "step": 1, "inputmode": "numeric"})
                      for part in ("requested", "ordered", "paid")}}
        help_texts = {"restitution_requested": _l("Jumlah yang dimohonkan korban (melalui "
                                                  "penuntut umum atau LPSK), dalam rupiah."),
                      "restitution_ordered": _l("Jumlah yang dikabulkan dalam putusan "
                                                "pengadilan."),
                      "restitution_paid": _l("Jumlah yang sudah dibayarkan kepada korban.")}

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
    sex = forms.ChoiceField(widget=FastSelect, label=_l("Jenis kelamin"),
                            choices=[("", "—"), *Victim.Sex.choices])
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
    # each ticked service's own date and provider agency: `service_<code>_date` and
    # `service_<code>_provider`, added below for every Service.Type

    def service_rows(self):
        """For the template: each service's checkbox with its own date and provider fields."""
        boxes = self["services"].subwidgets
        return [{"box": box, "fields": [(_("Tanggal diberikan"), self[SERVICE_DATE % code]),
                                        (_("Instansi pemberi"), self[SERVICE_PROVIDER % code])]}
                for box, code in zip(boxes, Service.Type.values, strict=True)]

    def other_fields(self):
        return [f for f in self.visible_fields() if not f.name.startswith("service")]

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
        ticked = set(data.get("services") or ())
        for code in Service.Type.values:
            when = data.get(SERVICE_DATE % code)
            if when and when > timezone.localdate():
                self.add_error(SERVICE_DATE % code, _("Tanggal layanan tidak boleh di masa "
                                                      "depan."))
            elif code not in ticked and (when or data.get(SERVICE_PROVIDER % code)):
                self.add_error(SERVICE_DATE % code, _("Centang layanannya, atau kosongkan "
                                                      "tanggal dan instansinya."))
        return data


SERVICE_DATE, SERVICE_PROVIDER = "service_%s_date", "service_%s_provider"
for _code, _label in Service.Type.choices:
    VictimForm.base_fields[SERVICE_DATE % _code] = forms.DateField(
        label=format_lazy("{}: {}", _label, _l("tanggal diberikan")), required=False,
        widget=DateInput())
    VictimForm.base_fields[SERVICE_PROVIDER % _code] = forms.CharField(
        label=format_lazy("{}: {}", _label, _l("instansi pemberi")), required=False,
        max_length=Service._meta.get_field("provider_agency").max_length)


def ticked_services(data: dict) -> list[tuple[str, str, object, str]]:
    """(type, status, date, provider agency) of each service ticked on a victim's form, each
    with its own date and provider; an empty date is completed on the case page (the service is
    shown incomplete until then), never replaced by the report date."""
    return [(code, Service.Status.GIVEN, data.get(SERVICE_DATE % code),
             data.get(SERVICE_PROVIDER % code) or "")
            for code in data.get("services") or ()]


class BaseVictimFormSet(forms.BaseFormSet):
    """A restored draft's victims are shown as extra forms with their values as `initial`
    (INITIAL_FORMS stays 0): posted again they are new forms like any other."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound and self.initial:
            self.extra = len(self.initial)

    def initial_form_count(self):
        return super().initial_form_count() if self.is_bound else 0

    def clean(self):
        if any(self.errors):
            return
        filled = [f for f in self.forms if f.cleaned_data and not f.cleaned_data.get("DELETE")]
        if not filled:
            raise ValidationError(_("Catat sedikitnya satu korban."))


VictimFormSet = formset_factory(VictimForm, formset=BaseVictimFormSet, extra=1)


CASE_FIELDS_BEFORE_VICTIMS = ("report_date", "incident_date", "intake_channel",
                              "incident_region", "incident_country")
_VICTIM_KEY = re.compile(r"v-(\d+)-(\w+)")


def case_forms_from_draft(data: dict[str, list[str]]):
    """The new-case form and its victims filled from a saved draft (cases.drafts), unbound: the
    values are shown, nothing is judged until the officer submits."""

    def value(field, values):
        return values if isinstance(field, forms.MultipleChoiceField) else values[0]

    case = {name: value(field, data[name]) for name, field in CaseForm.base_fields.items()
            if data.get(name)}
    victims: dict[int, dict] = {}
    for key, values in data.items():
        match = _VICTIM_KEY.fullmatch(key)
        if match and match[2] in VictimForm.base_fields and values:
            victims.setdefault(int(match[1]), {})[match[2]] = value(
                VictimForm.base_fields[match[2]], values)
    return (CaseForm(initial=case),
            VictimFormSet(prefix="v", initial=[victims[i] for i in sorted(victims)] or None))


def error_summary(form, victims) -> list[dict]:
    """Every error of a refused new-case form, in the order of the page, each with the id of
    its field (the summary at the top links to them)."""
    items = []

    def add(f, names, prefix=""):
        for name in names:
            bf = f[name]
            for message in f.errors.get(name, ()):
                items.append({"href": "#" + (bf.id_for_label or f"{bf.auto_id}_0"),
                              "label": f"{prefix}{bf.label}", "text": message})

    items += [{"href": "", "label": "", "text": m} for m in form.non_field_errors()]
    add(form, CASE_FIELDS_BEFORE_VICTIMS)
    items += [{"href": "#v-rows", "label": "", "text": m} for m in victims.non_form_errors()]
    for number, vf in enumerate(victims.forms, 1):
        prefix = _("Korban %(n)s – ") % {"n": number}
        items += [{"href": "", "label": prefix, "text": m} for m in vf.non_field_errors()]
        add(vf, vf.fields, prefix)
    add(form, [n for n in form.fields if n not in CASE_FIELDS_BEFORE_VICTIMS])
    return items


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
