"""The tile-grid map of the monitoring page: the 38 provinces on a hand-made grid (one square
each, placed roughly where the province lies: Aceh top left, the Papua provinces right), or a
province's districts in a simple grid by code. Drawn on the server as SVG from the monitoring
rows, coloured by one column; no outside map data. Every tile has a <title> and every figure is
also in the table."""

from django.utils.translation import gettext_lazy as _

# province code: (column, row, short label)
PROVINCE_TILES = {
    "11": (0, 0, "ACEH"), "12": (1, 1, "SUMUT"), "13": (1, 2, "SUMBAR"), "14": (2, 1, "RIAU"),
    "15": (2, 2, "JAMBI"), "16": (2, 3, "SUMSEL"), "17": (1, 3, "BKL"), "18": (3, 3, "LPG"),
    "19": (4, 2, "BABEL"), "21": (4, 0, "KEPRI"), "31": (4, 4, "DKI"), "32": (5, 4, "JABAR"),
    "33": (6, 4, "JATENG"), "34": (6, 5, "DIY"), "35": (7, 4, "JATIM"), "36": (3, 4, "BANTEN"),
    "51": (8, 4, "BALI"), "52": (9, 4, "NTB"), "53": (10, 4, "NTT"), "61": (6, 1, "KALBAR"),
    "62": (6, 2, "KALTENG"), "63": (7, 2, "KALSEL"), "64": (7, 1, "KALTIM"),
    "65": (7, 0, "KALTARA"), "71": (10, 0, "SULUT"), "72": (9, 1, "SULTENG"),
    "73": (9, 2, "SULSEL"), "74": (10, 2, "SULTRA"), "75": (9, 0, "GTLO"), "76": (8, 2, "SULBAR"),
    "81": (11, 2, "MALUKU"), "82": (12, 0, "MALUT"), "91": (14, 1, "PAPUA"),
    "92": (13, 1, "PABAR"), "93": (14, 3, "PAPSEL"), "94": (13, 2, "PAPTENG"),
    "95": (14, 2, "PAPEG"), "96": (12, 1, "PBD"),
}
TILE, GAP = 56, 4
DISTRICT_COLUMNS = 8

# colour-blind-safe ramp (worst → best) and grey for "no figure"
BAD, LOW, MID, GOOD, NONE = "#d7301f", "#fc8d59", "#fdcc8a", "#4a9c5d", "#c8c8c8"


def _pct_class(value):
    if value is None:
        return NONE, _("tidak ada")
    if value >= 80:
        return GOOD, _("≥ 80 %")
    if value >= 50:
        return MID, _("50–79 %")
    return BAD, _("< 50 %")


def _count_class(value, steps, labels):
    for limit, colour, label in zip(steps, (GOOD, MID, LOW), labels, strict=False):
        if value <= limit:
            return colour, label
    return BAD, labels[-1]


METRICS = {
    "sk": (_("SK"), lambda r: {"in_force": (GOOD, _("SK berlaku")),
                               "expiring": (MID, _("SK berakhir ≤ 90 hari")),
                               "none": (BAD, _("tidak ada SK"))}[r["sk_status"]]),
    "rad": (_("RAD"), lambda r: (GOOD, _("RAD berlaku")) if r["rad"]
            else (BAD, _("tidak ada RAD"))),
    "rapat": (_("Rapat"), lambda r: (GOOD, _("aturan rapat terpenuhi")) if r["rule_met"]
              else (BAD, _("rapat kurang"))),
    "capaian": (_("Capaian RAD"), lambda r: _pct_class(r["rad"]["achievement_pct"]
                                                       if r["rad"] else None)),
    "serapan": (_("Serapan anggaran"), lambda r: _pct_class(r["rad"]["spent_pct"]
                                                            if r["rad"] else None)),
    "terlambat": (_("Rekomendasi terlambat"), lambda r: _count_class(
        r["overdue"], (0, 2), (_("tidak ada"), _("1–2"), _("3 atau lebih")))),
    "kasus": (_("Kasus"), lambda r: _count_class(
        r["cases_reported"], (0, 9, 49), (_("0"), _("1–9"), _("10–49"), _("50 atau lebih")))),
}


def _figure(r, metric) -> str:
    if metric in ("capaian", "serapan"):
        key = "achievement_pct" if metric == "capaian" else "spent_pct"
        value = r["rad"][key] if r["rad"] else None
        return "—" if value is None else f"{value:.1f} %".replace(".", ",")
    if metric == "terlambat":
        return str(r["overdue"])
    if metric == "kasus":
        return str(r["cases_reported"])
    if metric == "rapat":
        return f"{r['meetings_held']}/{r['meetings_required']}"
    return str(METRICS[metric][1](r)[1])


def tile_map(rows: list[dict], metric: str, *, provinces: bool, link=None) -> dict:
    """The tiles (position, colour, label, title) and the legend, for the template to draw.
    `provinces`: the 38-province grid; otherwise a grid of the rows in code order. `link(row)`
    gives a tile's href (or None)."""
    metric = metric if metric in METRICS else "sk"
    classify = METRICS[metric][1]
    tiles, legend = [], {}
    for i, r in enumerate(sorted(rows, key=lambda r: r["code"])):
        if provinces:
            if r["code"] not in PROVINCE_TILES:
                continue
            col, row, short = PROVINCE_TILES[r["code"]]
        else:
            col, row = i % DISTRICT_COLUMNS, i // DISTRICT_COLUMNS
            short = r["code"].split(".")[-1]
        colour, label = classify(r)
        legend.setdefault(colour, str(label))
        tiles.append({"x": col * (TILE + GAP), "y": row * (TILE + GAP), "size": TILE,
                      "fill": colour, "short": short, "code": r["code"],
                      "dark": colour in (BAD, GOOD),
                      "title": f"{r['name']}: {label} ({_figure(r, metric)})",
                      "href": link(r) if link else None})
    cols = max((t["x"] for t in tiles), default=0) + TILE
    height = max((t["y"] for t in tiles), default=0) + TILE
    order = [BAD, LOW, MID, GOOD, NONE]
    return {"tiles": tiles, "width": cols, "height": height, "metric": metric,
            "metric_label": str(METRICS[metric][0]),
            "legend": [(c, legend[c]) for c in order if c in legend]}
