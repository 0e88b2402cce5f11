"""Monitoring the task forces below (issue 15): for a province its districts, for the nation every
province (and every district on demand), one row each with the SK in force, the RAD in force and
its figures, meetings held against the rule, recommendations overdue, cases reported and awaiting
verification in the year, and the last time anyone of that task force signed in.

Counts and dates only, never identities. Each part comes from the selector its own page uses
(rad.selectors.plans_of_task_forces, meetings.selectors.compliance_rows/overdue_counts); the
rest is read here, grouped by task force: a fixed number of queries however many rows.
"""

from datetime import date, datetime, timedelta

from django.db.models import Count, Max, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.models import Case, CaseAccess
from gugus_tugas import routers
from gugus_tugas.models import Decree, Membership, TaskForce
from gugus_tugas.scoping import rls_bypass
from gugus_tugas.selectors import EXPIRY_WARNING_DAYS
from meetings.selectors import compliance_rows, overdue_counts
from rad.selectors import plans_of_task_forces

SK_IN_FORCE, SK_EXPIRING, SK_NONE = "in_force", "expiring", "none"
SK_LABELS = {SK_IN_FORCE: _("berlaku"), SK_EXPIRING: _("berakhir ≤ 90 hari"),
             SK_NONE: _("tidak ada SK")}
OFFICIAL = (Case.Status.VERIFIED, Case.Status.CLOSED)

# ?status= filters: the label, and which rows they keep
STATUS_FILTERS = {
    "tanpa-sk": (_("tanpa SK berlaku"), lambda r: r["sk_status"] == SK_NONE),
    "sk-berakhir": (_("SK berakhir ≤ 90 hari"), lambda r: r["sk_status"] == SK_EXPIRING),
    "tanpa-rad": (_("tanpa RAD berlaku"), lambda r: not r["rad"]),
    "rapat-kurang": (_("rapat belum memenuhi aturan"), lambda r: not r["rule_met"]),
    "rekomendasi-terlambat": (_("ada rekomendasi terlambat"), lambda r: r["overdue"] > 0),
    "menunggu-verifikasi": (_("ada kasus menunggu verifikasi"), lambda r: r["awaiting"] > 0),
    "belum-masuk": (_("tidak ada yang masuk 90 hari terakhir"),
                    lambda r: r["inactive"]),
}


def _sk_rank(r):
    return {SK_NONE: 0, SK_EXPIRING: 1, SK_IN_FORCE: 2}[r["sk_status"]]


# ?urut= keys: the column header and the sort key (None sorts last whatever the direction)
SORTS = {
    "kode": (_("Kode"), lambda r: r["code"]),
    "nama": (_("Gugus tugas"), lambda r: r["name"].casefold()),
    "sk": (_("SK"), _sk_rank),
    "rad": (_("RAD"), lambda r: 1 if r["rad"] else 0),
    "capaian": (_("Capaian"), lambda r: r["rad"]["achievement_pct"] if r["rad"] else None),
    "serapan": (_("Serapan"), lambda r: r["rad"]["spent_pct"] if r["rad"] else None),
    "rapat": (_("Rapat"), lambda r: r["meetings_held"] - r["meetings_required"]),
    "terlambat": (_("Rekomendasi terlambat"), lambda r: r["overdue"]),
    "kasus": (_("Kasus"), lambda r: r["cases_reported"]),
    "menunggu": (_("Menunggu verifikasi"), lambda r: r["awaiting"]),
    "masuk": (_("Terakhir masuk"), lambda r: r["last_login"]),
}
INACTIVE_DAYS = 90


def _decrees(ids, year, today):
    """The SK in force for each task force: this year, the one whose status is in force (its
    period not over); a past year, the one whose period covered it and that had been signed by
    then (replaced later or not)."""
    qs = Decree.objects.filter(task_force__in=ids, period_start__lte=year, period_end__gte=year)
    if year >= today.year:
        qs = qs.filter(status=Decree.Status.IN_FORCE)
    else:
        qs = qs.filter(status__in=[Decree.Status.IN_FORCE, Decree.Status.REPLACED],
                       date_signed__lte=date(year, 12, 31))
    out = {}
    for d in qs.order_by("date_signed", "id").values("task_force_id", "number", "period_start",
                                                     "period_end"):
        out[d["task_force_id"]] = d  # the latest signed wins
    return out


def _task_forces(task_force: TaskForce, *, districts: bool, province: str | None):
    qs = TaskForce.objects.select_related("parent").order_by("code")
    if task_force.level == TaskForce.Level.PROVINCE:
        return qs.filter(parent=task_force)
    if province:
        return qs.filter(parent__code=province, parent__parent=task_force)
    if districts:
        return qs.filter(level=TaskForce.Level.DISTRICT)
    return qs.filter(parent=task_force)


def monitoring_rows(task_force: TaskForce, year: int, *, districts: bool = False,
                    province: str | None = None, every: bool = False,
                    today: date | None = None) -> list[dict]:
    """One row per task force below `task_force` (a province: its districts; the nation: its
    provinces, every district with `districts`, or the districts of `province`; `every`: all
    task forces below, provinces and districts). Nine queries whatever their number.

    Read on the read replica when one is configured and has replayed all the primary had
    written when asked (gugus_tugas.routers), else on the primary."""
    return routers.on_replica(
        lambda: _monitoring_rows(task_force, year, districts=districts, province=province,
                                 every=every, today=today),
        what=f"monitoring {task_force.code} {year}")


@rls_bypass(reason="roll-up of the task forces below: every read names them; counts and dates only")
def _monitoring_rows(task_force: TaskForce, year: int, *, districts: bool, province: str | None,
                     every: bool, today: date | None) -> list[dict]:
    today = today or timezone.localdate()
    if task_force.level == TaskForce.Level.DISTRICT:
        return []
    if every and task_force.level == TaskForce.Level.NATIONAL:
        forces = list(TaskForce.objects.exclude(pk=task_force.pk).select_related("parent")
                      .order_by("code"))
    else:
        forces = list(_task_forces(task_force, districts=districts, province=province))
    ids = [t.pk for t in forces]
    if not ids:
        return []
    decrees = _decrees(ids, year, today)
    plans = plans_of_task_forces(ids, year=year, today=today, reporting=False)
    meetings = {r["code"]: r for r in compliance_rows(forces, year=year, today=today)}
    overdue = overdue_counts(ids, today=min(today, date(year, 12, 31)))
    span = (date(year, 1, 1), date(year, 12, 31))
    cases = {r["task_force_id"]: r for r in (
        CaseAccess.objects.filter(task_force__in=ids, report_date__range=span,
                                  case_deleted=False)
        .values("task_force_id")
        .annotate(reported=Count("id", filter=Q(status__in=OFFICIAL)),
                  awaiting=Count("id", filter=Q(status=Case.Status.SUBMITTED)))
        .order_by())}
    logins = dict(Membership.objects.filter(task_force__in=ids, is_active=True)
                  .values("task_force_id").annotate(last=Max("user__last_login"))
                  .values_list("task_force_id", "last").order_by())
    since = timezone.now() - timedelta(days=INACTIVE_DAYS)
    rows = []
    for t in forces:
        d = decrees.get(t.pk)
        if d is None:
            sk_status, days_left = SK_NONE, None
        else:
            days_left = (date(d["period_end"], 12, 31) - today).days
            sk_status = SK_EXPIRING if 0 <= days_left <= EXPIRY_WARNING_DAYS else SK_IN_FORCE
        p = plans.get(t.pk)
        m = meetings[t.code]
        c = cases.get(t.pk, {})
        last = logins.get(t.pk)
        rows.append({
            "code": t.code, "name": t.name, "level": t.level,
            "short_name": t.name.removeprefix("GT PP-TPPO ").removeprefix("Provinsi "),
            "province": t.parent.code if t.level == TaskForce.Level.DISTRICT else t.code,
            "sk": ({"number": d["number"], "period": f"{d['period_start']}–{d['period_end']}",
                    "days_left": days_left} if d else None),
            "sk_status": sk_status, "sk_label": str(SK_LABELS[sk_status]),
            "rad": ({"title": p["plan"].title, "period": p["plan"].period_label,
                     "activities": p["activities"], "achievement_pct": p["achievement_pct"],
                     "spent_pct": p["spent_pct"]} if p else None),
            "meetings_held": m["held"], "meetings_required": m["required"],
            "rule_met": m["met"],
            "overdue": overdue.get(t.pk, 0),
            "cases_reported": c.get("reported", 0), "awaiting": c.get("awaiting", 0),
            "last_login": last, "inactive": last is None or last < since,
        })
    return rows


def filter_rows(rows: list[dict], status: str | None) -> list[dict]:
    if status in STATUS_FILTERS:
        keep = STATUS_FILTERS[status][1]
        return [r for r in rows if keep(r)]
    return rows


def sort_rows(rows: list[dict], key: str | None) -> tuple[list[dict], str]:
    """Sorted by `?urut=` (a SORTS key, `-` in front for descending); empty values last."""
    key = key or "kode"
    desc = key.startswith("-")
    name = key.lstrip("-")
    if name not in SORTS:
        name, desc = "kode", False
    get = SORTS[name][1]
    present = [r for r in rows if get(r) is not None]
    missing = [r for r in rows if get(r) is None]
    present.sort(key=lambda r: (get(r), r["code"]), reverse=desc)
    return present + missing, ("-" if desc else "") + name


def national_figures(rows: list[dict]) -> dict:
    """Seed 004's figures: how many provinces and districts have a task force with an SK in
    force, a RAD in force, and met their meeting rule (from the rows of every task force)."""
    out = {}
    for level in (TaskForce.Level.PROVINCE, TaskForce.Level.DISTRICT):
        group = [r for r in rows if r["level"] == level]
        out[level] = {"total": len(group),
                      "sk": sum(1 for r in group if r["sk_status"] != SK_NONE),
                      "rad": sum(1 for r in group if r["rad"]),
                      "rule_met": sum(1 for r in group if r["rule_met"])}
    return out


def annex_rows(rows: list[dict]) -> list[dict]:
    """The rows as plain values for the annual figures (JSON, cache-free): dates as text."""
    out = []
    for r in rows:
        r = dict(r)
        last = r.pop("last_login")
        r["last_login"] = timezone.localtime(last).date().isoformat() if isinstance(
            last, datetime) else None
        out.append(r)
    return out
