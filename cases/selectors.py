from django.db.models import Count, IntegerField, OuterRef, Prefetch, Q, Subquery

from gugus_tugas.models import TaskForce
from gugus_tugas.scoping import rls_bypass

from .models import Case, CaseAccess, Exploitation, Referral, RoutePoint, Service, Victim


def case_filtered(*, task_force, filters: dict | None = None):
    """The task force's CaseAccess rows of the cases matching the filters, newest first.

    The list counts, orders and pages these: its own rows, which carry copies of the case fields
    it sorts and filters on, walked along one index; only the page's cases are loaded then."""
    f = filters or {}
    qs = CaseAccess.objects.filter(case_deleted=False)
    if f.get("q"):
        # register numbers are digits, dots and slashes: a plain LIKE, which the trigram index
        # serves (icontains wraps the column in UPPER() and would read every case held)
        qs = qs.filter(case__register_number__contains=f["q"].strip())
    if f.get("year"):
        qs = qs.filter(year=f["year"])
    if f.get("status"):
        qs = qs.filter(status=f["status"])
    # conditions on a case's many rows: joins and one DISTINCT (measured faster here than EXISTS
    # tests, whose scoped subqueries probe every case the task force holds)
    if f.get("exploitation"):
        qs = qs.filter(case__exploitations__type=f["exploitation"])
    if f.get("sex"):
        qs = qs.filter(case__victims__sex=f["sex"], case__victims__deleted_at__isnull=True)
    if f.get("age") in ("child", "adult"):
        qs = qs.filter(case__victims__is_child=f["age"] == "child",
                       case__victims__deleted_at__isnull=True)
    if f.get("region"):
        code = f["region"]
        qs = qs.filter(Q(case__incident_region_id=code) | Q(case__incident_region__parent_id=code))
    if f.get("service"):
        qs = qs.filter(case__services__type=f["service"],
                       case__services__status=Service.Status.GIVEN)
    if any(f.get(k) for k in ("exploitation", "sex", "age", "service")):
        qs = qs.distinct()
    return qs.order_by("-report_date", "-case_id")


def _for_display(qs):
    """What the list and the export show of each case (no identities).

    Distinct throughout: in the scope of several task forces (the list of cases below), a case
    two of them hold would otherwise come with its rows twice."""
    # a correlated count, evaluated for the rows loaded only (no GROUP BY over the list)
    given = (Service.objects.filter(case=OuterRef("pk"), status=Service.Status.GIVEN)
             .order_by().values("case").annotate(c=Count("id", distinct=True)).values("c"))
    return qs.select_related("incident_region", "task_force").prefetch_related(
        Prefetch("victims", queryset=Victim.objects.filter(deleted_at__isnull=True).only(
            "id", "case_id", "initials", "sex", "is_child", "age_at_incident", "age_group")
            .distinct()),
        Prefetch("exploitations", queryset=Exploitation.objects.distinct()),
    ).annotate(n_given=Subquery(given, output_field=IntegerField()))


def case_rows(case_ids: list[int]) -> list[Case]:
    """The cases of one page, in the page's order."""
    by_id = {c.pk: c for c in _for_display(Case.objects.filter(pk__in=case_ids))}
    return [by_id[i] for i in case_ids if i in by_id]


def cases_below(*, task_force, below: list[int], filters: dict | None = None):
    """De-identified list of the cases held by the task forces below (call inside
    `task_force_scope(below)`): each case once, under the task force that owns it, or under the
    one that accepted it when its owner is not below; drafts stay with their authors."""
    # the few rows of referred cases whose owner is below too, left out by id: a condition on
    # the case's own task force would join every case listed (500,000 for the nation)
    doubles = CaseAccess.objects.filter(kind=CaseAccess.Kind.RECEIVER,
                                        case__task_force_id__in=below).values("pk")
    return (case_filtered(task_force=task_force, filters=filters)
            .exclude(status=Case.Status.DRAFT)
            .exclude(pk__in=doubles))


def case_list(*, task_force, filters: dict | None = None):
    """Every case the task force holds matching the filters, newest first (the export)."""
    ids = case_filtered(task_force=task_force, filters=filters).values("case_id")
    return _for_display(Case.objects.filter(pk__in=ids)).order_by("-report_date", "-id")


def case_detail_parts(case: Case):
    victims = list(
        case.victims.filter(deleted_at__isnull=True).select_related("origin_region")
        .prefetch_related(Prefetch("services",
                                   queryset=Service.objects.select_related("task_force")))
    )
    return {
        "victims": victims,
        "exploitations": list(case.exploitations.all()),
        "route": list(case.route.select_related("region")),
        "perpetrators": list(case.perpetrators.all()),
        "attachments": list(case.attachments.all()),
        "referrals": list(case.referrals.select_related("from_task_force", "to_task_force")),
    }


def referral_lists(*, task_force):
    base = Referral.objects.select_related("case", "from_task_force", "to_task_force")
    return {
        "incoming": list(base.filter(to_task_force=task_force)[:200]),
        "outgoing": list(base.filter(from_task_force=task_force)[:200]),
    }


def awaiting_verification_count(*, task_force) -> int:
    return Case.objects.filter(task_force=task_force, status=Case.Status.SUBMITTED,
                               deleted_at__isnull=True).count()


def referral_facts(referrals) -> dict[int, dict]:
    """What a receiving task force needs to decide on a referral before it holds the case: per
    referral, its victims' sex and age group, the forms of exploitation, the services asked for,
    origin and destination. De-identified (no names, NIK, initials or exact ages), read by the
    referred cases' ids only."""
    case_ids = {r.case_id for r in referrals}
    if not case_ids:
        return {}
    sexes = dict(Victim.Sex.choices)
    kinds = dict(Exploitation.Type.choices)
    with rls_bypass(reason="the referred cases' facts by their ids: values only, no identity"):
        victims = list(Victim.objects.filter(case_id__in=case_ids, deleted_at__isnull=True)
                       .order_by("id").values_list("case_id", "sex", "age_group",
                                                   "origin_region__name"))
        exploitations = list(Exploitation.objects.filter(case_id__in=case_ids)
                             .values_list("case_id", "type"))
        route = list(RoutePoint.objects.filter(case_id__in=case_ids)
                     .exclude(kind=RoutePoint.Kind.TRANSIT).select_related("region")
                     .order_by("order", "id"))
    by_case = {cid: {"victims": [], "exploitation": [], "origin": [], "destination": []}
               for cid in case_ids}
    for cid, sex, group, home in victims:
        by_case[cid]["victims"].append({"sex": sexes.get(sex, sex), "age_group": group})
        if home and home not in by_case[cid]["origin"]:
            by_case[cid]["origin"].append(home)
    for cid, kind in exploitations:
        by_case[cid]["exploitation"].append(kinds.get(kind, kind))
    for point in route:
        if point.place not in by_case[point.case_id][point.kind]:
            by_case[point.case_id][point.kind].append(point.place)
    return {r.pk: {**by_case[r.case_id], "services": r.services_requested_labels}
            for r in referrals}


def referral_targets(*, task_force, case=None, q: str = "", limit: int = 12):
    """Task forces a case may be referred to: those whose name or code matches `q`, or, with no
    query, the task forces of the victims' origin regions first (and their provinces'). Public
    names and codes only: TaskForce is not tenant-owned."""
    others = TaskForce.objects.exclude(pk=task_force.pk).only("code", "name")
    q = (q or "").strip()
    if q:
        return list(others.filter(Q(name__icontains=q) | Q(code__startswith=q))
                    .order_by("level", "code")[:limit])
    if case is None:
        return []
    codes = [c for c in case.victims.filter(deleted_at__isnull=True)
             .values_list("origin_region_id", flat=True) if c]
    codes += [c for c in case.route.filter(kind=RoutePoint.Kind.ORIGIN)
              .values_list("region_id", flat=True) if c]
    codes = list(dict.fromkeys(codes))
    wanted = codes + [c.split(".")[0] for c in codes if "." in c]
    found = {tf.code: tf for tf in others.filter(code__in=wanted)}
    return [found[c] for c in dict.fromkeys(wanted) if c in found][:limit]
