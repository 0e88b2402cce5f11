"""The evaluation as .xlsx: the same figures as the page (`plan_evaluation`). Text typed by users
is neutralised so that a spreadsheet never runs it as a formula."""

import io

from cases.exports import neutralise


def _n(value):
    if value is None:
        return None
    return int(value) if value == int(value) else float(value)


def evaluation_xlsx(ev: dict) -> bytes:
    from openpyxl import Workbook

    plan, years = ev["plan"], ev["years"]
    wb = Workbook(write_only=True)

    class Sheet:
        def __init__(self, title):
            self.ws = wb.create_sheet(title)

        def append(self, row):
            self.ws.append([neutralise(v) for v in row])

    ws = Sheet("Kegiatan")
    header = ["sub_gugus_tugas", "kode", "kegiatan", "penanggung_jawab", "indikator", "satuan"]
    for y in years:
        header += [f"target_{y}", f"capaian_{y}", f"capaian_{y}_%", f"anggaran_{y}",
                   f"terserap_{y}", f"serapan_{y}_%", f"status_{y}"]
    header += ["target_periode", "capaian_periode", "capaian_periode_%", "anggaran_periode",
               "terserap_periode", "serapan_periode_%", "status_periode"]
    ws.append(header)

    def cells(c):
        return [_n(c["target"]), _n(c["achieved"]), c["achievement_pct"], _n(c["planned"]),
                _n(c["spent"]), c["spent_pct"], str(c["status_label"])]

    for row in ev["activities"]:
        a = row["activity"]
        line = [a.cluster, a.number, a.name, a.responsible_agency, a.indicator, a.unit]
        for y in years:
            line += cells(row["years"][y])
        ws.append(line + cells(row["period"]))
    ws = Sheet("Sub gugus tugas")
    header = ["sub_gugus_tugas"]
    for y in years:
        header += [f"capaian_{y}_%", f"anggaran_{y}", f"terserap_{y}", f"serapan_{y}_%"]
    ws.append(header + ["capaian_periode_%", "anggaran_periode", "terserap_periode",
                        "serapan_periode_%"])

    def agg(a):
        return [a["achievement_pct"], _n(a["planned"]), _n(a["spent"]), a["spent_pct"]]

    for c in ev["clusters"] + [{"name": "TOTAL", **ev["total"]}]:
        line = [c["name"]]
        for y in years:
            line += agg(c["years"][y])
        ws.append(line + agg(c["period"]))
    ws = Sheet("Keterangan")
    ws.append(["rencana aksi", plan.title])
    ws.append(["periode", plan.period_label])
    ws.append(["ambang sesuai target (%)", ev["on_track_pct"]])
    ws.append(["dihitung pada", ev["today"].isoformat()])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
