"""The *Pemantauan* page of a province or the nation and its .xlsx (issue 15). Kept apart from
views.py: the annual report's views change on their own."""

from urllib.parse import urlencode

from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe
from django.views.decorators.vary import vary_on_headers

from gugus_tugas.access import require
from gugus_tugas.models import TaskForce
from gugus_tugas.roles import Perm
from gugus_tugas.spreadsheets import Sheet, download, spreadsheet

from . import monitoring, tilemap
from .views import as_of_poll
from .warm import monitoring_rows_warm


def _year(request) -> int:
    """`?tahun=`, this year by default (the monitoring is of the year running, unlike the
    annual report which defaults to the last full one)."""
    this = timezone.localdate().year
    try:
        year = int(request.GET.get("tahun") or this)
    except ValueError:
        return this
    return year if 2000 <= year <= this else this


def _params(request) -> dict:
    q = request.GET
    return {"tahun": _year(request),
            "tingkat": "kabupaten" if q.get("tingkat") == "kabupaten" else "",
            "provinsi": q.get("provinsi", "") if q.get("provinsi", "") in tilemap.PROVINCE_TILES
            else "",
            "status": q.get("status", "") if q.get("status") in monitoring.STATUS_FILTERS else "",
            "peta": q.get("peta", "") if q.get("peta") in tilemap.METRICS else "sk",
            "urut": q.get("urut", "")}


def _rows(tf, year, *, every=False, warm=False):
    if warm:
        return monitoring_rows_warm(tf, year, every=every)
    return monitoring.monitoring_rows(tf, year, every=every), None


def _monitoring_task_force(request) -> TaskForce:
    """The province or the nation whose task forces below the page monitors (a district has
    none: 404)."""
    require(request, Perm.VIEW_DASHBOARD)
    if request.task_force.level == TaskForce.Level.DISTRICT:
        raise Http404
    return request.task_force


def _page_data(request, *, warm=False) -> dict:
    """`warm`: the rows may be up to a minute old (reports.warm, "as of" on the page); the
    .xlsx reads them now."""
    tf = _monitoring_task_force(request)
    p = _params(request)
    year = p["tahun"]
    data = {"p": p, "year": year, "national": None, "map": None, "district_map": None}
    if tf.level == TaskForce.Level.NATIONAL:
        # every task force below at once (the national figures need them all): one fixed set of
        # queries, then the rows shown are picked here
        every, data["as_of"] = _rows(tf, year, every=True, warm=warm)
        provinces = [r for r in every if r["level"] == TaskForce.Level.PROVINCE]
        data["national"] = monitoring.national_figures(every)
        base = {"tahun": year, "peta": p["peta"]}
        data["map"] = tilemap.tile_map(
            provinces, p["peta"], provinces=True,
            link=lambda r: "?" + urlencode({**base, "provinsi": r["code"]}))
        if p["provinsi"]:
            rows = [r for r in every if r["level"] == TaskForce.Level.DISTRICT
                    and r["province"] == p["provinsi"]]
            data["district_map"] = tilemap.tile_map(rows, p["peta"], provinces=False)
            data["province_name"] = next((r["short_name"] for r in provinces
                                          if r["code"] == p["provinsi"]), "")
        elif p["tingkat"] == "kabupaten":
            rows = [r for r in every if r["level"] == TaskForce.Level.DISTRICT]
        else:
            rows = provinces
    else:
        rows, data["as_of"] = _rows(tf, year, warm=warm)
        data["district_map"] = tilemap.tile_map(rows, p["peta"], provinces=False)
    data["total"] = len(rows)
    rows = monitoring.filter_rows(rows, p["status"])
    data["rows"], data["sorted_by"] = monitoring.sort_rows(rows, p["urut"])
    return data


def _query(p: dict, **changes) -> str:
    merged = {**p, **changes}
    return "?" + urlencode({k: v for k, v in merged.items() if v not in ("", None)})


@require_safe
@vary_on_headers("HX-Request")
def monitoring_page(request, tf_code):
    if request.htmx:  # the "as of" notice's poll
        tf = _monitoring_task_force(request)
        return as_of_poll(request, monitoring_rows_warm(
            tf, _year(request), every=tf.level == TaskForce.Level.NATIONAL)[1])
    data = _page_data(request, warm=True)
    p, current = data["p"], data["sorted_by"]
    data["sort_links"] = {
        key: {"label": str(label),
              "url": _query(p, urut=key if current != key else "-" + key),
              "dir": ("asc" if current == key else "desc" if current == "-" + key else "")}
        for key, (label, _get) in monitoring.SORTS.items()}
    data["status_choices"] = [(k, str(v[0])) for k, v in monitoring.STATUS_FILTERS.items()]
    data["metric_choices"] = [(k, str(v[0])) for k, v in tilemap.METRICS.items()]
    data["years"] = list(range(timezone.localdate().year, 2012, -1))
    data["export_query"] = _query(p)
    return render(request, "reports/monitoring.html", data)


HEADER = ["Kode", "Gugus tugas", "Tingkat", "SK berlaku", "Periode SK", "Status SK",
          "RAD berlaku", "Capaian RAD (%)", "Serapan anggaran (%)", "Rapat terlaksana",
          "Rapat wajib", "Aturan rapat terpenuhi", "Rekomendasi terlambat",
          "Kasus dilaporkan (terverifikasi)", "Kasus menunggu verifikasi", "Terakhir masuk"]


def sheet_rows(rows):
    for r in rows:
        last = r["last_login"]
        yield [r["code"], r["name"], str(TaskForce.Level(r["level"]).label),
               r["sk"]["number"] if r["sk"] else "", r["sk"]["period"] if r["sk"] else "",
               r["sk_label"], r["rad"]["title"] if r["rad"] else "",
               r["rad"]["achievement_pct"] if r["rad"] else None,
               r["rad"]["spent_pct"] if r["rad"] else None,
               r["meetings_held"], r["meetings_required"], _("ya") if r["rule_met"] else _("tidak"),
               r["overdue"], r["cases_reported"], r["awaiting"],
               timezone.localtime(last).strftime("%Y-%m-%d %H:%M") if last else ""]


@require_safe
def monitoring_export(request, tf_code):
    data = _page_data(request)
    content, content_type = spreadsheet(
        Sheet(title=_("Pemantauan"), header=HEADER, rows=sheet_rows(data["rows"]),
              widths=[8, 36, 14, 28, 11, 18, 36, 12, 12, 10, 10, 12, 12, 14, 14, 17]), "xlsx")
    return download(content, content_type,
                    f"pemantauan-{request.task_force.code}-{data['year']}.xlsx")
