"""Export of the cases a person may see, as .xlsx or .csv (django-import-export resources).

Identities (name, NIK, contact) only for roles that may see them. Any cell that starts with
=, +, - or @ is neutralised with a leading apostrophe so a spreadsheet never runs it.
"""

import csv
import io

from .countries import country_name

EXPORT_FORMATS = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
}
DANGEROUS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    if isinstance(value, str) and value.startswith(DANGEROUS):
        return "'" + value
    return value


def _rows(qs, identities: bool):
    # column codes, not prose: the same in every language, and the import's where they overlap
    header = ["no_kasus", "tanggal_lapor", "tanggal_kejadian", "status", "kode_wilayah_kejadian",
              "negara_kejadian", "bentuk_eksploitasi", "inisial_korban", "jenis_kelamin", "usia",
              "anak"]
    if identities:
        header += ["nama_korban", "nik_korban", "kontak"]
    header += ["layanan_diberikan"]
    yield header
    from django.db.models import Prefetch

    from .models import Victim

    qs = qs.prefetch_related(None).prefetch_related(
        Prefetch("victims", queryset=Victim.objects.filter(deleted_at__isnull=True)),
        "exploitations", "services")
    for case in qs.iterator(chunk_size=500):
        victims = list(case.victims.all())
        given = {}
        for s in case.services.all():
            if s.status == "given":
                given.setdefault(s.victim_id, []).append(s.type)
        for v in victims or [None]:
            row = [case.register_number, case.report_date.isoformat(),
                   case.incident_date.isoformat() if case.incident_date else "",
                   case.status, case.incident_region_id or "",
                   country_name(case.incident_country) if case.incident_country else "",
                   ";".join(e.type for e in case.exploitations.all())]
            if v is None:
                row += ["", "", "", ""] + (["", "", ""] if identities else []) + [""]
            else:
                row += [v.initials, v.sex, v.age_at_incident if v.age_at_incident is not None
                        else "", "" if v.is_child is None else ("ya" if v.is_child else "tidak")]
                if identities:
                    row += [v.name, v.nik, v.contact]
                row += [";".join(given.get(v.pk, []))]
            yield [neutralise(c) for c in row]


def export_cases(qs, *, fmt: str, identities: bool) -> tuple[bytes, str]:
    rows = _rows(qs, identities)
    if fmt == "csv":
        out = io.StringIO()
        csv.writer(out).writerows(rows)
        return ("\ufeff" + out.getvalue()).encode("utf-8"), EXPORT_FORMATS["csv"]
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("kasus")
    for row in rows:
        ws.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue(), EXPORT_FORMATS["xlsx"]
