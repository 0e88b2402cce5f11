"""Reminder emails to a task force's secretariat, each sent once.

A week before a recommendation is due, when it becomes overdue, and when the task force is about
to miss its meeting rule in the quarter (the last 30 days of a quarter with fewer meetings held
than the rule needs by its end). Each reminder first claims its row in SentReminder, whose `key`
is unique, then sends inside the same transaction: a second run (or a second worker) finds the
key taken and sends nothing; a failed send rolls the claim back so that the next run retries.
"""

import calendar
from datetime import date, timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from gugus_tugas.models import Membership, TaskForce
from gugus_tugas.roles import Role
from gugus_tugas.scoping import task_force_scope

from .models import OPEN_STATUSES, Recommendation, SentReminder
from .selectors import held_by_quarter, meeting_rule

DUE_SOON_DAYS = 7
RULE_WARNING_DAYS = 30


def secretariat_emails(task_force: TaskForce) -> list[str]:
    emails = set(Membership.objects.filter(task_force=task_force, is_active=True,
                                           role=Role.SECRETARIAT_ADMIN)
                 .values_list("user__email", flat=True))
    if task_force.email:
        emails.add(task_force.email)
    return sorted(emails)


def _send_once(*, task_force, kind, key, subject, body, recommendation=None) -> bool:
    recipients = secretariat_emails(task_force)
    if not recipients:
        return False
    try:
        with transaction.atomic():
            SentReminder.objects.create(task_force=task_force, kind=kind, key=key,
                                        recommendation=recommendation, subject=subject[:300],
                                        recipients=", ".join(recipients))
            send_mail(subject, body, None, recipients)
    except IntegrityError:
        return False  # already sent
    return True


def _link(name, **kwargs) -> str:
    return settings.SITE_URL.rstrip("/") + reverse(name, kwargs=kwargs)


def _recommendation_reminders(task_force, today) -> int:
    sent = 0
    open_recs = Recommendation.objects.filter(task_force=task_force, status__in=OPEN_STATUSES,
                                              due_date__isnull=False,
                                              due_date__lte=today + timedelta(days=DUE_SOON_DAYS))
    done = set(SentReminder.objects.filter(task_force=task_force, recommendation__in=open_recs)
               .values_list("key", flat=True))
    for rec in open_recs.select_related("meeting"):
        overdue = rec.due_date < today
        kind = SentReminder.Kind.OVERDUE if overdue else SentReminder.Kind.DUE_SOON
        key = f"{kind}:{rec.pk}"
        if key in done:
            continue
        origin = rec.meeting.title if rec.meeting_id else rec.source_label
        if overdue:
            subject = _("Rekomendasi %(n)d lewat tenggat (%(due)s)") % {
                "n": rec.number, "due": rec.due_date.strftime("%d/%m/%Y")}
        else:
            subject = _("Tenggat rekomendasi %(n)d: %(due)s") % {
                "n": rec.number, "due": rec.due_date.strftime("%d/%m/%Y")}
        body = _("%(tf)s\n\n%(origin)s, rekomendasi %(n)d:\n%(text)s\n\nTenggat: %(due)s. "
                 "Catat tindak lanjutnya di:\n%(link)s\n") % {
            "tf": task_force.name, "origin": origin, "n": rec.number, "text": rec.text,
            "due": rec.due_date.strftime("%d/%m/%Y"),
            "link": _link("meetings:recommendation", tf_code=task_force.code,
                          recommendation=rec.code)}
        sent += _send_once(task_force=task_force, kind=kind, key=key, subject=subject, body=body,
                           recommendation=rec)
    return sent


def _rule_reminder(task_force, today) -> int:
    rule = meeting_rule(task_force=task_force)
    if not rule.required_per_year:
        return 0
    quarter = (today.month - 1) // 3 + 1
    q_end = date(today.year, 3 * quarter, calendar.monthrange(today.year, 3 * quarter)[1])
    if (q_end - today).days > RULE_WARNING_DAYS:
        return 0
    held = sum(held_by_quarter([task_force.pk], today.year)[task_force.pk][:quarter])
    needed = rule.required_by_quarter(quarter)
    if held >= needed:
        return 0
    subject = _("Aturan rapat %(tf)s: %(held)d dari %(needed)d rapat sampai %(end)s") % {
        "tf": task_force.name, "held": held, "needed": needed, "end": q_end.strftime("%d/%m/%Y")}
    body = _("Sampai akhir triwulan %(q)d (%(end)s) %(tf)s seharusnya sudah menyelenggarakan "
             "%(needed)d rapat (aturan: minimal %(per_year)d setahun); tercatat %(held)d.\n"
             "Jadwalkan rapat atau catat rapat yang sudah terlaksana:\n%(link)s\n") % {
        "q": quarter, "end": q_end.strftime("%d/%m/%Y"), "tf": task_force.name,
        "needed": needed, "per_year": rule.required_per_year, "held": held,
        "link": _link("meetings:compliance", tf_code=task_force.code)}
    return int(_send_once(task_force=task_force, kind=SentReminder.Kind.MEETING_RULE,
                          key=f"meeting_rule:{task_force.pk}:{today.year}Q{quarter}",
                          subject=subject, body=body))


def reminders_send(*, today: date | None = None) -> int:
    """Send every reminder due today that has not been sent; returns how many were sent.

    Only task forces with a secretariat (an active secretariat admin) are reminded."""
    today = today or timezone.localdate()
    with task_force_scope(list(TaskForce.objects.values_list("pk", flat=True))):
        ids = set(Membership.objects.filter(is_active=True, role=Role.SECRETARIAT_ADMIN)
                  .values_list("task_force_id", flat=True))
    sent = 0
    for task_force in TaskForce.objects.filter(pk__in=ids).select_related("region"):
        with task_force_scope(task_force), timezone.override(task_force.timezone):
            sent += _recommendation_reminders(task_force, today)
            sent += _rule_reminder(task_force, today)
    return sent
