from django.db.models import Count, IntegerField, OuterRef, Prefetch, Q, Subquery

from .models import Case, Referral, Service, Victim


def case_filtered(*, task_force, filters: dict | None = None):
    """Cases the task force holds matching the filters (for counting: no joins for display)."""
    f = filters or {}
    qs = Case.objects.filter(deleted_at__isnull=True)
    if f.get("q"):
        qs = qs.filter(register_number__icontains=f["q"].strip())
    if f.get("year"):
        qs = qs.filter(year=f["year"])
    if f.get("status"):
        qs = qs.filter(status=f["status"])
    if f.get("exploitation"):
        qs = qs.filter(exploitations__type=f["exploitation"])
    if f.get("sex"):
        qs = qs.filter(victims__sex=f["sex"])
    if f.get("age") == "child":
        qs = qs.filter(victims__is_child=True)
    elif f.get("age") == "adult":
        qs = qs.filter(victims__is_child=False)
    if f.get("region"):
        code = f["region"]
        qs = qs.filter(Q(incident_region_id=code) | Q(incident_region__parent_id=code))
    if f.get("service"):
        qs = qs.filter(services__type=f["service"], services__status=Service.Status.GIVEN)
    if any(f.get(k) for k in ("exploitation", "sex", "age", "service")):
        qs = qs.distinct()
    return qs


def case_list(*, task_force, filters: dict | None = None):
    """Cases the task force holds, newest first, with what the list shows (no identities)."""
    qs = case_filtered(task_force=task_force, filters=filters).select_related(
        "incident_region", "task_force")
    # a correlated count, evaluated for the rows of the page only (no GROUP BY over the list)
    given = (Service.objects.filter(case=OuterRef("pk"), status=Service.Status.GIVEN)
             .order_by().values("case").annotate(c=Count("*")).values("c"))
    return qs.prefetch_related(
        Prefetch("victims", queryset=Victim.objects.filter(deleted_at__isnull=True).only(
            "id", "case_id", "initials", "sex", "is_child", "age_at_incident")),
        "exploitations",
    ).annotate(n_given=Subquery(given, output_field=IntegerField())).order_by("-report_date", "-id")


def case_detail_parts(case: Case):
    victims = list(
        case.victims.filter(deleted_at__isnull=True).select_related("origin_region")
        .prefetch_related("services")
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
