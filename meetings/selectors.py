"""Reads of the meetings app. The task force is always named; roll-ups over the task forces below
read counts and statuses inside their scope, never what they wrote."""

import calendar
import math
from collections import OrderedDict
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Case as DbCase
from django.db.models import Count, IntegerField, Max, Q, Value, When
from django.utils import timezone

from gugus_tugas.models import TaskForce
from gugus_tugas.scoping import task_force_scope

from .models import (
    OPEN_STATUSES,
    Agreement,
    Attendance,
    FollowUpStatus,
    Meeting,
    MeetingRule,
    Recommendation,
    SentReminder,
)

AGREEMENT_WARNING_DAYS = 90


def meeting_list(*, task_force: TaskForce, year: int | None = None):
    qs = Meeting.objects.filter(task_force=task_force).annotate(
        n_recommendations=Count("recommendations", distinct=True))
    if year:
        qs = qs.filter(start_date__year=year)
    return qs.order_by("-start_date", "-id")


def meeting_detail_parts(meeting: Meeting) -> dict:
    attendance = list(meeting.attendance.select_related("decree_member"))
    recommendations = list(meeting.recommendations.select_related("responsible_member")
                           .annotate(n_copies=Count("copies")))
    return {
        "attendance": attendance,
        "attending": sum(1 for a in attendance if a.status in Attendance.ATTENDING),
        "speakers": list(meeting.speakers.all()),
        "attachments": list(meeting.attachments.all()),
        "recommendations": recommendations,
        "agreements": list(meeting.agreements.all()),
    }


@dataclass
class CalendarDay:
    day: date | None
    meetings: list = field(default_factory=list)
    today: bool = False


def meeting_calendar(*, task_force: TaskForce, year: int, month: int) -> list[list[CalendarDay]]:
    """Weeks (Monday first) of the month, each day with the meetings running on it."""
    first = date(year, month, 1)
    last = date(year, month, calendar.monthrange(year, month)[1])
    meetings = list(Meeting.objects.filter(task_force=task_force, start_date__lte=last,
                                           end_date__gte=first).order_by("start_date", "id"))
    today = timezone.localdate()
    weeks = []
    for week in calendar.Calendar(firstweekday=0).monthdatescalendar(year, month):
        row = []
        for d in week:
            if d.month != month:
                row.append(CalendarDay(None))
                continue
            row.append(CalendarDay(d, [m for m in meetings if m.start_date <= d <= m.end_date],
                                   d == today))
        weeks.append(row)
    return weeks


def overdue_q(today: date) -> Q:
    return Q(due_date__lt=today, status__in=OPEN_STATUSES)


def recommendation_board(*, task_force: TaskForce, filters: dict, today: date | None = None):
    """The task force's recommendations (its meetings' and those received from above): overdue
    first, then by due date (none last), then meeting and number."""
    today = today or timezone.localdate()
    qs = Recommendation.objects.filter(task_force=task_force)
    if filters.get("status") == "overdue":
        qs = qs.filter(overdue_q(today))
    elif filters.get("status"):
        qs = qs.filter(status=filters["status"])
    if filters.get("agency"):
        qs = qs.filter(Q(responsible_agency__icontains=filters["agency"])
                       | Q(responsible_member__agency__icontains=filters["agency"]))
    if filters.get("due_before"):
        qs = qs.filter(due_date__lte=filters["due_before"])
    if filters.get("due_after"):
        qs = qs.filter(due_date__gte=filters["due_after"])
    if filters.get("origin") == "own":
        qs = qs.filter(source__isnull=True)
    elif filters.get("origin") == "received":
        qs = qs.filter(source__isnull=False)
    if filters.get("q"):
        qs = qs.filter(text__icontains=filters["q"])
    return qs.annotate(
        overdue_rank=DbCase(When(overdue_q(today), then=Value(0)), default=Value(1),
                            output_field=IntegerField()),
    ).order_by("overdue_rank", "due_date", "-issued_on", "meeting_id", "number", "id")


def board_rows(ids: list[int], *, task_force: TaskForce):
    """The page's recommendations with their meeting, and for those sent down the counts of the
    receivers by status: two queries whatever the page size."""
    rows = list(Recommendation.objects.filter(pk__in=ids)
                .select_related("meeting", "responsible_member", "source_task_force"))
    order = {pk: i for i, pk in enumerate(ids)}
    rows.sort(key=lambda r: order[r.pk])
    sent = sent_down_counts(task_force=task_force, sources=[r.pk for r in rows])
    today, labels = timezone.localdate(), status_labels()
    for r in rows:
        r.sent = sent.get(r.pk)
        r.overdue = r.is_overdue(today)
        r.status_label = labels[r.status]
    return rows


def _below_ids(task_force: TaskForce) -> list[int]:
    return list(task_force.descendants().exclude(pk=task_force.pk).values_list("pk", flat=True))


def sent_down_counts(*, task_force: TaskForce, sources: list[int]) -> dict[int, dict]:
    """For each of the sender's recommendations: how many task forces below received it, and how
    many of them report it done / in progress / not started / cannot / overdue. Counts only."""
    if not sources or task_force.level == TaskForce.Level.DISTRICT:
        return {}
    today = timezone.localdate()
    below = _below_ids(task_force)
    out: dict[int, dict] = {}
    with task_force_scope(below):
        for row in (Recommendation.objects.filter(source__in=sources, task_force__in=below)
                    .values("source_id")
                    .annotate(total=Count("id"),
                              done=Count("id", filter=Q(status=FollowUpStatus.DONE)),
                              in_progress=Count("id", filter=Q(status=FollowUpStatus.IN_PROGRESS)),
                              cannot=Count("id", filter=Q(status=FollowUpStatus.CANNOT)),
                              overdue=Count("id", filter=overdue_q(today)))
                    .order_by()):
            row["not_started"] = row["total"] - row["done"] - row["in_progress"] - row["cannot"]
            out[row["source_id"]] = row
    return out


def sent_down_table(*, recommendation: Recommendation) -> list[dict]:
    """Who did what with a recommendation sent down: one row per receiving task force with its
    status, the date of its latest follow-up and how many it recorded (not their notes)."""
    sender = recommendation.task_force
    below = _below_ids(sender)
    if not below:
        return []
    today = timezone.localdate()
    with task_force_scope(below):
        rows = list(Recommendation.objects.filter(source=recommendation, task_force__in=below)
                    .values("task_force__code", "task_force__name", "task_force__level",
                            "status", "status_date", "due_date")
                    .annotate(n_follow_ups=Count("follow_ups"),
                              last_follow_up=Max("follow_ups__date"))
                    .order_by("task_force__code"))
    labels = dict(FollowUpStatus.choices)
    for r in rows:
        r["status_label"] = labels[r["status"]]
        r["overdue"] = bool(r["due_date"] and r["due_date"] < today and r["status"] in OPEN_STATUSES)
    return rows


def follow_ups_of(recommendation: Recommendation):
    return list(recommendation.follow_ups.select_related("created_by"))


# ---- meeting rule and compliance -------------------------------------------------------------

@dataclass
class RuleInfo:
    per_year: int
    interval_months: int | None
    basis: str

    @property
    def required_per_year(self) -> int:
        by_interval = math.ceil(12 / self.interval_months) if self.interval_months else 0
        return max(self.per_year, by_interval)

    def required_by_quarter(self, q: int) -> int:
        """Meetings that should have been held by the end of quarter q (1-4), cumulative."""
        return math.floor(self.required_per_year * q / 4)


def meeting_rule(*, task_force: TaskForce) -> RuleInfo:
    rule = MeetingRule.objects.filter(task_force=task_force).first()
    return RuleInfo(task_force.meetings_required_per_year,
                    rule.interval_months if rule else None, rule.basis if rule else "")


def held_by_quarter(task_forces: list[int], year: int) -> dict[int, list[int]]:
    counts: dict[int, list[int]] = {pk: [0, 0, 0, 0] for pk in task_forces}
    qs = (Meeting.objects.filter(task_force__in=task_forces, status=Meeting.Status.HELD,
                                 start_date__year=year)
          .values("task_force_id", "start_date__quarter").annotate(n=Count("id")).order_by())
    for row in qs:
        counts[row["task_force_id"]][row["start_date__quarter"] - 1] = row["n"]
    return counts


def _compliance_row(tf, rule: RuleInfo, quarters: list[int], year: int, today: date) -> dict:
    cumulative, q_rows = 0, []
    for q in range(1, 5):
        cumulative += quarters[q - 1]
        q_end = date(year, 3 * q, calendar.monthrange(year, 3 * q)[1])
        needed = rule.required_by_quarter(q)
        q_rows.append({"quarter": q, "held": quarters[q - 1], "cumulative": cumulative,
                       "needed": needed, "met": cumulative >= needed,
                       "closed": q_end < today})
    held = sum(quarters)
    return {"code": tf.code, "name": tf.name, "level": tf.level, "held": held,
            "required": rule.required_per_year, "interval_months": rule.interval_months,
            "met": held >= rule.required_per_year, "quarters": q_rows}


def compliance(*, task_force: TaskForce, year: int, today: date | None = None) -> dict:
    """Meetings held against the rule, per quarter, for the task force and (a province, the
    nation) each task force directly below it. Counts only."""
    today = today or timezone.localdate()
    own_quarters = held_by_quarter([task_force.pk], year)[task_force.pk]
    own = _compliance_row(task_force, meeting_rule(task_force=task_force), own_quarters, year,
                          today)
    children = list(TaskForce.objects.filter(parent=task_force).order_by("code"))
    below_rows = compliance_rows(children, year=year, today=today)
    return {"year": year, "own": own, "below": below_rows,
            "below_met": sum(1 for r in below_rows if r["met"])}


def compliance_rows(task_forces: list[TaskForce], *, year: int,
                    today: date | None = None) -> list[dict]:
    """Meetings held against the rule in `year`, one row per task force given (in that order),
    read inside their scope: two queries whatever their number. Counts only."""
    if not task_forces:
        return []
    today = today or timezone.localdate()
    ids = [c.pk for c in task_forces]
    with task_force_scope(ids):
        held = held_by_quarter(ids, year)
        rules = {r.task_force_id: r for r in MeetingRule.objects.filter(task_force__in=ids)}
    rows = []
    for c in task_forces:
        r = rules.get(c.pk)
        info = RuleInfo(c.meetings_required_per_year, r.interval_months if r else None,
                        r.basis if r else "")
        rows.append(_compliance_row(c, info, held[c.pk], year, today))
    return rows


def overdue_counts(ids: list[int], *, today: date | None = None) -> dict[int, int]:
    """How many recommendations each of the task forces `ids` has overdue today (counts only,
    read inside their scope): one query."""
    today = today or timezone.localdate()
    if not ids:
        return {}
    with task_force_scope(ids):
        return dict(Recommendation.objects.filter(overdue_q(today), task_force__in=ids)
                    .values("task_force_id").annotate(n=Count("id"))
                    .values_list("task_force_id", "n").order_by())


# ---- agreements, reminders --------------------------------------------------------------------

def agreement_list(*, task_force: TaskForce, today: date | None = None):
    today = today or timezone.localdate()
    rows = list(Agreement.objects.filter(task_force=task_force)
                .select_related("meeting").prefetch_related("recommendations", "rad_activities"))
    for a in rows:
        a.days_left = (a.valid_until - today).days if a.valid_until else None
        a.expired = a.days_left is not None and a.days_left < 0
        a.expiring = a.days_left is not None and 0 <= a.days_left <= AGREEMENT_WARNING_DAYS
    return rows


def reminders_sent(*, task_force: TaskForce, limit: int = 50):
    return list(SentReminder.objects.filter(task_force=task_force)
                .select_related("recommendation")[:limit])


# ---- the annual report's Koordinasi section ---------------------------------------------------

def coordination_figures(task_force: TaskForce, year: int, today: date | None = None) -> dict:
    """The `meetings` and `recommendations` parts of the annual figures: the meetings this task
    force held in the year (dates, attendance), the rule met or not, and its recommendations of
    the year (its meetings' and those received) by follow-up status, the overdue ones named."""
    today = today or timezone.localdate()
    end = min(today, date(year, 12, 31))
    with task_force_scope(task_force):
        meetings = list(
            Meeting.objects.filter(task_force=task_force, status=Meeting.Status.HELD,
                                   start_date__year=year)
            .annotate(present=Count("attendance", filter=Q(attendance__status__in=Attendance.ATTENDING),
                                    distinct=True),
                      n_recommendations=Count("recommendations", distinct=True))
            .order_by("start_date", "id"))
        rule = meeting_rule(task_force=task_force)
        recs = Recommendation.objects.filter(task_force=task_force, issued_on__year=year)
        by_status = {r["status"]: r["n"] for r in recs.values("status").annotate(n=Count("id"))
                     .order_by()}
        overdue = list(recs.filter(due_date__lt=end, status__in=OPEN_STATUSES)
                       .select_related("meeting").order_by("due_date", "number")[:100])
    held = len(meetings)
    total = sum(by_status.values())
    return {
        "meetings": OrderedDict(
            held=held, required=rule.required_per_year, rule_met=held >= rule.required_per_year,
            interval_months=rule.interval_months, basis=rule.basis, recorded=True,
            list=[OrderedDict(
                title=m.title, kind=m.get_kind_display(), start_date=m.start_date.isoformat(),
                end_date=m.end_date.isoformat(), city=m.city, venue=m.venue,
                participants=m.participant_count, present=m.present,
                recommendations=m.n_recommendations) for m in meetings],
        ),
        "recommendations": OrderedDict(
            total=total, done=by_status.get(FollowUpStatus.DONE, 0),
            by_status=OrderedDict((s, by_status.get(s, 0)) for s in FollowUpStatus.values),
            overdue=len(overdue), recorded=True,
            overdue_list=[OrderedDict(
                number=r.number, text=r.text, due_date=r.due_date.isoformat(),
                status=r.status,
                meeting=r.meeting.title if r.meeting_id else r.source_label) for r in overdue],
        ),
    }


def status_labels() -> dict:
    return {k: str(v) for k, v in FollowUpStatus.choices}


def upcoming_due(*, task_force: TaskForce, days: int = 7, today: date | None = None):
    today = today or timezone.localdate()
    return Recommendation.objects.filter(task_force=task_force, status__in=OPEN_STATUSES,
                                         due_date__range=(today, today + timedelta(days=days)))
