from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Prefetch
from django.utils import timezone

from .models import Decree, DecreeMember, Invitation, Membership, SubTaskForce, TaskForce
from .roles import MFA_REQUIRED_ROLES
from .scoping import rls_bypass

EXPIRY_WARNING_DAYS = 90
IDENTITY_GRANTS_SHOWN_DAYS = 90


def identity_role_grants(*, task_force: TaskForce, days: int = IDENTITY_GRANTS_SHOWN_DAYS):
    """Invitations to a role that sees victims' identities in the last `days`, newest first,
    whatever became of them (open, accepted, cancelled): the people page shows them."""
    since = timezone.now() - timedelta(days=days)
    return (Invitation.objects.filter(task_force=task_force, role__in=MFA_REQUIRED_ROLES,
                                      created_at__gte=since)
            .select_related("invited_by").order_by("-created_at"))


def _decrees(task_force: TaskForce):
    """The task force's decrees not revoked; the latest to begin first (a revision of the same
    period, signed later, before the one it revises)."""
    return (Decree.objects.filter(task_force=task_force).exclude(status=Decree.Status.REVOKED)
            .order_by("-period_start", "-date_signed", "-id"))


def _decrees_started(task_force: TaskForce, on: date):
    """Decrees signed and begun by `on`, not revoked, in `_decrees`' order."""
    return _decrees(task_force).filter(date_signed__lte=on, period_start__lte=on.year)


def decree_in_force(task_force: TaskForce, *, on: date) -> Decree | None:
    """The SK in force on `on`, read from its dates: signed by then, its period begun and not
    over, not revoked, and not followed by a later one that has begun. None if there was none
    (before the first SK, or between an expired SK and its successor)."""
    decree = _decrees_started(task_force, on).first()
    return decree if decree is not None and decree.period_end >= on.year else None


def decree_current(*, task_force: TaskForce) -> Decree | None:
    """The SK the home page shows: the one in force today or, if it has lapsed without a
    successor, the last one (so the page can say it has expired). An SK whose period has not
    begun is not current."""
    return _decrees_started(task_force, timezone.localdate()).first()


def decree_current_and_next(*, task_force: TaskForce, on: date | None = None
                            ) -> tuple[Decree | None, Decree | None]:
    """In one query: the SK `decree_current` gives, and the next SK to begin ("akan berlaku":
    recorded, its period not started yet), the first to begin if several wait."""
    on = on or timezone.localdate()
    decrees = list(_decrees(task_force))
    current = next((d for d in decrees if d.has_started(on)), None)
    waiting = [d for d in decrees if not d.has_started(on)]
    upcoming = min(waiting, key=lambda d: (d.begins_on, d.id)) if waiting else None
    return current, upcoming


def decree_list(*, task_force: TaskForce):
    return (Decree.objects.filter(task_force=task_force).select_related("replaces")
            .prefetch_related("replaced_by"))


@dataclass
class StructureGroup:
    sub_task_force: SubTaskForce | None
    members: list = field(default_factory=list)


@dataclass
class Structure:
    leaders: list  # ketua, wakil, ketua harian, sekretaris (no sub task force)
    groups: list[StructureGroup]
    member_count: int


LEADER_ORDER = [
    DecreeMember.Role.CHAIR, DecreeMember.Role.VICE_CHAIR, DecreeMember.Role.DAILY_CHAIR,
    DecreeMember.Role.SECRETARY,
]
ROLE_RANK = {r: i for i, r in enumerate(LEADER_ORDER + [DecreeMember.Role.SUB_CHAIR,
                                                         DecreeMember.Role.MEMBER])}


def decree_structure(*, decree: Decree) -> Structure:
    """The susunan keanggotaan: leaders first, then each sub task force with its members.

    Two queries whatever the size of the SK.
    """
    sub_task_forces = list(decree.sub_task_forces.all())
    members = list(decree.members.all())
    by_stf: dict[int | None, list] = {}
    leaders = []
    for m in sorted(members, key=lambda m: (ROLE_RANK.get(m.role, 99), m.order, m.id)):
        if m.sub_task_force_id is None and m.role in LEADER_ORDER:
            leaders.append(m)
        else:
            by_stf.setdefault(m.sub_task_force_id, []).append(m)
    groups = [StructureGroup(stf, by_stf.get(stf.pk, [])) for stf in sub_task_forces]
    if by_stf.get(None):
        groups.append(StructureGroup(None, by_stf[None]))
    return Structure(leaders=leaders, groups=groups, member_count=len(members))


def membership_list_for_user(*, user):
    """The task forces a person holds a role in (their own rows only)."""
    with rls_bypass(reason="the person's own memberships"):
        return list(
            Membership.objects.filter(user=user, is_active=True)
            .select_related("task_force", "task_force__parent")
            .order_by("task_force__code")
        )


def membership_list(*, task_force: TaskForce):
    from allauth.mfa.models import Authenticator
    from django.db.models import Exists, OuterRef

    totp = Authenticator.objects.filter(user=OuterRef("user"), type=Authenticator.Type.TOTP)
    return (
        Membership.objects.filter(task_force=task_force, is_active=True)
        .select_related("user")
        .annotate(user_has_mfa=Exists(totp))
        .order_by("role", "user__name")
    )


def child_task_forces(*, task_force: TaskForce):
    return TaskForce.objects.filter(parent=task_force).select_related("region")


__all__ = ["Prefetch", "decree_current", "decree_current_and_next", "decree_in_force", "decree_structure", "decree_list"]
