from dataclasses import dataclass, field
from datetime import timedelta

from django.db.models import Prefetch
from django.utils import timezone
from django_scopes import scopes_disabled

from .models import Decree, DecreeMember, Invitation, Membership, SubTaskForce, TaskForce
from .roles import MFA_REQUIRED_ROLES

EXPIRY_WARNING_DAYS = 90
IDENTITY_GRANTS_SHOWN_DAYS = 90


def identity_role_grants(*, task_force: TaskForce, days: int = IDENTITY_GRANTS_SHOWN_DAYS):
    """Invitations to a role that sees victims' identities in the last `days`, newest first,
    whatever became of them (open, accepted, cancelled): the people page shows them."""
    since = timezone.now() - timedelta(days=days)
    return (Invitation.objects.filter(task_force=task_force, role__in=MFA_REQUIRED_ROLES,
                                      created_at__gte=since)
            .select_related("invited_by").order_by("-created_at"))


def decree_current(*, task_force: TaskForce) -> Decree | None:
    return (
        Decree.objects.filter(task_force=task_force, status=Decree.Status.IN_FORCE)
        .order_by("-date_signed", "-id")
        .first()
    )


def decree_list(*, task_force: TaskForce):
    return Decree.objects.filter(task_force=task_force).select_related("replaces")


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
    with scopes_disabled():
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


__all__ = ["Prefetch", "decree_current", "decree_structure", "decree_list"]


def decree_in_force(task_force: TaskForce, *, on) -> Decree | None:
    """The SK in force on the date `on`: the latest signed on or before it that was not revoked
    (an SK replaced later was still in force then; its successor, signed later, is not yet)."""
    return (
        Decree.objects.filter(task_force=task_force, date_signed__lte=on)
        .exclude(status=Decree.Status.REVOKED)
        .order_by("-date_signed", "-id")
        .first()
    )
