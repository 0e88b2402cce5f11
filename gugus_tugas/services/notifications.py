"""Email notifications of events people must act on: a case returned, a referral received,
a referral accepted or declined.

An event is an audit row (`audit_record` hands each one here): the rows named in `EVENTS` get one
`Notification` per recipient, keyed by the audit row, so an event is told to a person at most
once. By the person's choice (`User.notify`) it is emailed at once (a Celery task, queued on
commit), collected for the daily digest (Celery beat, `notifications_digest_send`), or not at all.
The identity-role grant is announced by `services.people` itself."""

import logging
from collections import defaultdict

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from ..models import Membership, Notification, TaskForce, User
from ..roles import Perm, Role
from ..scoping import rls_bypass

log = logging.getLogger(__name__)

SEND_TASK = "gugus_tugas.notifications_send"
# who hears of a referral received: the people who answer it
REFERRAL_RECEIVERS = (Role.SECRETARIAT_ADMIN, Role.DATA_OFFICER, Role.DATA_VERIFIER)


def _url(name, *args) -> str:
    return settings.SITE_URL.rstrip("/") + reverse(name, args=args)


def _active(user_ids, task_force: TaskForce, *, perm: Perm | None = None,
            roles=None) -> list[User]:
    """Those of `user_ids` (None: anyone) who are still active members of the task force, with the
    permission or one of the roles."""
    qs = Membership.objects.filter(task_force=task_force, is_active=True, user__is_active=True)
    if user_ids is not None:
        qs = qs.filter(user_id__in=[pk for pk in user_ids if pk is not None])
    if roles is not None:
        qs = qs.filter(role__in=roles)
    found = {}
    for m in qs.select_related("user"):
        if perm is None or m.grants(perm):
            found[m.user_id] = m.user
    return list(found.values())


def _case_returned(case, actor):
    people = _active([case.created_by_id, case.edited_by_id], case.task_force, perm=Perm.ENTER_CASES)
    link = _url("cases:detail", case.task_force.code, case.code)

    def message():
        return (_("Kasus %(number)s dikembalikan") % {"number": case.register_number},
                _("Kasus %(number)s di %(tf)s dikembalikan oleh %(who)s untuk diperbaiki.\n\n"
                  "Alasan: %(reason)s\n\nPerbaiki lalu kirim lagi untuk verifikasi: %(link)s")
                % {"number": case.register_number, "tf": case.task_force.name,
                   "who": actor or _("verifikator"), "reason": case.status_reason, "link": link})
    return case.task_force, people, message, link


def _referral_received(referral, actor):
    receiver = referral.to_task_force
    people = _active(None, receiver, roles=REFERRAL_RECEIVERS)
    link = _url("cases:referrals", receiver.code)

    def message():
        return (_("Rujukan kasus masuk dari %(sender)s") % {"sender": referral.from_task_force.name},
                _("%(sender)s merujuk kasus %(number)s kepada %(tf)s.\n\nAlasan rujukan: "
                  "%(reason)s\n\nTerima atau tolak rujukan ini: %(link)s")
                % {"sender": referral.from_task_force.name, "number": referral.case.register_number,
                   "tf": receiver.name, "reason": referral.reason, "link": link})
    return receiver, people, message, link


def _referral_answered(referral, actor):
    sender = referral.from_task_force
    people = _active([referral.created_by_id], sender)
    link = _url("cases:referrals", sender.code)
    accepted = referral.status == referral.Status.ACCEPTED

    def message():
        values = {"number": referral.case.register_number, "tf": referral.to_task_force.name,
                  "note": referral.decision_note, "link": link}
        if accepted:
            return (_("Rujukan kasus %(number)s diterima") % values,
                    _("%(tf)s menerima rujukan kasus %(number)s.\n\n%(link)s") % values)
        return (_("Rujukan kasus %(number)s ditolak") % values,
                _("%(tf)s menolak rujukan kasus %(number)s.\n\nAlasan: %(note)s\n\n%(link)s")
                % values)
    return sender, people, message, link


EVENTS = {
    "case.return": _case_returned,
    "referral.create": _referral_received,
    "referral.accept": _referral_answered,
    "referral.decline": _referral_answered,
}


def notifications_for_event(*, audit_event, obj, actor=None) -> list[Notification]:
    """Record who must hear of this audited event (nothing for events not in `EVENTS`), in the
    event's transaction, and email those who want it at once after the commit."""
    build = EVENTS.get(audit_event.action)
    if build is None or obj is None:
        return []
    with rls_bypass(reason="a referral concerns two task forces: recipients by membership"):
        task_force, people, message, link = build(obj, actor)
        rows = []
        for person in people:
            if actor is not None and person.pk == actor.pk or person.notify == User.Notify.NONE:
                continue
            with translation.override(person.language or settings.LANGUAGE_CODE):
                subject, body = message()
            rows.append(Notification(
                task_force=task_force, user=person, key=f"{audit_event.action}:{audit_event.pk}",
                event=audit_event.action, subject=subject[:200], body=body, link=link,
                digest=person.notify == User.Notify.DAILY))
        if not rows:
            return []
        created = Notification.objects.bulk_create(rows, ignore_conflicts=True)
        # ignore_conflicts returns no ids: look the rows up
        now = list(Notification.objects.filter(key=rows[0].key, digest=False,
                                               sent_at__isnull=True).values_list("pk", flat=True))
    if now:
        transaction.on_commit(lambda: _queue(now))
    return created


def _queue(ids):
    from ..tasks import QueueUnavailable, publish

    try:
        publish(SEND_TASK, ids)
    except QueueUnavailable as exc:  # the daily digest sends what is left unsent
        log.warning("notifications %s not queued: %s", ids, exc)


def notifications_send(*, ids: list[int]) -> int:
    """Email each of these notifications that is still unsent, one email each; a row is claimed
    under a lock, so two workers never send it twice. Returns the number sent."""
    sent = 0
    with rls_bypass(reason="notifications are read by their own ids, for their recipients"):
        for pk in ids:
            with transaction.atomic():
                row = (Notification.objects.select_for_update(skip_locked=True)
                       .select_related("user").filter(pk=pk, sent_at__isnull=True).first())
                if row is None:
                    continue
                send_mail(row.subject, row.body, None, [row.user.email])
                row.sent_at = timezone.now()
                row.save(update_fields=["sent_at"])
                sent += 1
    return sent


def notifications_digest_send(*, until=None) -> int:
    """One email per person listing every notification not yet sent (the day's digest, and any
    immediate one whose task never ran). Returns the number of emails."""
    until = until or timezone.now()
    emails = 0
    with rls_bypass(reason="notifications are read by their own ids, for their recipients"):
        users = (Notification.objects.filter(sent_at__isnull=True, created_at__lte=until)
                 .values_list("user_id", flat=True).distinct())
        for user_id in list(users):
            with transaction.atomic():
                rows = list(Notification.objects.select_for_update(skip_locked=True, of=("self",))
                            .select_related("user", "task_force")
                            .filter(user_id=user_id, sent_at__isnull=True, created_at__lte=until))
                if not rows:
                    continue
                person = rows[0].user
                by_tf = defaultdict(list)
                for row in rows:
                    by_tf[row.task_force.name].append(row)
                with translation.override(person.language or settings.LANGUAGE_CODE):
                    subject = _("Ringkasan GT PP-TPPO: %(n)s pemberitahuan") % {"n": len(rows)}
                    parts = [_("Yang terjadi sejak ringkasan terakhir:")]
                    for name, items in by_tf.items():
                        parts.append(f"\n{name}")
                        parts += [f"- {r.subject}\n  {r.link}" for r in items]
                    parts.append("\n" + _("Ubah pilihan email di profil Anda: %(link)s")
                                 % {"link": _url("user_profile")})
                send_mail(subject, "\n".join(parts), None, [person.email])
                Notification.objects.filter(pk__in=[r.pk for r in rows]).update(
                    sent_at=timezone.now())
                emails += 1
    return emails
