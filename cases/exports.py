"""Export of the cases a person may see, as .xlsx or .csv (through `gugus_tugas.spreadsheets`).

De-identified by default: register numbers, initials, sex, age, labels. Names, NIK and contacts
only in the separate export with identities (identity roles, a purpose typed each time), which
reads them through `cases.identity` and so logs one IdentityView row per victim exported.
Formulas are neutralised by the writer.
"""

from django.db.models import Prefetch

from gugus_tugas.spreadsheets import FORMATS, Sheet, label, neutralise, spreadsheet

from .countries import country_name
from .models import Case, Exploitation, Service, Victim

EXPORT_FORMATS = FORMATS
__all__ = ["EXPORT_FORMATS", "export_cases", "neutralise"]

# column codes, not prose: the same in every language, and the import's where they overlap
HEADER = ["no_kasus", "tanggal_lapor", "tanggal_kejadian", "status", "kode_wilayah_kejadian",
          "negara_kejadian", "bentuk_eksploitasi", "inisial_korban", "jenis_kelamin", "usia",
          "anak"]
IDENTITY_HEADER = ["nama_korban", "nik_korban", "kontak"]
WIDTHS = [18, 13, 16, 22, 22, 18, 40, 14, 14, 6, 6]
IDENTITY_WIDTHS = [30, 18, 30]


def _rows(qs, identities: bool):
    qs = qs.prefetch_related(None).prefetch_related(
        Prefetch("victims", queryset=Victim.objects.filter(deleted_at__isnull=True)),
        "exploitations", "services")
    for case in qs.iterator(chunk_size=500):
        victims = list(case.victims.all())
        given = {}
        for s in case.services.all():
            if s.status == Service.Status.GIVEN:
                given.setdefault(s.victim_id, []).append(label(Service.Type, s.type))
        for v in victims or [None]:
            row = [case.register_number, case.report_date.isoformat(),
                   case.incident_date.isoformat() if case.incident_date else "",
                   label(Case.Status, case.status), case.incident_region_id or "",
                   country_name(case.incident_country) if case.incident_country else "",
                   "; ".join(label(Exploitation.Type, e.type) for e in case.exploitations.all())]
            if v is None:
                row += ["", "", "", ""] + (["", "", ""] if identities else []) + [""]
            else:
                row += [v.initials, label(Victim.Sex, v.sex),
                        v.age_at_incident if v.age_at_incident is not None else "",
                        "" if v.is_child is None else ("ya" if v.is_child else "tidak")]
                if identities:  # read through the open identity door: logged per victim
                    row += [v.name, v.nik, v.contact]
                row += ["; ".join(given.get(v.pk, []))]
            yield row


def export_cases(qs, *, fmt: str, identities: bool = False) -> tuple[bytes, str]:
    """The cases of `qs` as one sheet. With `identities`, call inside `identity_access`."""
    header = HEADER + (IDENTITY_HEADER if identities else []) + ["layanan_diberikan"]
    widths = WIDTHS + (IDENTITY_WIDTHS if identities else []) + [40]
    return spreadsheet(Sheet("kasus", header, _rows(qs, identities), widths), fmt)
