"""Render the annual report: HTML → PDF/A-3b (WeasyPrint) with the .xlsx and JSON attached,
plus the .xlsx and JSON as separate files. The Celery task and `manage.py annual_report` both call
`render_report`, so they produce the same bytes from the same figures."""

import json
from dataclasses import dataclass
from datetime import date
from itertools import zip_longest

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation

from cases.exports import neutralise
from cases.models import Case, Exploitation, Service
from gugus_tugas.selectors import decree_in_force, decree_structure
from gugus_tugas.spreadsheets import Sheet, xlsx_bytes
from meetings.selectors import status_labels

from . import charts
from .selectors import annual_figures

AGE_LABELS = {"0-5": "0–5", "6-12": "6–12", "13-17": "13–17", "18-24": "18–24",
              "25-44": "25–44", "45-59": "45–59", "60+": "60+"}


@dataclass
class Rendered:
    figures: dict
    html: str
    pdf: bytes | None = None
    xlsx: bytes | None = None
    json: bytes | None = None


def figures_json(figures: dict) -> bytes:
    return json.dumps(figures, ensure_ascii=False, indent=2).encode("utf-8")


def figures_xlsx(figures: dict) -> bytes:
    sheets = []

    def sheet(title, header, rows):
        sheets.append(Sheet(title, header, [list(row) for row in rows]))

    v = figures["victims"]
    sheet("Ringkasan", ["indikator", "nilai"], [
        ("gugus tugas", figures["task_force_name"]), ("tahun", figures["year"]),
        ("kasus dilaporkan", figures["cases"]["reported"]),
        ("kasus dilayani", figures["cases"]["served"]),
        ("menunggu verifikasi", figures["cases"]["awaiting_verification"]),
        ("korban", v["total"]), ("anak", v["children"]), ("dewasa", v["adults"]),
        ("perempuan", v["female"]), ("laki-laki", v["male"]),
        ("rapat terlaksana", figures["meetings"]["held"]),
        ("rapat wajib", figures["meetings"]["required"]),
        ("rekomendasi", figures["recommendations"]["total"]),
        ("rekomendasi selesai", figures["recommendations"]["done"]),
        *([("catatan", figures["small_cells"]["note"])] if "small_cells" in figures else []),
    ])
    if figures["meetings"].get("list"):
        sheet("Rapat", ["mulai", "selesai", "rapat", "jenis", "tempat", "kota", "peserta", "hadir",
                        "rekomendasi"],
              [(m["start_date"], m["end_date"], m["title"], m["kind"], m["venue"], m["city"],
                m["participants"], m["present"], m["recommendations"])
               for m in figures["meetings"]["list"]])
    sheet("Kelompok umur", ["kelompok umur", "korban"], v["by_age_group"].items())
    sheet("Eksploitasi", ["bentuk", "korban"], v["by_exploitation"].items())
    sheet("Kewarganegaraan", ["kewarganegaraan", "korban"], v["by_nationality"].items())
    sheet("Tren 5 tahun", ["tahun", "korban"], v["by_year"].items())
    sheet("Layanan", ["layanan", "korban dilayani"], figures["services"].items())
    sheet("Proses hukum", ["tahap", "kasus"], figures["legal"]["by_stage"].items())
    sheet("Asal-tujuan", ["asal", "tujuan", "kasus"],
          [(f["origin"], f["destination"], f["cases"]) for f in figures["flows"]])
    rad = figures["rad"]
    if rad.get("recorded"):
        sheet("Rencana aksi", ["sub gugus tugas", "kegiatan", "capaian %", "anggaran (Rp)",
                               "terserap (Rp)", "serapan %"],
              [(neutralise(c["name"]), c["activities"], c["achievement_pct"], c["budget_planned"],
                c["budget_spent"], c["budget_spent_pct"]) for c in rad["clusters"]]
              + [("jumlah", rad["activities"], rad["achievement_pct"], rad["budget_planned"],
                  rad["budget_spent"], rad["budget_spent_pct"])])
    if figures["below"]:
        rows = figures["below"]
        parts = [(part, list(rows[0][part])) for part in ("by_age_group", "by_exploitation",
                                                          "services")]
        prefix = {"by_age_group": "umur ", "by_exploitation": "eksploitasi ",
                  "services": "layanan "}
        sheet("Wilayah di bawah",
              ["kode", "gugus tugas", "kasus", "dilayani", "korban", "anak", "dewasa",
               "perempuan", "laki-laki"] + [prefix[p] + key for p, keys in parts for key in keys],
              [[r["code"], r["name"], r["cases"], r["served"], r["victims"], r["children"],
                r["adults"], r["female"], r["male"]] + [r[p][key] for p, keys in parts for key in keys]
               for r in rows])
    return xlsx_bytes(sheets)


def annex_rows(row, *, exploitation_labels, service_labels):
    """One task force's annex as one table: four (label, value) columns side by side (one table
    per annex keeps 38 annexes cheap to lay out)."""
    columns = [
        [("Kasus dilaporkan", row["cases"]), ("Kasus dilayani", row["served"]),
         ("Korban", row["victims"]), ("Anak", row["children"]), ("Dewasa", row["adults"]),
         ("Perempuan", row["female"]), ("Laki-laki", row["male"])],
        [(AGE_LABELS[g], n) for g, n in row["by_age_group"].items()],
        [(exploitation_labels[t], n) for t, n in row["by_exploitation"].items()],
        [(service_labels[t], n) for t, n in row["services"].items()],
    ]
    return list(zip_longest(*columns, fillvalue=("", "")))


def report_context(task_force, figures, *, obstacles=""):
    # The SK in force in the report's year: at its end, or today for the year under way.
    on = min(date(int(figures["year"]), 12, 31), timezone.localdate())
    decree = decree_in_force(task_force, on=on)
    v = figures["victims"]
    exploitation_labels = dict(Exploitation.Type.choices)
    service_labels = dict(Service.Type.choices)
    return {
        "tf": task_force, "f": figures, "decree": decree,
        "structure": decree_structure(decree=decree) if decree else None,
        "obstacles": obstacles, "printed_at": timezone.localtime(),
        "has_cases": bool(v["total"] or figures["cases"]["reported"]),
        "chart_age": charts.hbar(v["by_age_group"], title="Korban menurut kelompok umur",
                                 labels=AGE_LABELS, table=False),
        "chart_exploitation": charts.hbar(v["by_exploitation"], title="Korban menurut bentuk eksploitasi",
                                          labels={k: str(x) for k, x in exploitation_labels.items()},
                                          table=False),
        "chart_services": charts.hbar(figures["services"], title="Korban yang menerima layanan",
                                      labels={k: str(x) for k, x in service_labels.items()},
                                      table=False),
        "chart_trend": charts.columns(v["by_year"], title="Korban per tahun (5 tahun terakhir)",
                                      table=False),
        "exploitation_labels": exploitation_labels, "service_labels": service_labels,
        "age_labels": AGE_LABELS, "k": settings.SMALL_CELL_K,
        "annexes": [(r, annex_rows(r, exploitation_labels=exploitation_labels,
                                   service_labels=service_labels)) for r in figures["below"]],
        "legal_labels": {k: str(x) for k, x in Case.LegalStage.choices},
        "follow_up_labels": status_labels(),
    }


def build_html(task_force, figures, *, obstacles="") -> str:
    with translation.override("id"):
        return render_to_string("reports/annual_report.html",
                                report_context(task_force, figures, obstacles=obstacles))


def html_to_pdf(html: str, *, attachments=(), base_url=None) -> bytes:
    from weasyprint import HTML, Attachment

    files = [Attachment(string=data, name=name, description=desc)
             for name, data, desc in attachments]
    return HTML(string=html, base_url=base_url).write_pdf(
        pdf_variant="pdf/a-3b", attachments=files, uncompressed_pdf=False)


def render_report(task_force, year, *, public=False, obstacles="", formats=("pdf", "xlsx", "json"),
                  progress=None) -> Rendered:
    figures = annual_figures(task_force, year, public=public)
    if progress:
        progress(40)
    out = Rendered(figures=figures, html="")
    out.json = figures_json(figures)
    out.xlsx = figures_xlsx(figures) if ("xlsx" in formats or "pdf" in formats) else None
    if "pdf" in formats:
        out.html = build_html(task_force, figures, obstacles=obstacles)
        if progress:
            progress(60)
        stem = f"laporan-tahunan-{task_force.code}-{year}"
        out.pdf = html_to_pdf(out.html, attachments=[
            (f"{stem}.xlsx", out.xlsx, "Tabel laporan (xlsx)"),
            (f"{stem}.json", out.json, "Angka laporan (JSON)"),
        ], base_url=None)
    return out
