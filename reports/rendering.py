"""Render the annual report: HTML → PDF/A-3b (WeasyPrint) with the .xlsx and JSON attached,
plus the .xlsx and JSON as separate files. The Celery task and `manage.py annual_report` both call
`render_report`, so they produce the same bytes from the same figures."""

import hashlib
import json
import re
from dataclasses import dataclass
from datetime import date
from itertools import zip_longest

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation

from cases.exports import neutralise
from cases.models import AGE_GROUPS, Case, Exploitation, Service
from gugus_tugas.models import DecreeMember
from gugus_tugas.selectors import decree_in_force, decree_structure
from gugus_tugas.spreadsheets import Sheet, xlsx_bytes
from meetings.selectors import status_labels

from . import charts
from .models import ReportSettings, YearFinalisation
from .selectors import annual_figures, legal_basis_for

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
    sheet("Asal-tujuan", ["asal", "transit", "tujuan", "kasus"],
          [(f["origin"], f.get("transit", ""), f["destination"], f["cases"])
           for f in figures["flows"]])
    if "previous" in figures:
        p = figures["previous"]
        sheet("Dibanding tahun lalu", ["indikator", str(p["year"]), str(figures["year"])], [
            ("kasus dilaporkan", p["reported"], figures["cases"]["reported"]),
            ("kasus dilayani", p["served"], figures["cases"]["served"]),
            ("korban", p["victims"], v["total"]), ("korban anak", p["children"], v["children"]),
            ("korban perempuan", p["female"], v["female"])])
    if "perpetrators" in figures:
        per = figures["perpetrators"]
        sheet("Pelaku", ["jenis", *per["by_stage"]["individual"], "jumlah"],
              [("perseorangan", *per["by_stage"]["individual"].values(), per["individual"]),
               ("korporasi", *per["by_stage"]["corporation"].values(), per["corporation"])])
    if "restitution" in figures:
        r = figures["restitution"]
        sheet("Restitusi", ["restitusi", "kasus", "jumlah (Rp)"],
              [("dimohonkan", r["requested_cases"], r["requested_rp"]),
               ("dikabulkan", r["ordered_cases"], r["ordered_rp"]),
               ("dibayar", r["paid_cases"], r["paid_rp"])])
    if "referrals" in figures:
        sheet("Rujukan", ["rujukan", "jumlah"], [
            ("dikirim", figures["referrals"]["sent"]), ("diterima", figures["referrals"]["received"]),
            ("disetujui", figures["referrals"]["accepted"]),
            ("ditolak", figures["referrals"]["declined"])])
    if figures.get("services_by_age"):
        sheet("Layanan per umur", ["layanan", *AGE_GROUPS],
              [(t, *ages.values()) for t, ages in figures["services_by_age"].items()])
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


# "1. ", "1) ", "a. ", "- ", "• " at the start of a typed item
_ITEM_MARK = re.compile(r"^\s*(?:\(?\d{1,3}[.)]|[a-zA-Z][.)]|[-•*–])\s+")
# "... 2. next item" inside one typed line: a number after a sentence, before a capital letter
_INLINE_NUMBER = re.compile(r"(?<=[.;:,!?])\s+(?=\(?\d{1,3}[.)]\s+\S)")


def numbered_items(text: str) -> list[str]:
    """The items of a numbered list typed as text: one per line, or several on one line
    ("1. a. 2. b."); their typed numbers dropped, as the report numbers them itself."""
    items = []
    for line in (text or "").splitlines():
        parts = _INLINE_NUMBER.split(line) if _ITEM_MARK.match(line) else [line]
        for part in parts:
            part = _ITEM_MARK.sub("", part, count=1).strip()
            if part:
                items.append(part)
    return items


def paragraphs(text: str) -> list[str]:
    return [p.strip() for p in re.split(r"\n\s*\n", text or "") if p.strip()]


def _signer(task_force, texts, structure):
    """Who signs: as the settings say, else the Ketua Harian (or the Ketua) named in the SK."""
    member = None
    if structure:
        for role in (DecreeMember.Role.DAILY_CHAIR, DecreeMember.Role.CHAIR):
            member = next((m for m in structure.leaders if m.role == role), None)
            if member:
                break
    return {
        "position": (texts.signer_position if texts and texts.signer_position else
                     f"{member.get_role_display() if member else 'Ketua Harian'} {task_force.name}"),
        "name": (texts.signer_name if texts and texts.signer_name else
                 (member.person_name if member else "")),
        "nip": texts.signer_nip if texts else "",
        "place": texts.place if texts else "",
    }


def data_sha256(figures: dict) -> str:
    """The SHA-256 of the JSON data embedded in the PDF (the exact bytes attached)."""
    return hashlib.sha256(figures_json(figures)).hexdigest()


def report_context(task_force, figures, *, obstacles="", final=None):
    year = int(figures["year"])
    today = timezone.localdate()
    decree = decree_in_force(task_force, on=min(date(year, 12, 31), today))
    structure = decree_structure(decree=decree) if decree else None
    texts = ReportSettings.objects.filter(task_force=task_force, year=year).first()
    v = figures["victims"]
    exploitation_labels = dict(Exploitation.Type.choices)
    service_labels = dict(Service.Type.choices)
    prev = figures.get("previous")
    comparison = []
    if prev:
        for label, now, before in (
                ("Kasus dilaporkan", figures["cases"]["reported"], prev["reported"]),
                ("Kasus dilayani", figures["cases"]["served"], prev["served"]),
                ("Korban", v["total"], prev["victims"]),
                ("Korban anak", v["children"], prev["children"]),
                ("Korban perempuan", v["female"], prev["female"])):
            change = pct = None
            if isinstance(now, int) and isinstance(before, int):
                change = now - before
                pct = round(change / before * 100, 1) if before else None
            comparison.append({"label": label, "now": now, "before": before, "change": change,
                               "pct": pct})
    obstacles_text = texts.obstacles if texts and texts.obstacles else obstacles
    signed_on = final.finalised_at if final else timezone.localtime()
    return {
        "tf": task_force, "f": figures, "decree": decree, "structure": structure,
        "texts": texts, "draft": final is None, "final": final,
        "data_sha256": data_sha256(figures),
        "document_number": (final.document_number if final else
                            (texts.document_number if texts else "")),
        "foreword": paragraphs(texts.foreword if texts else ""),
        "closing": paragraphs(texts.closing if texts else ""),
        "obstacles": numbered_items(obstacles_text),
        "recommendations": numbered_items(texts.recommendations if texts else ""),
        "copies_to": numbered_items(texts.copies_to if texts else ""),
        "signer": _signer(task_force, texts, structure), "signed_on": signed_on,
        "legal_basis": legal_basis_for(year),
        "comparison": comparison,
        "printed_at": timezone.localtime(),
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


def build_html(task_force, figures, *, obstacles="", final=None) -> str:
    with translation.override("id"):
        return render_to_string("reports/annual_report.html",
                                report_context(task_force, figures, obstacles=obstacles,
                                               final=final))


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
        out.pdf = _pdf(task_force, figures, out)
    return out


def _pdf(task_force, figures, out: Rendered) -> bytes:
    stem = f"laporan-tahunan-{task_force.code}-{figures['year']}"
    return html_to_pdf(out.html, attachments=[
        (f"{stem}.xlsx", out.xlsx, "Tabel laporan (xlsx)"),
        (f"{stem}.json", out.json, "Angka laporan (JSON)"),
    ], base_url=None)


def render_final(task_force, figures: dict, *, final: YearFinalisation, public=False):
    """The issued PDF of a finalised year, from the figures frozen with it (not recomputed):
    no draft mark, its number, the edition it replaces, and the SHA-256 of its embedded data.
    Returns (pdf bytes, SHA-256 of the embedded JSON)."""
    out = Rendered(figures=figures, html="")
    out.json = figures_json(figures)
    out.xlsx = figures_xlsx(figures)
    out.html = build_html(task_force, figures, final=final)
    return _pdf(task_force, figures, out), hashlib.sha256(out.json).hexdigest()
