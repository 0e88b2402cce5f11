"""Forms of the action plans: they collect data; the services check and write it.

Amounts are text fields on purpose: "Rp 1.250.000" and "12,5" are read by `rad.numbers`, and a
wrong value comes back from the service with its message next to the field.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from gugus_tugas.forms import DateInput

from .models import ActionPlan, ActivityYear
from .services import cluster_choices


def add_service_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for key, errors in error.message_dict.items():
            form.add_error(key if key in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


class PlanForm(forms.Form):
    title = forms.CharField(label=_("Judul"), max_length=500,
                            widget=forms.Textarea(attrs={"rows": 2}))
    first_year = forms.IntegerField(label=_("Tahun awal"))
    last_year = forms.IntegerField(label=_("Tahun akhir"),
                                   help_text=_("Paling lama 10 tahun."))
    reporting = forms.ChoiceField(label=_("Periode pelaporan"),
                                  choices=ActionPlan.Reporting.choices)
    legal_kind = forms.ChoiceField(label=_("Jenis dasar hukum"), required=False,
                                   choices=[("", "—")] + ActionPlan.LegalKind.choices)
    legal_number = forms.CharField(label=_("Nomor peraturan"), max_length=100, required=False)
    legal_date = forms.DateField(label=_("Tanggal peraturan"), required=False,
                                 widget=DateInput())
    scan = forms.FileField(label=_("Pindaian peraturan (PDF)"), required=False,
                           widget=forms.ClearableFileInput(attrs={"accept": "application/pdf"}))

    DATA_FIELDS = ("title", "first_year", "last_year", "reporting", "legal_kind", "legal_number",
                   "legal_date")

    def data_for_service(self) -> dict:
        return {k: self.cleaned_data[k] for k in self.DATA_FIELDS}


class ActivityForm(forms.Form):
    cluster = forms.ChoiceField(label=_("Sub gugus tugas / klaster"))
    number = forms.CharField(label=_("Kode kegiatan"), max_length=20)
    name = forms.CharField(label=_("Kegiatan"), max_length=500,
                           widget=forms.Textarea(attrs={"rows": 2}))
    responsible_agency = forms.CharField(label=_("Penanggung jawab"), max_length=300)
    supporting_agencies = forms.CharField(label=_("Instansi pendukung"), max_length=500,
                                          required=False)
    indicator = forms.CharField(label=_("Indikator"), max_length=500)
    unit = forms.CharField(label=_("Satuan"), max_length=50)
    baseline = forms.CharField(label=_("Nilai dasar (baseline)"), required=False)
    ran_activity = forms.ChoiceField(label=_("Kegiatan RAN yang didukung"), required=False)

    def __init__(self, *args, plan: ActionPlan, ran_activities=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.plan = plan
        self.clusters = cluster_choices(plan.task_force)
        names = [name for _stf, name in self.clusters]
        current = self.initial.get("cluster")
        if current and current not in names:
            names.append(current)
        self.fields["cluster"].choices = [(n, n) for n in names]
        self.ran_activities = {str(a.code): a for a in ran_activities}
        if plan.kind == ActionPlan.Kind.RAD and self.ran_activities:
            self.fields["ran_activity"].choices = [("", "—")] + [
                (code, f"{a.number} {a.name}"[:120]) for code, a in self.ran_activities.items()]
        else:
            del self.fields["ran_activity"]
        self.year_rows = []
        for y in plan.years:
            self.fields[f"target_{y}"] = forms.CharField(label=_("Target %(y)s") % {"y": y},
                                                         required=False)
            self.fields[f"budget_{y}"] = forms.CharField(
                label=_("Anggaran %(y)s (Rp)") % {"y": y}, required=False)
            self.fields[f"budget_source_{y}"] = forms.ChoiceField(
                label=_("Sumber %(y)s") % {"y": y}, choices=ActivityYear.Source.choices,
                required=False)
            self.year_rows.append((y, f"target_{y}", f"budget_{y}", f"budget_source_{y}"))

    def visible_main_fields(self):
        return [f for f in self.visible_fields() if not f.name.startswith(("target_", "budget_"))]

    def years_rows(self):
        return [(y, self[t], self[b], self[s]) for y, t, b, s in self.year_rows]

    def service_args(self) -> dict:
        cd = self.cleaned_data
        data = {k: cd.get(k) for k in ("cluster", "number", "name", "responsible_agency",
                                       "supporting_agencies", "indicator", "unit", "baseline")}
        years = {y: {"target": cd.get(t), "budget": cd.get(b), "budget_source": cd.get(s)}
                 for y, t, b, s in self.year_rows if (cd.get(t) or "").strip()
                 or (cd.get(b) or "").strip()}
        stf = next((s for s, name in self.clusters if name == cd["cluster"]), None)
        return {"data": data, "years": years, "sub_task_force": stf,
                "ran_activity": self.ran_activities.get(cd.get("ran_activity") or "")}


class ProgressForm(forms.Form):
    achieved = forms.CharField(label=_("Capaian pada periode ini"))
    spent = forms.CharField(label=_("Anggaran terserap pada periode ini (Rp)"), required=False)
    narrative = forms.CharField(label=_("Uraian kegiatan"), required=False,
                                widget=forms.Textarea(attrs={"rows": 3}))
    obstacles = forms.CharField(label=_("Kendala"), required=False,
                                widget=forms.Textarea(attrs={"rows": 2}))
    evidence = forms.FileField(label=_("Bukti (PDF)"), required=False,
                               widget=forms.ClearableFileInput(attrs={"accept": "application/pdf"}))


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Alasan"), widget=forms.Textarea(attrs={"rows": 2}))


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Berkas matriks (.xlsx)"),
                           widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}))
