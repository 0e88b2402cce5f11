"""The evaluation's per-activity rows built in Python: at 200 activities the template engine
spent most of the page's time resolving ~3,500 variables of this one table (bench/rad_perf.py);
the same HTML built with format_html takes a fraction of it (as gugus_tugas.forms.FastSelect)."""

from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from .numbers import number_id, rupiah


def pct(value) -> str:
    if value is None:
        return "—"
    return f"{value:.1f}".replace(".", ",") + " %"


def activity_rows(ev: dict, year: int) -> str:
    over = _("melebihi")
    parts = []
    for cluster in ev["clusters"]:
        parts.append(format_html('<tr class="cluster"><th colspan="9">{}</th></tr>',
                                 cluster["name"]))
        for row in cluster["activities"]:
            a, c, p = row["activity"], row["years"][year], row["period"]
            parts.append(format_html(
                '<tr><td>{}</td><td>{}<br><small class="muted">{} ({})</small></td>'
                '<td class="n">{}</td><td class="n">{}</td><td class="n">{}</td>'
                '<td class="n">{}</td><td class="n">{}{}</td>'
                '<td><span class="badge badge-{}">{}</span></td>'
                '<td><span class="badge badge-{}">{}</span> {}</td></tr>',
                a.number, a.name, a.indicator, a.unit, number_id(c["target"]),
                number_id(c["achieved"]), pct(c["achievement_pct"]), rupiah(c["planned"]),
                rupiah(c["spent"]),
                format_html(' <span class="flag">{}</span>', over) if c["over_budget"] else "",
                c["status"], c["status_label"], p["status"], p["status_label"],
                pct(p["achievement_pct"])))
    return mark_safe("".join(parts))  # every piece escaped by format_html

