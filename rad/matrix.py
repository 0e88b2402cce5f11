"""A plan's activity matrix as a spreadsheet: import (dry run, all or nothing), blank template
and export in the same layout.

The columns are a django-import-export resource with declared fields and widgets (rupiah,
numbers, sub task forces, budget sources, one target/budget/source column per year of the plan).
Import reads each cell through its widget, collects every problem by row and column, and only
when there is none writes the rows through the same services as the pages, in one transaction
(a dry run writes them too and rolls back, so it finds what a real run would).
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from import_export import fields, resources, widgets

from cases.exports import neutralise
from gugus_tugas.services.audit import audit_record

from .models import ActionPlan, ActivityYear
from .numbers import AmountError, parse_amount
from .selectors import plan_matrix
from .services import activity_create, cluster_choices

MAX_ROWS = 2000


class AmountWidget(widgets.Widget):
    """A number written the Indonesian way ("12,5", "1.250")."""

    def __init__(self, *, rupiah=False, required=True):
        super().__init__()
        self.rupiah, self.required = rupiah, required

    def clean(self, value, row=None, **kwargs):
        if value in (None, "") and not self.required:
            return None
        try:
            return parse_amount(value, rupiah=self.rupiah)
        except AmountError as e:
            raise ValueError(str(e)) from None

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        return int(value) if Decimal(value) == int(value) else float(value)


class ClusterWidget(widgets.Widget):
    """A sub task force by name: one of the SK in force, or of the six national areas."""

    def __init__(self, names):
        super().__init__()
        self.names = {n.casefold().strip(): n for n in names}

    def clean(self, value, row=None, **kwargs):
        key = str(value or "").casefold().strip()
        if not key:
            raise ValueError(_("Wajib diisi."))
        if key not in self.names:
            raise ValueError(_("Sub gugus tugas “%(v)s” tidak dikenal. Pilihan: %(names)s.") % {
                "v": value, "names": "; ".join(self.names.values())})
        return self.names[key]

    def render(self, value, obj=None, **kwargs):
        return neutralise(value or "")


class SourceWidget(widgets.Widget):
    LABELS = {str(label).casefold(): code for code, label in ActivityYear.Source.choices}
    LABELS.update({code: code for code in ActivityYear.Source.values})

    def clean(self, value, row=None, **kwargs):
        key = str(value or "").casefold().strip()
        if not key:
            return ActivityYear.Source.APBD
        if key not in self.LABELS:
            raise ValueError(_("Sumber anggaran “%(v)s” tidak dikenal (APBD, APBN, DAK, Dana Desa, "
                               "donor / LSM, lainnya).") % {"v": value})
        return self.LABELS[key]

    def render(self, value, obj=None, **kwargs):
        return dict(ActivityYear.Source.choices).get(value, "") if value else ""


class TextWidget(widgets.CharWidget):
    def __init__(self, *, required=True):
        super().__init__()
        self.required = required

    def clean(self, value, row=None, **kwargs):
        text = " ".join(str(value if value is not None else "").split())
        if text.startswith(("=", "+", "@")):
            raise ValueError(_("Rumus tidak diterima; tulis nilainya."))
        if self.required and not text:
            raise ValueError(_("Wajib diisi."))
        return text

    def render(self, value, obj=None, **kwargs):
        return neutralise(value or "")


def matrix_resource(plan: ActionPlan) -> resources.Resource:
    """The resource of one plan: fixed columns, then target/budget/source per year."""
    names = [name for _stf, name in cluster_choices(plan.task_force)]
    declared = {
        "cluster": fields.Field(attribute="cluster", column_name="sub_gugus_tugas",
                                widget=ClusterWidget(names)),
        "number": fields.Field(attribute="number", column_name="kode",
                               widget=TextWidget()),
        "name": fields.Field(attribute="name", column_name="kegiatan", widget=TextWidget()),
        "responsible_agency": fields.Field(attribute="responsible_agency",
                                           column_name="penanggung_jawab", widget=TextWidget()),
        "supporting_agencies": fields.Field(attribute="supporting_agencies",
                                            column_name="instansi_pendukung",
                                            widget=TextWidget(required=False)),
        "indicator": fields.Field(attribute="indicator", column_name="indikator",
                                  widget=TextWidget()),
        "unit": fields.Field(attribute="unit", column_name="satuan", widget=TextWidget()),
        "baseline": fields.Field(attribute="baseline", column_name="baseline",
                                 widget=AmountWidget(required=False)),
    }
    for y in plan.years:
        declared[f"target_{y}"] = fields.Field(attribute=f"target_{y}", column_name=f"target_{y}",
                                               widget=AmountWidget(required=False))
        declared[f"budget_{y}"] = fields.Field(attribute=f"budget_{y}",
                                               column_name=f"anggaran_{y}",
                                               widget=AmountWidget(rupiah=True, required=False))
        declared[f"budget_source_{y}"] = fields.Field(attribute=f"budget_source_{y}",
                                                      column_name=f"sumber_{y}",
                                                      widget=SourceWidget())

    class Meta:
        fields = tuple(declared)

    cls = type("ActivityMatrixResource", (resources.Resource,), {**declared, "Meta": Meta})
    return cls()


def matrix_rows(plan: ActionPlan) -> list[dict]:
    """The plan's activities as flat rows keyed by the resource's attributes."""
    matrix = plan_matrix(plan=plan)
    rows = []
    for _cluster, items in matrix["groups"]:
        for item in items:
            a = item["activity"]
            row = {k: getattr(a, k) for k in ("cluster", "number", "name", "responsible_agency",
                                              "supporting_agencies", "indicator", "unit",
                                              "baseline")}
            for y, cell in zip(plan.years, item["cells"], strict=True):
                row[f"target_{y}"] = cell.target if cell else None
                row[f"budget_{y}"] = cell.budget if cell else None
                row[f"budget_source_{y}"] = cell.budget_source if cell else ""
            rows.append(row)
    return rows


class _Row(dict):
    """A row as an object (import-export's Field reads attributes)."""

    def __getattr__(self, name):
        try:
            return self[name]
        except KeyError:
            raise AttributeError(name) from None


def matrix_xlsx(plan: ActionPlan, *, blank=False) -> bytes:
    from import_export.formats.base_formats import XLSX

    resource = matrix_resource(plan)
    dataset = resource.export(queryset=[] if blank else [_Row(r) for r in matrix_rows(plan)])
    dataset.title = "Matriks RAD"[:31]
    return XLSX().export_data(dataset)


@dataclass
class ImportResult:
    rows: int = 0
    created: int = 0
    errors: list[tuple[int, str, str]] = field(default_factory=list)  # row, column, message
    dry_run: bool = True

    @property
    def ok(self):
        return not self.errors


class _Rollback(Exception):
    pass


def matrix_import(*, plan: ActionPlan, data: bytes, acting_user, dry_run: bool) -> ImportResult:
    """Check every row (row numbers as in the spreadsheet, header = row 1); write only if none
    is wrong. A dry run does everything and rolls back."""
    from import_export.formats.base_formats import XLSX

    result = ImportResult(dry_run=dry_run)
    try:
        dataset = XLSX().create_dataset(data)
    except Exception:  # noqa: BLE001 (openpyxl raises many kinds on a broken file)
        result.errors.append((0, "", _("Berkas bukan .xlsx yang dapat dibaca.")))
        return result
    resource = matrix_resource(plan)
    by_column = {f.column_name: f for f in resource.get_import_fields()}
    headers = [str(h or "").strip() for h in (dataset.headers or [])]
    missing = [c for c, f in by_column.items() if c not in headers and (
        getattr(f.widget, "required", True) and not c.startswith("sumber_"))]
    if missing:
        result.errors.append((1, ", ".join(missing), _("Kolom tidak ada. Pakai templat kosong "
                                                       "dari halaman ini.")))
        return result
    unknown = [h for h in headers if h and h not in by_column]
    if unknown:
        result.errors.append((1, ", ".join(unknown), _("Kolom tidak dikenal untuk periode "
                                                       "%(period)s.") % {"period": plan.period_label}))
    if len(dataset) > MAX_ROWS:
        result.errors.append((0, "", _("Paling banyak %(n)s baris.") % {"n": MAX_ROWS}))
        return result
    parsed, seen = [], {}
    for index, raw in enumerate(dataset.dict, start=2):
        if not any(v not in (None, "") for v in raw.values()):
            continue
        result.rows += 1
        values = {}
        for column, f in by_column.items():
            try:
                values[f.attribute] = f.clean(raw)
            except KeyError:
                values[f.attribute] = None
            except ValueError as e:
                result.errors.append((index, column, str(e)))
        number = values.get("number")
        if number:
            if number in seen:
                result.errors.append((index, "kode", _("Kode %(n)s juga dipakai di baris %(r)s.")
                                      % {"n": number, "r": seen[number]}))
            seen[number] = index
        parsed.append((index, values))
    if result.errors:
        return result
    column_of = {f.attribute: c for c, f in by_column.items()}
    stfs = {name: stf for stf, name in cluster_choices(plan.task_force)}
    try:
        with transaction.atomic():
            for index, values in parsed:
                data = {k: values.get(k) for k in ("cluster", "number", "name",
                                                   "responsible_agency", "supporting_agencies",
                                                   "indicator", "unit", "baseline")}
                years = {y: {"target": values.get(f"target_{y}"),
                             "budget": values.get(f"budget_{y}"),
                             "budget_source": values.get(f"budget_source_{y}")}
                         for y in plan.years if values.get(f"target_{y}") is not None
                         or values.get(f"budget_{y}") is not None}
                try:
                    activity_create(plan=plan, data=data, years=years, acting_user=acting_user,
                                    sub_task_force=stfs.get(values["cluster"]))
                except ValidationError as e:
                    for key, messages in (e.message_dict.items() if hasattr(e, "error_dict")
                                          else [("", e.messages)]):
                        column = column_of.get(key, key if key != "__all__" else "")
                        column = column.replace("budget_source_", "sumber_").replace(
                            "budget_", "anggaran_")
                        for m in messages:
                            result.errors.append((index, column, m))
                else:
                    result.created += 1
            if result.errors or dry_run:
                raise _Rollback
            audit_record(task_force=plan.task_force, actor=acting_user, action="rad.import",
                         obj=plan, activities=result.created)
    except _Rollback:
        pass
    return result
