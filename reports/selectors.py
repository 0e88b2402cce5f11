"""Every figure of a task force and a year, from one place: the dashboard, the .xlsx, the JSON,
the PDF and the API all read `annual_figures`, so they always agree.

A task force's figures include every task force below it (a province its districts, the nation
everything); each victim is counted once even when a case was referred between task forces; only
official (verified) cases count. Counts only: no identity ever leaves this module.
"""

from collections import OrderedDict

from django.conf import settings
from django.db.models import Count, Q
from django.utils import timezone

from cases.countries import country_name
from cases.models import AGE_GROUPS, Case, Exploitation, RoutePoint, Service, Victim
from gugus_tugas.models import TaskForce
from gugus_tugas.scoping import task_force_scope

from .smallcells import suppress, suppress_counts

TREND_YEARS = 5


def scope_ids(task_force: TaskForce) -> list[int]:
    return list(task_force.descendants().values_list("pk", flat=True))


def _victims(year):
    return Victim.objects.filter(deleted_at__isnull=True, case__is_official=True,
                                 case__report_date__year=year)


def _count_by(qs, field):
    return {row[field]: row["n"] for row in
            qs.values(field).annotate(n=Count("id", distinct=True)).order_by()}


def annual_figures(task_force: TaskForce, year: int, *, public: bool = False) -> dict:
    """The figures of `task_force` (and those below it) for `year`.

    `public`: the variant for publication, with the small-cell rule on every breakdown.
    """
    k = settings.SMALL_CELL_K
    ids = scope_ids(task_force)
    with task_force_scope(ids):
        cases = Case.objects.filter(is_official=True, report_date__year=year,
                                    deleted_at__isnull=True)
        reported = cases.values("id").distinct().count()
        served = cases.filter(services__status=Service.Status.GIVEN).values("id").distinct().count()
        awaiting = Case.objects.filter(status=Case.Status.SUBMITTED,
                                       deleted_at__isnull=True).values("id").distinct().count()
        victims = _victims(year)
        totals = victims.aggregate(
            total=Count("id", distinct=True),
            children=Count("id", filter=Q(is_child=True), distinct=True),
            adults=Count("id", filter=Q(is_child=False), distinct=True),
            female=Count("id", filter=Q(sex="P"), distinct=True),
            male=Count("id", filter=Q(sex="L"), distinct=True),
        )
        by_age = _count_by(victims, "age_group")
        by_exploitation = {
            row["case__exploitations__type"]: row["n"]
            for row in victims.filter(case__exploitations__isnull=False)
            .values("case__exploitations__type").annotate(n=Count("id", distinct=True)).order_by()
        }
        by_nationality = _count_by(victims, "nationality")
        by_year = {}
        trend = (Victim.objects.filter(deleted_at__isnull=True, case__is_official=True,
                                       case__year__gt=year - TREND_YEARS, case__year__lte=year)
                 .values("case__year").annotate(n=Count("id", distinct=True)).order_by())
        counts = {row["case__year"]: row["n"] for row in trend}
        for y in range(year - TREND_YEARS + 1, year + 1):
            by_year[str(y)] = counts.get(y, 0)
        services = {
            row["type"]: row["n"] for row in Service.objects.filter(
                status=Service.Status.GIVEN, case__is_official=True,
                case__report_date__year=year, victim__deleted_at__isnull=True)
            .values("type").annotate(n=Count("victim", distinct=True)).order_by()
        }
        legal = _count_by(cases, "legal_stage")
        verdicts = _count_by(cases.exclude(verdict=""), "verdict")
        flows = _flows(year)
    figures = OrderedDict(
        task_force=task_force.code,
        task_force_name=task_force.name,
        level=task_force.level,
        year=year,
        public=public,
        generated_at=timezone.now().isoformat(timespec="seconds"),
        cases=OrderedDict(reported=reported, served=served, awaiting_verification=awaiting),
        victims=OrderedDict(
            total=totals["total"], children=totals["children"], adults=totals["adults"],
            female=totals["female"], male=totals["male"],
            by_age_group={g: by_age.get(g, 0) for g in AGE_GROUPS},
            by_exploitation={t: by_exploitation.get(t, 0) for t in Exploitation.Type.values},
            by_nationality={("WNI" if n == "WNI" else country_name(n)): c
                            for n, c in sorted(by_nationality.items(), key=lambda kv: -kv[1])},
            by_year=by_year,
        ),
        services={t: services.get(t, 0) for t in Service.Type.values},
        legal=OrderedDict(by_stage={s: legal.get(s, 0) for s in Case.LegalStage.values},
                          convicted=verdicts.get("convicted", 0),
                          acquitted=verdicts.get("acquitted", 0)),
        flows=flows,
        # Meetings, recommendations and the RAD come with their own issues: the keys are here so
        # the page, the PDF and the API keep their shape; "recorded": false says nothing is yet.
        meetings=OrderedDict(held=0, required=task_force.meetings_required_per_year,
                             recorded=False),
        recommendations=OrderedDict(total=0, done=0, recorded=False),
        rad=OrderedDict(activities=0, achievement_pct=None, budget_spent_pct=None,
                        recorded=False),
        below=_below(task_force, year) if task_force.level != "district" else [],
    )
    if public:
        _apply_small_cells(figures, k)
    if figures["below"]:
        figures["below"] = _suppress_below(figures["below"], k)
    return figures


def _flows(year, limit=15):
    """Origin province → destination (province or country), victims counted once per flow."""
    origins = RoutePoint.objects.filter(kind="origin", case__is_official=True,
                                        case__report_date__year=year)
    pairs = {}
    dest_rows = RoutePoint.objects.filter(kind="destination", case__is_official=True,
                                          case__report_date__year=year).values(
        "case_id", "country", "region__parent__name", "region__name", "region__level")
    dest = {}
    for row in dest_rows:
        if row["country"]:
            dest[row["case_id"]] = country_name(row["country"])
        else:
            dest[row["case_id"]] = row["region__parent__name"] or row["region__name"]
    for row in origins.values("case_id", "region__parent__name", "region__name"):
        origin = row["region__parent__name"] or row["region__name"]
        to = dest.get(row["case_id"])
        if origin and to:
            pairs.setdefault((origin, to), set()).add(row["case_id"])
    ordered = sorted(((o, d, len(c)) for (o, d), c in pairs.items()), key=lambda t: -t[2])
    return [{"origin": o, "destination": d, "cases": n} for o, d, n in ordered[:limit]]


def _below(task_force, year):
    """One row per task force directly below (a province: its districts; nation: provinces)."""
    children = list(TaskForce.objects.filter(parent=task_force).order_by("code"))
    rows = []
    for child in children:
        ids = scope_ids(child)
        with task_force_scope(ids):
            v = _victims(year).aggregate(
                total=Count("id", distinct=True),
                children=Count("id", filter=Q(is_child=True), distinct=True),
                female=Count("id", filter=Q(sex="P"), distinct=True))
            reported = Case.objects.filter(is_official=True, report_date__year=year,
                                           deleted_at__isnull=True).values("id").distinct().count()
        rows.append({"code": child.code, "name": child.name, "cases": reported,
                     "victims": v["total"], "children": v["children"], "female": v["female"]})
    return rows


def _suppress_below(rows, k):
    keys = ["cases", "victims", "children", "female"]
    table = suppress([[r[key] for key in keys] for r in rows], k) if rows else []
    return [{**r, **dict(zip(keys, shown, strict=True))} for r, shown in zip(rows, table, strict=True)]


def _apply_small_cells(f, k):
    v = f["victims"]
    # pairs shown with their exact total: hide both or neither, or one gives the other away
    v["children"], v["adults"] = suppress([[v["children"], v["adults"]]], k)[0]
    v["female"], v["male"] = suppress([[v["female"], v["male"]]], k)[0]
    for key in ("by_age_group", "by_exploitation", "by_nationality", "by_year"):
        v[key] = suppress_counts(v[key], k)
    f["services"] = suppress_counts(f["services"], k)
    f["legal"]["by_stage"] = suppress_counts(f["legal"]["by_stage"], k)
    f["flows"] = [{**fl, "cases": f"< {k}" if 0 < fl["cases"] < k else fl["cases"]}
                  for fl in f["flows"]]
