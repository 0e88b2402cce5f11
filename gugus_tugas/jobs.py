"""Background jobs that never stay stuck: what report jobs and import jobs share.

A job row (`ReportJob`, `ImportJob`) has `status` (queued → running → done | failed),
`created_at`, `published_at` (last time a message was sent for it), `started_at`,
`heartbeat_at` (a running job's sign of life), `attempts` and `finished_at`.

- The claim is one conditional UPDATE: a queued job, or a running one whose heartbeat is stale
  (its worker was killed), becomes running with a fresh heartbeat and one more attempt. Two
  deliveries of the same message, or a message sent again by the sweeper, cannot both win.
- While a job runs, a thread beside it refreshes `heartbeat_at` every few seconds.
- The sweeper (a Celery beat task per app, every JOB_SWEEP_SECONDS) sends a message again for a
  running job whose heartbeat went stale (the worker died: the message of a killed worker only
  comes back after the broker's visibility timeout), and for a queued job that has no message
  (never sent, or sent long ago and lost); marks failed, with a reason, a job whose worker died
  too often, and a queued job that never started within JOB_QUEUED_EXPIRY_SECONDS, so that it
  can be asked for again.

Settings are read at each call (tests shorten them).
"""

import logging
import threading
from contextlib import contextmanager
from datetime import timedelta

from django.conf import settings
from django.db import connection
from django.db.models import F, Q
from django.utils import timezone

from .scoping import rls_bypass

log = logging.getLogger(__name__)

QUEUED, RUNNING, DONE, FAILED = "queued", "running", "done", "failed"
ACTIVE = (QUEUED, RUNNING)


def _seconds(name: str) -> timedelta:
    return timedelta(seconds=getattr(settings, name))


def stale_q(now) -> Q:
    """Running, but no sign of life for JOB_HEARTBEAT_STALE_SECONDS: its worker is gone."""
    before = now - _seconds("JOB_HEARTBEAT_STALE_SECONDS")
    return Q(status=RUNNING) & (Q(heartbeat_at__lt=before)
                                | Q(heartbeat_at__isnull=True, started_at__lt=before))


def job_claim(model, pk: int) -> int | None:
    """queued → running, or take over a running job whose worker died; the attempt number won,
    or None when another runner has it (or had it: done, failed)."""
    now = timezone.now()
    with rls_bypass(reason="a job row by primary key"):
        won = model.objects.filter(Q(status=QUEUED) | stale_q(now), pk=pk,
                                   attempts__lt=settings.JOB_MAX_ATTEMPTS).update(
            status=RUNNING, started_at=now, heartbeat_at=now, attempts=F("attempts") + 1)
        if not won:
            return None
        return model.objects.filter(pk=pk).values_list("attempts", flat=True).get()


@contextmanager
def heartbeat(model, pk: int, *, every: float | None = None, state: dict | None = None):
    """Refresh the running job's `heartbeat_at` from a thread beside the work (its own database
    connection, autocommit) until the block ends. A killed worker stops beating with it.

    `state`: fields the work updates in memory (`progress`) for the beat to write as well, for
    work that runs in one long transaction (an import), which would otherwise hold the row."""
    every = every if every is not None else settings.JOB_HEARTBEAT_SECONDS
    stop = threading.Event()

    def beat():
        try:
            while not stop.wait(every):
                with rls_bypass(reason="a job row by primary key"):
                    model.objects.filter(pk=pk, status=RUNNING).update(
                        heartbeat_at=timezone.now(), **dict(state or {}))
        except Exception:  # a missed beat only lets the sweeper act sooner; never stop the work
            log.exception("job heartbeat of %s %s failed", model.__name__, pk)
        finally:
            connection.close()

    thread = threading.Thread(target=beat, name=f"heartbeat-{model.__name__}-{pk}", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join(timeout=every + 5)


def job_published(model, pk: int) -> None:
    with rls_bypass(reason="a job row by primary key"):
        model.objects.filter(pk=pk).update(published_at=timezone.now())


def jobs_sweep(model, *, task, fail, publish_unsent: bool) -> dict:
    """One pass of the sweeper over every job of `model` (all task forces: a system task).

    `fail(queryset, reason)` marks jobs failed the model's way; `publish_unsent`: a queued job
    that was never sent is sent now (reports; an import waits for its person to confirm it).
    Returns what it did, by kind, as lists of primary keys."""
    from .tasks import QueueUnavailable, publish

    now = timezone.now()
    done = {"expired": [], "gave_up": [], "republished": []}
    with rls_bypass(reason="the sweeper over every task force's jobs: status only"):
        jobs = model.objects.all()
        expired = jobs.filter(status=QUEUED, created_at__lt=now - _seconds("JOB_QUEUED_EXPIRY_SECONDS"))
        done["expired"] = list(expired.values_list("pk", flat=True))
        fail(jobs.filter(pk__in=done["expired"], status=QUEUED), "expired")

        dead = jobs.filter(stale_q(now))
        done["gave_up"] = list(dead.filter(attempts__gte=settings.JOB_MAX_ATTEMPTS)
                               .values_list("pk", flat=True))
        fail(jobs.filter(stale_q(now), pk__in=done["gave_up"]), "gave_up")

        resend_before = now - _seconds("JOB_REPUBLISH_SECONDS")
        unsent = Q(published_at__isnull=True,
                   created_at__lt=now - _seconds("JOB_HEARTBEAT_STALE_SECONDS"))
        # a dead run's message was consumed when it started: send one unless one was sent since
        # (then it waits in the queue for a worker; sent again only after JOB_REPUBLISH_SECONDS)
        again = (stale_q(now) & Q(attempts__lt=settings.JOB_MAX_ATTEMPTS)
                 & (Q(published_at__isnull=True) | Q(published_at__lt=F("started_at"))
                    | Q(published_at__lt=resend_before)))
        waiting = Q(status=QUEUED, published_at__lt=resend_before)
        if publish_unsent:
            waiting |= Q(status=QUEUED) & unsent
        for pk in jobs.filter(again | waiting).order_by("pk").values_list("pk", flat=True)[:100]:
            try:
                publish(task, pk)
            except QueueUnavailable as exc:
                log.warning("job sweeper: queue unavailable: %s", exc)
                break
            job_published(model, pk)
            done["republished"].append(pk)
    if any(done.values()):
        log.info("%s sweep: %s", model.__name__, done)
    return done
