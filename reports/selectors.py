"""Every figure of a task force and a year, from one place: the dashboard, the .xlsx, the JSON,
the PDF and the API all read `annual_figures`, so they always agree.

A task force's figures include every task force below it (a province its districts, the nation
everything); each victim is counted once even when a case was referred between task forces; only
official (verified) cases count. Counts only: no identity ever leaves this module.
"""

import copy
import time
from collections import OrderedDict
from datetime import date

from django.conf import settings
from django.core.cache import cache
from django.db.models import Case as DbCase
from django.db.models import (
    CharField,
    Count,
    Exists,
    F,
    OuterRef,
    Q,
    Subquery,
    Sum,
    UUIDField,
    When,
)
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.translation import gettext_lazy as _l

from cases.countries import country_name
from cases.models import (
    AGE_GROUPS,
    Case,
    CaseAccess,
    Exploitation,
    Perpetrator,
    Referral,
    RoutePoint,
    Service,
    Victim,
)
from cases.versioning import data_version
from gugus_tugas import routers
from gugus_tugas.models import AuditEvent, TaskForce
from gugus_tugas.scoping import rls_bypass
from meetings.selectors import coordination_figures
from rad.selectors import rad_figures

from . import monitoring
from .models import LegalBasis
from .smallcells import publish_figures

TREND_YEARS = 5
# part of the cache key: bump when the shape or the meaning of the figures changes, so a deploy
# never serves figures computed by the code it replaced
FIGURES_SCHEMA = 7


def scope_ids(task_force: TaskForce) -> list[int]:
    return list(task_force.descendants().values_list("pk", flat=True))


def _held(task_force: TaskForce, prefix: str = ""):
    """Rows whose case is held (owned, or accepted by referral) by the task force or one below.

    An EXISTS on CaseAccess, so a case held by two task forces of the roll-up is still one row:
    plain counts, no DISTINCT over big joins. The nation holds every case."""
    if task_force.level == TaskForce.Level.NATIONAL:
        return Q()
    case_ref = OuterRef(f"{prefix}id" if not prefix else f"{prefix}_id")
    access = CaseAccess.objects.filter(case=case_ref, task_force__in=scope_ids(task_force))
    return Q(Exists(access))


def _year_victims(task_force, year):
    return Victim.objects.filter(
        _held(task_force, "case"), deleted_at__isnull=True, case__is_official=True,
        case__report_date__range=(date(year, 1, 1), date(year, 12, 31)))


def _count_by(qs, field):
    return {row[field]: row["n"] for row in qs.values(field).annotate(n=Count("id")).order_by()}


def annual_figures(task_force: TaskForce, year: int, *, public: bool = False,
                   annexes: bool = True) -> dict:
    """The figures of `task_force` (and those below it) for `year`.

    `public`: the variant for publication, the small-cell rule (`smallcells`) applied over every
    number it shows; otherwise exact figures, for the members of the task force and of those
    above it.
    `annexes`: each task force below also gets its breakdowns (age group, exploitation,
    services) for the report's annexes; the dashboard shows the summary row only and skips them.
    A public output always has them: the rule must see every relation it publishes.
    Exact: the case figures come from the cache only if they were computed at the current data
    version (cases.versioning), otherwise now (and stored for FIGURES_CACHE_SECONDS). Dashboards
    may show the last figures while newer ones are computed: reports.warm.
    """
    annexes = annexes or public
    if not settings.FIGURES_CACHE_SECONDS:
        version = data_version(task_force) if routers.configured() else None
        figures = _figures_read(task_force, year, version, public=public, annexes=annexes)
        return figures_complete(figures, task_force, year, public=public, annexes=annexes)
    entry, version = figures_entry(task_force, year, public=public, annexes=annexes)
    if entry is not None and entry["version"] == version:
        figures = copy.deepcopy(entry["figures"])
    else:
        figures = figures_compute(task_force, year, public=public, annexes=annexes,
                                  version=version)["figures"]
    return figures_complete(figures, task_force, year, public=public, annexes=annexes)


def figures_key(code: str, year: int, *, public: bool, annexes: bool) -> str:
    return f"figures:s{FIGURES_SCHEMA}:{code}:{year}:{int(public)}:{int(annexes)}"


def figures_entry(task_force: TaskForce, year: int, *, public: bool,
                  annexes: bool) -> tuple[dict | None, int]:
    """The last case figures computed for (task force, year, variant), whatever data version
    they were computed at, and the current version: `{"version", "computed_at" (epoch s),
    "exact_at" (the last time they were known to match the data), "took" (s), "figures"}` or
    None."""
    version = data_version(task_force)
    return cache.get(figures_key(task_force.code, year, public=public, annexes=annexes)), version


def figures_compute(task_force: TaskForce, year: int, *, public: bool, annexes: bool,
                    version: int | None = None) -> dict:
    """Compute the case figures now and keep them as the last ones (the cache entry of
    `figures_entry`). The version is read before computing: a change committed meanwhile leaves
    them behind, never ahead. An entry of a newer version stored meanwhile is kept."""
    if version is None:
        version = data_version(task_force)
    started = time.time()
    figures = _figures_read(task_force, year, version, public=public, annexes=annexes)
    now = time.time()
    entry = {"version": version, "computed_at": started, "exact_at": started,
             "took": now - started, "figures": figures}
    key = figures_key(task_force.code, year, public=public, annexes=annexes)
    if settings.FIGURES_CACHE_SECONDS:
        current = cache.get(key)
        if current is None or current["version"] <= version:
            cache.set(key, entry, timeout=settings.FIGURES_CACHE_SECONDS)  # pickled: a copy
    return entry


def figures_complete(figures: dict, task_force: TaskForce, year: int, *, public: bool,
                     annexes: bool) -> dict:
    """The parts read fresh on every call, outside the cache keyed on case data: meetings and
    recommendations, the action plan, the monitoring annex. `figures` is changed in place."""
    figures = _with_coordination(figures, task_force, year, public=public)
    figures = _with_action_plan(figures, task_force, year)
    return _with_monitoring(figures, task_force, year, public=public, annexes=annexes)


def _figures_read(task_force: TaskForce, year: int, version: int | None, *, public: bool,
                  annexes: bool) -> dict:
    """`_annual_figures`, on the read replica when one is configured and has replayed the data
    version `version` (read on the primary, the one the result is cached under), else on the
    primary (gugus_tugas.routers): figures never older than the version they are kept under."""
    return routers.on_replica(
        lambda: _annual_figures(task_force, year, public=public, annexes=annexes),
        what=f"figures {task_force.code} {year}", version=version,
        version_of=lambda alias: data_version(task_force, using=alias))


def _with_monitoring(figures: dict, task_force: TaskForce, year: int, *, public: bool,
                     annexes: bool) -> dict:
    """The `monitoring` annex of a province's or the nation's report: the task forces below
    with SK, RAD, meetings, overdue recommendations and cases (reports.monitoring, the same rows
    as the Pemantauan page), and for the nation the seed-004 counts. Read fresh, outside the
    cache keyed on case data. Not in the public variant (its case counts are exact) nor on the
    dashboard (no annexes)."""
    if public or not annexes or task_force.level == TaskForce.Level.DISTRICT:
        return figures
    if task_force.level == TaskForce.Level.NATIONAL:
        every = monitoring.monitoring_rows(task_force, year, every=True)
        rows = [r for r in every if r["level"] == TaskForce.Level.PROVINCE]
        national = monitoring.national_figures(every)
    else:
        rows, national = monitoring.monitoring_rows(task_force, year), None
    figures["monitoring"] = OrderedDict(rows=monitoring.annex_rows(rows), national=national)
    return figures


def _with_action_plan(figures: dict, task_force: TaskForce, year: int) -> dict:
    """The `rad` keys: the plan in force in that year, by sub task force (rad.selectors, the
    same evaluation as the RAD pages). Read fresh, outside the cache keyed on case data."""
    figures["rad"] = rad_figures(task_force, year)
    return figures


def _with_coordination(figures: dict, task_force: TaskForce, year: int, *, public: bool) -> dict:
    """The meetings and recommendations of the year (section Koordinasi): read fresh on every
    call (a handful of small queries on the task force's own rows), never from the figures'
    cache, which is keyed on case data only. The public variant keeps the counts and leaves the
    lists of titles and recommendation texts out."""
    coordination = coordination_figures(task_force, year)
    if public:
        coordination["meetings"].pop("list")
        coordination["recommendations"].pop("overdue_list")
    figures["meetings"] = coordination["meetings"]
    figures["recommendations"] = coordination["recommendations"]
    return figures


@rls_bypass(reason="roll-up: the EXISTS filter names the task forces; counts only")
def _annual_figures(task_force: TaskForce, year: int, *, public: bool = False,
                    annexes: bool = True) -> dict:
    k = settings.SMALL_CELL_K
    span = (date(year, 1, 1), date(year, 12, 31))
    cases = Case.objects.filter(_held(task_force), is_official=True, report_date__range=span,
                                deleted_at__isnull=True)
    reported = cases.count()
    served = cases.filter(Exists(Service.objects.filter(case=OuterRef("id"),
                                                        status=Service.Status.GIVEN))).count()
    # reported in the year and still waiting: a past year's report counts that year's cases only
    awaiting = Case.objects.filter(_held(task_force), status=Case.Status.SUBMITTED,
                                   report_date__range=span, deleted_at__isnull=True).count()
    victims = _year_victims(task_force, year)
    # one pass over the year's victims, grouped by every one-way breakdown's key together (a few
    # hundred rows), summed here: one scan instead of one per breakdown
    cube = list(victims.values("sex", "is_child", "age_group", "nationality")
                .annotate(n=Count("id")).order_by())

    def total(**match):
        return sum(r["n"] for r in cube if all(r[k] == v for k, v in match.items()))

    def by(key):
        out = {}
        for r in cube:
            out[r[key]] = out.get(r[key], 0) + r["n"]
        return out

    totals = {"total": total(), "children": total(is_child=True), "adults": total(is_child=False),
              "female": total(sex="P"), "male": total(sex="L")}
    by_age = by("age_group")
    by_exploitation = {
        row["case__exploitations__type"]: row["n"]
        for row in victims.filter(case__exploitations__isnull=False)
        .values("case__exploitations__type").annotate(n=Count("id")).order_by()
    }
    by_nationality = by("nationality")
    trend = (Victim.objects.filter(
        _held(task_force, "case"), deleted_at__isnull=True, case__is_official=True,
        case__report_date__range=(date(year - TREND_YEARS + 1, 1, 1), date(year, 12, 31)))
        .values("case__year").annotate(n=Count("id")).order_by())
    counts = {row["case__year"]: row["n"] for row in trend}
    by_year = {str(y): counts.get(y, 0) for y in range(year - TREND_YEARS + 1, year + 1)}
    services = {
        row["type"]: row["n"] for row in Service.objects.filter(
            _held(task_force, "case"), status=Service.Status.GIVEN, case__is_official=True,
            case__report_date__range=span, victim__deleted_at__isnull=True)
        .values("type").annotate(n=Count("victim", distinct=True)).order_by()
    }
    services_by_age = {}
    for row in (Service.objects.filter(
            _held(task_force, "case"), status=Service.Status.GIVEN, case__is_official=True,
            case__report_date__range=span, victim__deleted_at__isnull=True)
            .values("type", "victim__age_group").annotate(n=Count("victim", distinct=True))
            .order_by()):
        services_by_age.setdefault(row["type"], {})[row["victim__age_group"]] = row["n"]
    legal = _count_by(cases, "legal_stage")
    verdicts = _count_by(cases.exclude(verdict=""), "verdict")
    flows = _flows(task_force, span)
    previous = _headline(task_force, year - 1)
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
        previous=previous,
        perpetrators=_perpetrators(task_force, span),
        restitution=_restitution(cases),
        referrals=_referrals(task_force, span),
        services_by_age={t: {g: 0 for g in AGE_GROUPS} | services_by_age.get(t, {})
                         for t in Service.Type.values},
        # Meetings and recommendations (meetings.selectors) and the action plan (rad.selectors)
        # are filled by _with_coordination and _with_action_plan, outside the cache.
        meetings=OrderedDict(held=0, required=task_force.meetings_required_per_year,
                             recorded=False),
        recommendations=OrderedDict(total=0, done=0, recorded=False),
        rad=OrderedDict(activities=0, achievement_pct=None, budget_spent_pct=None,
                        recorded=False),
        below=_below(task_force, year, annexes=annexes) if task_force.level != "district" else [],
    )
    if public:
        publish_figures(figures, k)
    return figures


def _headline(task_force, year) -> dict:
    """The headline figures of `year` (the previous year, beside this year's in the report)."""
    span = (date(year, 1, 1), date(year, 12, 31))
    cases = Case.objects.filter(_held(task_force), is_official=True, report_date__range=span,
                                deleted_at__isnull=True)
    served = cases.filter(Exists(Service.objects.filter(case=OuterRef("id"),
                                                        status=Service.Status.GIVEN))).count()
    victims = _year_victims(task_force, year).aggregate(
        total=Count("id"), children=Count("id", filter=Q(is_child=True)),
        female=Count("id", filter=Q(sex="P")))
    return OrderedDict(year=year, reported=cases.count(), served=served,
                       victims=victims["total"], children=victims["children"],
                       female=victims["female"])


def _perpetrators(task_force, span) -> dict:
    """Perpetrators of the year's cases: individuals and corporations (PJTKI/P3MI and other
    companies), by the legal stage their case has reached."""
    rows = (Perpetrator.objects.filter(_held(task_force, "case"), case__is_official=True,
                                       case__report_date__range=span,
                                       case__deleted_at__isnull=True)
            .values("is_corporation", "case__legal_stage").annotate(n=Count("id")).order_by())
    out = OrderedDict((kind, OrderedDict((s, 0) for s in Case.LegalStage.values))
                      for kind in ("individual", "corporation"))
    for r in rows:
        out["corporation" if r["is_corporation"] else "individual"][r["case__legal_stage"]] = r["n"]
    return OrderedDict(individual=sum(out["individual"].values()),
                       corporation=sum(out["corporation"].values()),
                       by_stage=out)


def _restitution(cases) -> dict:
    """Restitution in the year's cases: requested (by the victim, through the prosecutor or
    LPSK), granted by a court (ordered) and paid; each as a count of cases and a sum in Rp."""
    r = cases.aggregate(
        requested_cases=Count("id", filter=Q(restitution_requested__gt=0)),
        requested=Sum("restitution_requested"),
        ordered_cases=Count("id", filter=Q(restitution_ordered__gt=0)),
        ordered=Sum("restitution_ordered"),
        paid_cases=Count("id", filter=Q(restitution_paid__gt=0)),
        paid=Sum("restitution_paid"))
    return OrderedDict(requested_cases=r["requested_cases"], requested_rp=int(r["requested"] or 0),
                       ordered_cases=r["ordered_cases"], ordered_rp=int(r["ordered"] or 0),
                       paid_cases=r["paid_cases"], paid_rp=int(r["paid"] or 0))


def _referrals(task_force, span) -> dict:
    """Referrals of the year: sent by the task force (or one below it) to another one, received
    from another one, and of those received, accepted. Within a roll-up a referral between two
    task forces below counts as sent and as received."""
    made = Referral.objects.filter(created_at__date__range=span)
    if task_force.level != TaskForce.Level.NATIONAL:
        ids = scope_ids(task_force)
        sent, received = made.filter(from_task_force__in=ids), made.filter(to_task_force__in=ids)
    else:
        sent = received = made
    return OrderedDict(
        sent=sent.count(), received=received.count(),
        accepted=received.filter(status=Referral.Status.ACCEPTED).count(),
        declined=received.filter(status=Referral.Status.DECLINED).count())


def _flows(task_force, span, limit=15):
    """Origin province → transit (places in order) → destination (province or country), each
    case once per route."""
    routes = RoutePoint.objects.filter(_held(task_force, "case"), case__is_official=True,
                                       case__report_date__range=span)

    def place(row):
        return (country_name(row["country"]) if row["country"]
                else row["region__parent__name"] or row["region__name"])

    dest, via = {}, {}
    for row in routes.filter(kind__in=("destination", "transit")).order_by(
            "case_id", "order", "id").values("case_id", "kind", "country",
                                            "region__parent__name", "region__name"):
        if row["kind"] == "destination":
            dest[row["case_id"]] = place(row)
        else:
            stops = via.setdefault(row["case_id"], [])
            if place(row) and place(row) not in stops:
                stops.append(place(row))
    pairs = {}
    for row in routes.filter(kind="origin").values("case_id", "region__parent__name",
                                                   "region__name"):
        origin = row["region__parent__name"] or row["region__name"]
        to = dest.get(row["case_id"])
        if origin and to:
            key = (origin, " → ".join(via.get(row["case_id"], [])), to)
            pairs[key] = pairs.get(key, 0) + 1
    ordered = sorted(((o, t, d, n) for (o, t, d), n in pairs.items()), key=lambda x: -x[3])
    return [{"origin": o, "transit": t, "destination": d, "cases": n}
            for o, t, d, n in ordered[:limit]]


def _below(task_force, year, *, annexes=True):
    """One row per task force directly below (a province: its districts; nation: provinces), with
    the breakdowns of its annex in the report.

    One grouped query per measure: cases and victims are grouped by the task force below that
    holds them (a case referred between two of them counts in both rows, once in the total)."""
    children = list(TaskForce.objects.filter(parent=task_force).order_by("code"))
    if task_force.level == TaskForce.Level.NATIONAL:
        # the province a holder belongs to: itself, or a district's parent (the nation holds
        # nothing of its own here)
        def province_of(path):
            return DbCase(When(**{f"{path}__level": TaskForce.Level.PROVINCE},
                               then=F(f"{path}_id")),
                          When(**{f"{path}__level": TaskForce.Level.DISTRICT},
                               then=F(f"{path}__parent_id")))

        key, vkey = province_of("access__task_force"), province_of("case__access__task_force")
        within, vwithin = Q(), Q()
    else:
        key, vkey = F("access__task_force_id"), F("case__access__task_force_id")
        ids = [c.pk for c in children]
        within, vwithin = Q(access__task_force__in=ids), Q(case__access__task_force__in=ids)
    span = (date(year, 1, 1), date(year, 12, 31))
    given = Exists(Service.objects.filter(case=OuterRef("id"), status=Service.Status.GIVEN))
    case_rows = (Case.objects.filter(within, is_official=True, report_date__range=span,
                                     deleted_at__isnull=True)
                 .annotate(holder=key).values("holder")
                 .annotate(n=Count("id", distinct=True),
                           served=Count("id", filter=Q(given), distinct=True))
                 .order_by())
    cases = {r["holder"]: r for r in case_rows}
    victims_qs = Victim.objects.filter(vwithin, deleted_at__isnull=True, case__is_official=True,
                                       case__report_date__range=span).annotate(holder=vkey)
    victims = {r["holder"]: r for r in victims_qs.values("holder").annotate(
        total=Count("id", distinct=True),
        children=Count("id", filter=Q(is_child=True), distinct=True),
        adults=Count("id", filter=Q(is_child=False), distinct=True),
        female=Count("id", filter=Q(sex="P"), distinct=True),
        male=Count("id", filter=Q(sex="L"), distinct=True)).order_by()}

    def grouped(qs, field):
        out = {}
        for r in qs.values("holder", field).annotate(n=Count("id", distinct=True)).order_by():
            out.setdefault(r["holder"], {})[r[field]] = r["n"]
        return out

    if annexes:
        by_age = grouped(victims_qs, "age_group")
        by_exploitation = grouped(victims_qs.filter(case__exploitations__isnull=False),
                                  "case__exploitations__type")
        services = {}
        for r in (Service.objects.filter(vwithin, status=Service.Status.GIVEN,
                                         case__is_official=True, case__report_date__range=span,
                                         victim__deleted_at__isnull=True)
                  .annotate(holder=vkey).values("holder", "type")
                  .annotate(n=Count("victim", distinct=True)).order_by()):
            services.setdefault(r["holder"], {})[r["type"]] = r["n"]
    rows = []
    for child in children:
        c, v = cases.get(child.pk, {}), victims.get(child.pk, {})
        row = {
            "code": child.code, "name": child.name, "level": child.level,
            "cases": c.get("n", 0), "served": c.get("served", 0), "victims": v.get("total", 0),
            "children": v.get("children", 0), "adults": v.get("adults", 0),
            "female": v.get("female", 0), "male": v.get("male", 0),
        }
        if annexes:
            row.update(
                by_age_group={g: by_age.get(child.pk, {}).get(g, 0) for g in AGE_GROUPS},
                by_exploitation={t: by_exploitation.get(child.pk, {}).get(t, 0)
                                 for t in Exploitation.Type.values},
                services={t: services.get(child.pk, {}).get(t, 0) for t in Service.Type.values})
        rows.append(row)
    return rows


# What a change to a case was, by its audit action (cases.services), as the report page says it.
CHANGE_KINDS = OrderedDict([
    ("case.create", _l("kasus dicatat")),
    ("case.update", _l("data kasus diubah")),
    ("victim.update", _l("data korban diubah")),
    ("case.submit", _l("dikirim untuk verifikasi")),
    ("case.verify", _l("diverifikasi")),
    ("case.return", _l("dikembalikan untuk diperbaiki")),
    ("case.close", _l("ditutup")),
    ("case.delete", _l("dihapus")),
    ("service.add", _l("layanan dicatat")),
    ("service.update", _l("layanan diperbaiki")),
    ("service.remove", _l("layanan dihapus")),
    ("perpetrator.add", _l("pelaku dicatat")),
    ("referral.accept", _l("rujukan diterima")),
])
CHANGES_SHOWN = 50


@rls_bypass(reason="changes to a finalised year's cases held by the task force or one below: "
                   "register numbers, task force names, kinds and times only")
def changes_since(task_force: TaskForce, year: int, *, since, limit: int | None = None) -> dict:
    """The changes made after `since` to the cases of `year` held by the task force or by one
    below it (a province: its districts; the nation: everyone), whoever made them: from the audit
    rows the case services write (edits, verifications, deletions, services, perpetrators, a
    referral accepted, imported). De-identified: the register number, the task force that made
    the change, what kind of change, when. One query (the year's cases are subqueries of it),
    and one more to count them when there are `limit` or more.

    {"rows": [{"register_number", "task_force", "kind", "at"}], "total": n, "more": n - shown}"""
    limit = limit or CHANGES_SHOWN
    span = (date(year, 1, 1), date(year, 12, 31))
    cases = Case.objects.filter(_held(task_force), report_date__range=span)
    case_codes = cases.annotate(c=Cast("code", CharField())).values("c")
    victim_codes = (Victim.objects.filter(case__in=cases.values("id"))
                    .annotate(c=Cast("code", CharField())).values("c"))
    referral_codes = (Referral.objects.filter(case__in=cases.values("id"))
                      .annotate(c=Cast("code", CharField())).values("c"))
    events = AuditEvent.objects.filter(
        Q(object_type="cases.Case", object_code__in=case_codes)
        | Q(object_type="cases.Victim", object_code__in=victim_codes)
        | Q(object_type="cases.Referral", object_code__in=referral_codes),
        at__gt=since, action__in=list(CHANGE_KINDS))

    def register_number(model):
        return Subquery(model.objects.filter(code=Cast(OuterRef("object_code"), UUIDField()))
                        .values("case__register_number" if model is not Case
                                else "register_number")[:1])

    rows = list(events.annotate(
        register_number=DbCase(
            When(object_type="cases.Case", then=register_number(Case)),
            When(object_type="cases.Victim", then=register_number(Victim)),
            When(object_type="cases.Referral", then=register_number(Referral)),
            output_field=CharField()))
        .order_by("-at", "-id")
        .values("register_number", "task_force__name", "action", "at")[:limit])
    total = len(rows) if len(rows) < limit else events.count()
    return {"rows": [{"register_number": r["register_number"], "task_force": r["task_force__name"],
                      "kind": str(CHANGE_KINDS[r["action"]]), "at": r["at"]} for r in rows],
            "total": total, "more": total - len(rows)}


DEFAULT_LEGAL_BASIS = (
    ("Undang-Undang Nomor 21 Tahun 2007 tentang Pemberantasan Tindak Pidana Perdagangan Orang",
     2007, None),
    ("Peraturan Presiden Nomor 69 Tahun 2008 tentang Gugus Tugas Pencegahan dan Penanganan "
     "Tindak Pidana Perdagangan Orang", 2008, 2022),
    ("Peraturan Presiden Nomor 22 Tahun 2021 tentang Perubahan atas Peraturan Presiden Nomor 69 "
     "Tahun 2008 tentang Gugus Tugas Pencegahan dan Penanganan Tindak Pidana Perdagangan Orang",
     2021, 2022),
    ("Peraturan Presiden Nomor 49 Tahun 2023 tentang Gugus Tugas Pencegahan dan Penanganan "
     "Tindak Pidana Perdagangan Orang", 2023, None),
)


@rls_bypass(reason="the national legal-basis list: every task force reads it, the nation keeps it")
def legal_basis_list():
    return list(LegalBasis.objects.filter(task_force__level=TaskForce.Level.NATIONAL))


@rls_bypass(reason="the national legal-basis list is read by every task force's report")
def legal_basis_for(year: int) -> list[str]:
    """The national regulations in force in `year` (the nation's list, reports.LegalBasis; the
    built-in list while the national secretariat has not kept one)."""
    rows = list(LegalBasis.objects.filter(task_force__level=TaskForce.Level.NATIONAL)
                .values_list("title", "valid_from", "valid_until"))
    rows = rows or list(DEFAULT_LEGAL_BASIS)
    return [t for t, start, until in rows if start <= year and (until is None or year <= until)]
