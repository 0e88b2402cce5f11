"""Reads of the action plans. `plan_evaluation` computes every evaluation figure (per activity,
sub task force and plan, per year and over the period); the evaluation page, its .xlsx, the RAD
matrix, the dashboard and the annual report (`rad_figures`) all read it, so they agree.

Rules (shown on the evaluation page):
- a year's achievement and spending are the sums of the accepted progress reports of that year;
- achievement % = achieved / target of the year (or of the period); a sub task force's or the
  plan's achievement is the mean of its activities' achievement, each counted up to 100 %;
- budget absorption % = budget spent / budget planned (rupiah, summed);
- status of an activity in a year: *not due* before the year's first period has ended;
  *not reported* when no report was accepted for it; *on track* when it reached at least
  ON_TRACK_PCT % of what was due by now (the year's target × the share of its periods that have
  ended), *behind* otherwise.
"""

from collections import OrderedDict
from datetime import date
from decimal import Decimal

from django.db.models import Count, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gugus_tugas.models import TaskForce
from gugus_tugas.scoping import rls_bypass

from .models import ActionPlan, Activity, ActivityYear, AgencyOfficer, ProgressReport

ON_TRACK_PCT = 80

ON_TRACK, BEHIND, NOT_REPORTED, NOT_DUE = "on_track", "behind", "not_reported", "not_due"
STATUS_LABELS = {ON_TRACK: _("sesuai target"), BEHIND: _("tertinggal"),
                 NOT_REPORTED: _("belum melapor"), NOT_DUE: _("belum jatuh tempo")}
COUNTED = (ProgressReport.Status.ACCEPTED,)


def plan_list(*, task_force: TaskForce):
    return ActionPlan.objects.filter(task_force=task_force).annotate(
        n_activities=Count("activities"))


def plan_in_force(*, task_force: TaskForce, year: int | None = None) -> ActionPlan | None:
    """The plan in force (this year), or the one that was in force in `year`."""
    qs = ActionPlan.objects.filter(task_force=task_force)
    if year is None:
        return qs.filter(status=ActionPlan.Status.IN_FORCE).first()
    return (qs.filter(first_year__lte=year, last_year__gte=year,
                      status__in=[ActionPlan.Status.IN_FORCE, ActionPlan.Status.FINISHED])
            .order_by("-in_force_at", "-id").first())


def _pct(part, whole) -> float | None:
    if not whole:
        return None
    return round(float(Decimal(part) / Decimal(whole) * 100), 1)


def _due_share(plan, year, today) -> float:
    """The share of the year's target due by `today`: the periods that have ended."""
    if year < today.year:
        return 1.0
    if year > today.year:
        return 0.0
    ppy = plan.periods_per_year
    ended = (today.month - 1) // (12 // ppy)
    return ended / ppy


def _cell(target, budget, achieved, spent, reports, due) -> dict:
    target, budget = target or Decimal(0), budget or Decimal(0)
    if due == 0 and not reports:
        status = NOT_DUE
    elif not reports:
        status = NOT_REPORTED
    elif not target or achieved >= target * Decimal(str(due)) * ON_TRACK_PCT / 100:
        status = ON_TRACK
    else:
        status = BEHIND
    return {"target": target, "achieved": achieved, "planned": budget, "spent": spent,
            "reports": reports, "status": status, "status_label": STATUS_LABELS[status],
            "achievement_pct": _pct(achieved, target), "spent_pct": _pct(spent, budget),
            "over_budget": spent > budget}


def _aggregate(cells: list[dict]) -> dict:
    ratios = [min(float(c["achieved"] / c["target"]), 1.0) for c in cells if c["target"]]
    planned = sum((c["planned"] for c in cells), Decimal(0))
    spent = sum((c["spent"] for c in cells), Decimal(0))
    counts = {s: 0 for s in STATUS_LABELS}
    for c in cells:
        counts[c["status"]] += 1
    return {"activities": len(cells),
            "achievement_pct": round(sum(ratios) / len(ratios) * 100, 1) if ratios else None,
            "planned": planned, "spent": spent, "spent_pct": _pct(spent, planned),
            "counts": counts}


def plan_evaluation(*, plan: ActionPlan, today: date | None = None) -> dict:
    """Every evaluation figure of one plan, in three queries whatever its size."""
    today = today or timezone.localdate()
    years = plan.years
    activities = list(Activity.objects.filter(task_force_id=plan.task_force_id, plan=plan)
                      .select_related("ran_activity"))
    targets = {(r["activity_id"], r["year"]): r for r in ActivityYear.objects.filter(
        task_force_id=plan.task_force_id, activity__plan=plan).values(
        "activity_id", "year", "target", "budget", "budget_source")}
    done = {(r["activity_id"], r["year"]): r for r in ProgressReport.objects.filter(
        task_force_id=plan.task_force_id, activity__plan=plan, status__in=COUNTED)
        .values("activity_id", "year").annotate(achieved=Sum("achieved"), spent=Sum("spent"),
                                                n=Count("id")).order_by()}
    dues = {y: _due_share(plan, y, today) for y in years}
    rows, clusters = [], OrderedDict()
    for a in activities:
        by_year = OrderedDict()
        for y in years:
            t, d = targets.get((a.pk, y), {}), done.get((a.pk, y), {})
            by_year[y] = _cell(t.get("target"), t.get("budget"),
                               d.get("achieved", Decimal(0)), d.get("spent", Decimal(0)),
                               d.get("n", 0), dues[y])
            by_year[y]["source"] = t.get("budget_source", "")
        due_cells = [c for y, c in by_year.items() if dues[y] > 0 or c["reports"]]
        total_target = sum((c["target"] for c in by_year.values()), Decimal(0))
        due_target = sum((c["target"] * Decimal(str(dues[y])) for y, c in by_year.items()),
                         Decimal(0))
        whole = _cell(total_target, sum((c["planned"] for c in by_year.values()), Decimal(0)),
                      sum((c["achieved"] for c in by_year.values()), Decimal(0)),
                      sum((c["spent"] for c in by_year.values()), Decimal(0)),
                      sum(c["reports"] for c in by_year.values()),
                      float(due_target / total_target) if total_target else (
                          1.0 if due_cells else 0.0))
        if due_cells and all(c["status"] == NOT_REPORTED for c in due_cells):
            whole.update(status=NOT_REPORTED, status_label=STATUS_LABELS[NOT_REPORTED])
        row = {"activity": a, "years": by_year, "period": whole}
        rows.append(row)
        clusters.setdefault(a.cluster, []).append(row)

    def summarise(group):
        return {"years": OrderedDict((y, _aggregate([r["years"][y] for r in group
                                                     if r["years"][y]["target"]
                                                     or r["years"][y]["planned"]]))
                                     for y in years),
                "period": _aggregate([r["period"] for r in group])}

    return {
        "plan": plan, "years": years, "today": today, "on_track_pct": ON_TRACK_PCT,
        "activities": rows,
        "clusters": [{"name": name, "activities": group, **summarise(group)}
                     for name, group in clusters.items()],
        "total": summarise(rows),
    }


def _num(value):
    if value is None:
        return None
    return int(value) if value == int(value) else float(value)


def rad_figures(task_force: TaskForce, year: int, *, today: date | None = None) -> dict:
    """The annual report's `rad` keys: the plan in force in `year`, its achievement and budget
    absorption that year, by sub task force. From `plan_evaluation`, like the pages."""
    with rls_bypass(reason="this task force's own plan, by its id"):
        plan = plan_in_force(task_force=task_force, year=year)
        if plan is None:
            return OrderedDict(activities=0, achievement_pct=None, budget_spent_pct=None,
                               recorded=False)
        ev = plan_evaluation(plan=plan, today=today)
    total = ev["total"]["years"][year]
    return OrderedDict(
        activities=total["activities"],
        achievement_pct=total["achievement_pct"],
        budget_spent_pct=total["spent_pct"],
        recorded=True,
        plan=OrderedDict(title=plan.title, kind=plan.kind, period=plan.period_label,
                         status=plan.status,
                         legal_basis=" ".join(filter(None, [plan.get_legal_kind_display()
                                                            if plan.legal_kind else "",
                                                            plan.legal_number]))),
        budget_planned=_num(total["planned"]),
        budget_spent=_num(total["spent"]),
        on_track_pct=ON_TRACK_PCT,
        counts=total["counts"],
        clusters=[OrderedDict(
            name=c["name"], activities=c["years"][year]["activities"],
            achievement_pct=c["years"][year]["achievement_pct"],
            budget_planned=_num(c["years"][year]["planned"]),
            budget_spent=_num(c["years"][year]["spent"]),
            budget_spent_pct=c["years"][year]["spent_pct"],
            counts=c["years"][year]["counts"]) for c in ev["clusters"]],
    )


def progress_due(*, plan: ActionPlan, year: int, period: int, agency: str | None = None):
    """Activities of the plan with nothing submitted or accepted for this period yet (of one
    responsible agency when `agency` is given)."""
    reported = ProgressReport.objects.filter(
        task_force_id=plan.task_force_id, year=year, period=period,
        status__in=[ProgressReport.Status.SUBMITTED, ProgressReport.Status.ACCEPTED])
    qs = (Activity.objects.filter(task_force_id=plan.task_force_id, plan=plan)
          .exclude(pk__in=reported.values("activity_id")))
    return qs if agency is None else qs.filter(responsible_agency__iexact=agency)


def reporting_agency(*, membership) -> str | None:
    """None: this person reports for every activity (the secretariat); otherwise the agency
    whose activities an agency officer reports ("" when none is named yet: nothing)."""
    from gugus_tugas.roles import Perm

    if membership.grants(Perm.MANAGE_RAD):
        return None
    officer = AgencyOfficer.objects.filter(membership=membership).first()
    return officer.agency if officer else ""


def agency_officers(*, task_force: TaskForce):
    from gugus_tugas.models import Membership
    from gugus_tugas.roles import Role

    return (Membership.objects.filter(task_force=task_force, role=Role.AGENCY_OFFICER,
                                      is_active=True)
            .select_related("user", "rad_agency").order_by("user__name"))


def responsible_agencies(*, task_force: TaskForce) -> list[str]:
    return sorted(set(Activity.objects.filter(task_force=task_force)
                      .values_list("responsible_agency", flat=True)), key=str.casefold)


def progress_list(*, plan: ActionPlan, status=None, agency: str | None = None):
    qs = ProgressReport.objects.filter(task_force_id=plan.task_force_id, activity__plan=plan)
    if status:
        qs = qs.filter(status=status)
    if agency is not None:
        qs = qs.filter(activity__responsible_agency__iexact=agency)
    return qs.select_related("activity").order_by("-year", "-period", "activity__order")


def plan_matrix(*, plan: ActionPlan):
    """Activities by sub task force with their targets and budget per year (two queries)."""
    activities = list(Activity.objects.filter(task_force_id=plan.task_force_id, plan=plan)
                      .select_related("ran_activity"))
    by_activity = {}
    for ay in ActivityYear.objects.filter(task_force_id=plan.task_force_id, activity__plan=plan):
        by_activity.setdefault(ay.activity_id, {})[ay.year] = ay
    groups = OrderedDict()
    totals = {y: Decimal(0) for y in plan.years}
    for a in activities:
        cells = [by_activity.get(a.pk, {}).get(y) for y in plan.years]
        for y, c in zip(plan.years, cells, strict=True):
            if c is not None:
                totals[y] += c.budget
        groups.setdefault(a.cluster, []).append({"activity": a, "cells": cells,
                                                 "budget": sum((c.budget for c in cells if c),
                                                               Decimal(0))})
    return {"groups": list(groups.items()), "totals": [totals[y] for y in plan.years],
            "total": sum(totals.values(), Decimal(0)), "count": len(activities),
            "width": 5 + 2 * len(plan.years), "year_width": 2 * len(plan.years)}


RAN_SHOWN = [ActionPlan.Status.IN_FORCE, ActionPlan.Status.FINISHED]


def ran_latest(*, task_force: TaskForce) -> ActionPlan | None:
    """The national task force's RAN in force, or the latest one that was."""
    return (ActionPlan.objects.filter(task_force=task_force, kind=ActionPlan.Kind.RAN,
                                      status__in=RAN_SHOWN)
            .order_by("-last_year", "-id").first())


def ran_activity_choices():
    """The activities of the national plan in force, or of the latest (RAD activities may
    support one)."""
    with rls_bypass(reason="the RAN is read by every region; titles only"):
        ran = (ActionPlan.objects.filter(kind=ActionPlan.Kind.RAN, status__in=RAN_SHOWN)
               .order_by("-last_year", "-id").first())
        if ran is None:
            return []
        return list(Activity.objects.filter(plan=ran).select_related("plan")
                    .order_by("order", "id"))


def plans_of_task_forces(ids: list[int], *, year: int, today: date | None = None,
                         reporting: bool = True) -> dict:
    """For each of the task forces `ids`: its plan in force in `year` (this year: the one whose
    status is in force) with, when there is one, the activities, who reported in the current
    period (unless `reporting` is False: one query fewer), achievement and budget absorption in
    `year`. Five queries whatever the number of task forces. The caller disables the scope (a roll-up of regions below: no personal data)."""
    today = today or timezone.localdate()
    plans_qs = ActionPlan.objects.filter(task_force__in=ids)
    if year == today.year:
        plans_qs = plans_qs.filter(status=ActionPlan.Status.IN_FORCE)
    else:
        plans_qs = plans_qs.filter(first_year__lte=year, last_year__gte=year,
                                   status__in=[ActionPlan.Status.IN_FORCE,
                                               ActionPlan.Status.FINISHED])
    # the latest in force wins, as in plan_in_force
    plans = {p.task_force_id: p for p in plans_qs.order_by("in_force_at", "id")}
    plan_ids = [p.pk for p in plans.values()]
    n_activities = dict(Activity.objects.filter(plan__in=plan_ids).values("plan_id")
                        .annotate(n=Count("id")).values_list("plan_id", "n").order_by())
    cells = {}
    # every filter names the task forces too: the indexes on (task_force, …) keep these reads to
    # the rows of the regions shown, however many reports the whole country holds
    for r in ActivityYear.objects.filter(task_force__in=ids, activity__plan__in=plan_ids,
                                         year=year).values(
            "activity_id", "activity__plan_id", "target", "budget"):
        cells[r["activity_id"]] = {"plan": r["activity__plan_id"], "target": r["target"],
                                   "planned": r["budget"], "achieved": Decimal(0),
                                   "spent": Decimal(0)}
    for r in (ProgressReport.objects.filter(task_force__in=ids, activity__plan__in=plan_ids,
                                            year=year, status__in=COUNTED)
              .values("activity_id").annotate(a=Sum("achieved"), s=Sum("spent")).order_by()):
        if r["activity_id"] in cells:
            cells[r["activity_id"]].update(achieved=r["a"], spent=r["s"])
    reported = {}
    for r in (() if not reporting else ProgressReport.objects.filter(
            task_force__in=ids, activity__plan__in=plan_ids, year=today.year,
            status__in=[ProgressReport.Status.SUBMITTED, ProgressReport.Status.ACCEPTED])
            .values("activity__plan_id", "period").annotate(n=Count("activity", distinct=True))
            .order_by()):
        reported[(r["activity__plan_id"], r["period"])] = r["n"]
    by_plan = {}
    for c in cells.values():
        by_plan.setdefault(c["plan"], []).append(c)
    out = {}
    for tf_id, plan in plans.items():
        period = (today.month - 1) // (12 // plan.periods_per_year) + 1
        group = by_plan.get(plan.pk, [])
        ratios = [min(float(c["achieved"] / c["target"]), 1.0) for c in group if c["target"]]
        planned = sum((c["planned"] for c in group), Decimal(0))
        spent = sum((c["spent"] for c in group), Decimal(0))
        out[tf_id] = {"plan": plan, "period_label": plan.period_label_of(period),
                      "activities": n_activities.get(plan.pk, 0),
                      "reported": reported.get((plan.pk, period), 0),
                      "achievement_pct": round(sum(ratios) / len(ratios) * 100, 1) if ratios
                      else None,
                      "planned": planned, "spent": spent, "spent_pct": _pct(spent, planned)}
    return out


@rls_bypass(reason="a roll-up of the regions below: plans and figures, no personal data")
def region_comparison(*, task_force: TaskForce, today: date | None = None) -> dict:
    """The task forces directly below side by side: plan in force or not, who reported in the
    current period, achievement and budget absorption this year. The nation also sees, per
    province, how many of its districts have a plan in force. A fixed number of queries."""
    today = today or timezone.localdate()
    year = today.year
    children = list(TaskForce.objects.filter(parent=task_force).order_by("code"))
    ids = [c.pk for c in children]
    plans = plans_of_task_forces(ids, year=year, today=today)
    below = {}
    if task_force.level == TaskForce.Level.NATIONAL:
        totals = dict(TaskForce.objects.filter(parent__in=ids).values("parent_id")
                      .annotate(n=Count("id")).values_list("parent_id", "n").order_by())
        with_plan = dict(ActionPlan.objects.filter(task_force__parent__in=ids,
                                                   status=ActionPlan.Status.IN_FORCE)
                         .values("task_force__parent_id").annotate(n=Count("id"))
                         .values_list("task_force__parent_id", "n").order_by())
        below = {i: (with_plan.get(i, 0), totals.get(i, 0)) for i in ids}
    rows = []
    for child in children:
        row = {"task_force": child, "plan": None, "below": below.get(child.pk)}
        row.update(plans.get(child.pk, {}))
        rows.append(row)
    return {"rows": rows, "year": year, "with_plan": len(plans), "count": len(children)}


@rls_bypass(reason="RAD activity titles of the regions; no personal data")
def ran_support(*, plan: ActionPlan) -> list[dict]:
    """For each activity of a RAN, the regions whose RAD activities support it."""
    support = {}
    for r in (Activity.objects.filter(ran_activity__plan=plan)
              .values("ran_activity_id", "task_force__name", "number").order_by("task_force__code")):
        support.setdefault(r["ran_activity_id"], []).append(r)
    return [{"activity": a, "supporters": support.get(a.pk, [])}
            for a in Activity.objects.filter(plan=plan).order_by("order", "id")]


def history_of_targets(*, plan: ActionPlan, limit: int = 50):
    """The recorded changes of targets and budgets (revisions keep what was planned before)."""
    activity_ids = Activity.objects.filter(task_force_id=plan.task_force_id, plan=plan).values("pk")
    return (ActivityYear.history.filter(task_force_id=plan.task_force_id,
                                        activity_id__in=activity_ids)
            .order_by("-history_date")[:limit])
