"""What waits for one person in one task force: the home page's inbox and the navigation badge.

One place composes the apps' selectors, per role, with a fixed number of queries (one per kind
of item the role sees; pinned in tests/gugus_tugas/test_inbox.py)."""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Q
from django.utils import timezone

from .models import Decree
from .roles import Perm, Role
from .selectors import EXPIRY_WARNING_DAYS, decree_current_and_next

ITEMS_SHOWN = 10  # per list; the count is exact, the list links on to the full page
RECOMMENDATIONS_DUE_DAYS = 14  # recommendations due within two weeks, and every overdue one
# who answers a referral for the receiving task force
REFERRAL_ROLES = frozenset({Role.SECRETARIAT_ADMIN, Role.COORDINATOR, Role.DATA_OFFICER,
                            Role.DATA_VERIFIER})


@dataclass
class Inbox:
    returned: list = field(default_factory=list)  # cases returned to the person who entered them
    returned_count: int = 0
    to_verify: list = field(default_factory=list)
    to_verify_count: int = 0
    referrals: list = field(default_factory=list)  # waiting for this task force's answer
    referrals_count: int = 0
    decree: Decree | None = None  # the SK in force when it ends within EXPIRY_WARNING_DAYS
    decree_days_left: int | None = None
    # an SK recorded whose period has not begun ("akan berlaku"): news, not a task, so it is
    # not counted; while it waits, the SK in force ending is no task either
    upcoming_decree: Decree | None = None
    current_decree: Decree | None = None
    recommendations: list = field(default_factory=list)
    recommendations_count: int = 0
    overdue_count: int = 0
    rad_due_count: int = 0
    rad_plan: object = None
    rad_period_label: str = ""

    @property
    def total(self) -> int:
        return (self.returned_count + self.to_verify_count + self.referrals_count
                + (1 if self.decree else 0) + self.recommendations_count + self.rad_due_count)

    @property
    def empty(self) -> bool:
        return self.total == 0 and self.upcoming_decree is None


def _returned(inbox, *, task_force, user):
    from cases.models import Case

    qs = (Case.objects.filter(task_force=task_force, status=Case.Status.RETURNED,
                              deleted_at__isnull=True)
          .filter(Q(created_by=user) | Q(edited_by=user))
          .only("code", "register_number", "status_reason", "updated_at")
          .order_by("-updated_at"))
    rows = list(qs[:ITEMS_SHOWN + 1])
    inbox.returned = rows[:ITEMS_SHOWN]
    inbox.returned_count = len(rows) if len(rows) <= ITEMS_SHOWN else qs.count()


def _to_verify(inbox, *, task_force, user):
    """Submitted cases this person may verify: not those she entered or changed since their
    last verification (four eyes, cases.workflow), unless the task force allows it."""
    from cases.models import Case
    from cases.workflow import four_eyes

    rows = list(Case.objects.filter(task_force=task_force, status=Case.Status.SUBMITTED,
                                    deleted_at__isnull=True)
                .only("code", "register_number", "submitted_at", "created_by", "edited_by",
                      "editors", "task_force")
                .order_by("submitted_at", "id"))
    mine = []
    for case in rows:
        case.task_force = task_force  # no query per case for the four-eyes rule
        if four_eyes(case, user) is None:
            mine.append(case)
    inbox.to_verify = mine[:ITEMS_SHOWN]
    inbox.to_verify_count = len(mine)


def _referrals(inbox, *, task_force):
    from cases.models import Referral

    rows = list(Referral.objects.filter(to_task_force=task_force,
                                        status=Referral.Status.PENDING)
                .select_related("case", "from_task_force")
                .only("code", "created_at", "case__register_number", "from_task_force__name")
                .order_by("created_at"))
    inbox.referrals = rows[:ITEMS_SHOWN]
    inbox.referrals_count = len(rows)


def _decree(inbox, *, task_force, today):
    decree, upcoming = decree_current_and_next(task_force=task_force, on=today)
    inbox.current_decree, inbox.upcoming_decree = decree, upcoming
    if decree is not None and upcoming is None:
        days = decree.days_to_expiry(today)
        if days <= EXPIRY_WARNING_DAYS:
            inbox.decree, inbox.decree_days_left = decree, days


def _recommendations(inbox, *, task_force, today):
    from meetings.models import OPEN_STATUSES, Recommendation

    rows = list(Recommendation.objects.filter(
        task_force=task_force, status__in=OPEN_STATUSES,
        due_date__lte=today + timedelta(days=RECOMMENDATIONS_DUE_DAYS))
        .only("code", "number", "text", "due_date").order_by("due_date", "id"))
    inbox.recommendations = rows[:ITEMS_SHOWN]
    inbox.recommendations_count = len(rows)
    inbox.overdue_count = sum(1 for r in rows if r.due_date < today)


def _rad(inbox, *, task_force, membership, today):
    from rad.selectors import plan_in_force, progress_due, reporting_agency
    from rad.services import current_period

    plan = plan_in_force(task_force=task_force)
    if plan is None:
        return
    agency = reporting_agency(membership=membership)
    if agency == "":  # an agency officer with no agency named yet reports nothing
        return
    year, period = current_period(plan, today)
    if not plan.first_year <= year <= plan.last_year:
        return
    inbox.rad_plan = plan
    inbox.rad_period_label = plan.period_label_of(period)
    inbox.rad_due_count = progress_due(plan=plan, year=year, period=period, agency=agency).count()


def inbox_for(*, user, membership, today: date | None = None) -> Inbox:
    """Everything waiting for this person in the membership's task force, by what her role does:
    returned cases (ENTER_CASES), cases to verify (VERIFY_CASES), referrals to answer, the SK
    about to expire or the next one about to begin (MANAGE_DECREES), recommendations due (MANAGE_MEETINGS), RAD progress due
    for the current period (REPORT_RAD_PROGRESS)."""
    inbox = Inbox()
    if membership is None:
        return inbox
    task_force = membership.task_force
    today = today or timezone.localdate()
    if membership.grants(Perm.ENTER_CASES):
        _returned(inbox, task_force=task_force, user=user)
    if membership.grants(Perm.VERIFY_CASES):
        _to_verify(inbox, task_force=task_force, user=user)
    if membership.role in REFERRAL_ROLES:
        _referrals(inbox, task_force=task_force)
    if membership.grants(Perm.MANAGE_DECREES):
        _decree(inbox, task_force=task_force, today=today)
    if membership.grants(Perm.MANAGE_MEETINGS):
        _recommendations(inbox, task_force=task_force, today=today)
    if membership.grants(Perm.REPORT_RAD_PROGRESS):
        _rad(inbox, task_force=task_force, membership=membership, today=today)
    return inbox
