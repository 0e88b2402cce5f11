"""Figures that do not go cold (issue 16): dashboards and the Pemantauan page answer at once
after a change, with the last figures and a visible "as of", while one queued task computes
newer ones.

How it works, for the dashboard figures (reports.selectors keeps them per task force, year and
variant with the data version and the time they were computed at, `figures_entry`):
- at the current data version: shown as they are (exact);
- behind it, but last known exact no more than FIGURES_STALE_SECONDS ago: shown at once, the
  page says so ("Angka per 21.15 WIB; perubahan terbaru sedang dihitung ..."), and ONE refresh
  task is queued, deduplicated by a cache lock per figures that lasts FIGURES_REFRESH_SECONDS:
  a busy day recomputes each viewed task force at most once per interval, and only the ones
  someone looks at;
- older than that bound, or none at all: while a worker is known to run (it ran the beat
  heartbeat within HEALTH_BEAT_STALE_SECONDS: beat, broker and a worker all work), the same: the
  last figures with their "as of", however old, or when there are none yet (the first view of a
  year, the cache lost) a page that says they are being computed and reloads once they are; the
  request never computes a whole year (5-6 s for the nation at 500k cases) while a worker can.
  With no worker known to run (a site without one, a dead queue) the page never waits on a task
  that nobody runs: it shows figures at most FIGURES_STALE_SECONDS behind, then computes them
  itself, as before this module.
The Pemantauan rows mix data of several apps (SK, RAD, meetings, cases, sign-ins) that share no
data version: they are current for MONITORING_FRESH_SECONDS, then refreshed the same way.

Only pages read through here. The report (PDF, its JSON, .xlsx), the figures' JSON, the API
and the .xlsx of the Pemantauan page read reports.selectors / reports.monitoring directly:
exact, at the current data version, computed in the request when needed.

Kept in the cache, not in a table: these are derived values that one computation brings back,
and what decides whether they are exact (the data version) is in the database, so losing the
cache (a Redis restart, an outage answered from process memory) costs one computation in the
request, as before this module, and never shows figures as current when they are not. The
embedded default's file cache is shared by the web server and the worker beside it.
"""

import logging
import math
import time
from dataclasses import dataclass
from datetime import UTC, datetime

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

from gugus_tugas.health import HEARTBEAT_KEY
from gugus_tugas.models import TaskForce
from gugus_tugas.tasks import QueueUnavailable, publish

from . import monitoring
from .selectors import (
    annual_figures,
    figures_complete,
    figures_compute,
    figures_entry,
    figures_key,
)

log = logging.getLogger(__name__)
FIGURES_TASK = "reports.dashboard_figures_refresh"
MONITORING_TASK = "reports.monitoring_rows_refresh"
MONITORING_SCHEMA = 1  # part of the key: bump when the rows' shape changes
QUEUE_SECONDS = 5  # what the notice adds for the task to be picked up


def now() -> float:
    """The clock (epoch seconds); tests move it."""
    return time.time()


def worker_alive() -> bool:
    """A worker ran the beat heartbeat lately (gugus_tugas.health): a refresh queued now will be
    run, so a page may show old figures, or none yet, rather than compute them itself."""
    beat = cache.get(HEARTBEAT_KEY)
    return beat is not None and now() - beat <= settings.HEALTH_BEAT_STALE_SECONDS


@dataclass(frozen=True)
class AsOf:
    """What a page says about the figures it shows: exact `at` that time; `pending`: newer ones
    are being computed and show in about `minutes`; `at` None: there are none yet."""

    at: datetime | None
    pending: bool = False
    minutes: int = 0


def _refresh(key: str, task: str, *args) -> float:
    """Queue one refresh of `key`'s figures unless one was queued within
    FIGURES_REFRESH_SECONDS (a lock in the cache, set with add: one winner). Returns when the
    refresh under way was queued. Sent after the commit; a queue that does not answer is logged
    and the lock kept, so one page per interval pays the wait, and the figures get computed in a
    request once past FIGURES_STALE_SECONDS."""
    lock = f"{key}:refresh"
    t = now()
    if cache.add(lock, t, timeout=max(settings.FIGURES_REFRESH_SECONDS, 1)):
        def send():
            try:
                publish(task, *args)
            except QueueUnavailable as exc:
                log.warning("figures refresh %s not queued: %s", key, exc)

        transaction.on_commit(send)
        return t
    return cache.get(lock) or t


def _pending(entry: dict | None, queued: float, t: float) -> AsOf:
    """The notice for `entry`'s figures, a refresh having been queued at `queued`: if it was
    queued after they were computed it brings newer ones after about the time they took; if not,
    the next one can be queued once the interval is over. No entry: the first ones are coming."""
    if entry is None:
        return AsOf(at=None, pending=True,
                    minutes=max(1, math.ceil((queued - t + 2 * QUEUE_SECONDS) / 60)))
    eta = queued + entry["took"]
    if entry["computed_at"] >= queued:
        eta += settings.FIGURES_REFRESH_SECONDS
    minutes = max(1, math.ceil((eta - t + QUEUE_SECONDS) / 60))
    return AsOf(at=datetime.fromtimestamp(entry["exact_at"], tz=UTC), pending=True,
                minutes=minutes)


def dashboard_figures(task_force: TaskForce, year: int, *,
                      complete: bool = True) -> tuple[dict | None, AsOf | None]:
    """The dashboard's figures (no annexes) and, when they are behind the data, what the page
    says about them (None: exact). `complete=False`: the notice only (the page's poll). Figures
    None: there are none yet, being computed (the notice says so)."""
    if not (settings.FIGURES_CACHE_SECONDS and settings.FIGURES_STALE_SECONDS):
        return (annual_figures(task_force, year, annexes=False) if complete else None), None
    key = figures_key(task_force.code, year, public=False, annexes=False)
    entry, version = figures_entry(task_force, year, public=False, annexes=False)
    t, as_of = now(), None
    if entry is not None and entry["version"] == version:
        if t - entry["exact_at"] > settings.FIGURES_STALE_SECONDS / 2:
            # still exact: say so, so that the next change finds them recent enough to show
            cache.set(key, {**entry, "exact_at": t}, timeout=settings.FIGURES_CACHE_SECONDS)
        figures = entry["figures"]
    elif ((entry is not None and t - entry["exact_at"] <= settings.FIGURES_STALE_SECONDS)
          or worker_alive()):
        queued = _refresh(key, FIGURES_TASK, task_force.code, year)
        as_of = _pending(entry, queued, t)
        if entry is None:
            return None, as_of
        figures = entry["figures"]
    else:
        figures = figures_compute(task_force, year, public=False, annexes=False,
                                  version=version)["figures"]
    if not complete:
        return None, as_of
    return figures_complete(figures, task_force, year, public=False, annexes=False), as_of


def dashboard_figures_refresh(task_force: TaskForce, year: int) -> str:
    """The task's work: compute the dashboard's figures unless they are current already."""
    entry, version = figures_entry(task_force, year, public=False, annexes=False)
    if entry is not None and entry["version"] == version:
        return "current"
    figures_compute(task_force, year, public=False, annexes=False, version=version)
    return "done"


def monitoring_key(code: str, year: int, every: bool) -> str:
    return f"monitoring:s{MONITORING_SCHEMA}:{code}:{year}:{int(every)}"


def monitoring_rows_compute(task_force: TaskForce, year: int, *, every: bool = False) -> dict:
    """Read the Pemantauan rows now and keep them: `{"computed_at", "exact_at", "took",
    "rows"}`."""
    started, t0 = now(), time.perf_counter()
    rows = monitoring.monitoring_rows(task_force, year, every=every)
    entry = {"computed_at": started, "exact_at": started, "took": time.perf_counter() - t0,
             "rows": rows}
    if settings.MONITORING_FRESH_SECONDS:
        cache.set(monitoring_key(task_force.code, year, every), entry,
                  timeout=2 * max(settings.MONITORING_FRESH_SECONDS,
                                  settings.FIGURES_STALE_SECONDS))
    return entry


def monitoring_rows_warm(task_force: TaskForce, year: int, *,
                         every: bool = False) -> tuple[list[dict], AsOf | None]:
    """The rows of the Pemantauan page (reports.monitoring.monitoring_rows) and their "as of":
    read at most MONITORING_FRESH_SECONDS ago, or older (up to FIGURES_STALE_SECONDS) with a
    refresh queued, or read now. None: read now, nothing cached (MONITORING_FRESH_SECONDS 0)."""
    fresh = settings.MONITORING_FRESH_SECONDS
    if not fresh:
        return monitoring.monitoring_rows(task_force, year, every=every), None
    key = monitoring_key(task_force.code, year, every)
    entry, t = cache.get(key), now()
    age = t - entry["computed_at"] if entry is not None else None
    if entry is not None and age <= fresh:
        as_of = AsOf(at=datetime.fromtimestamp(entry["exact_at"], tz=UTC))
    elif entry is not None and (age <= max(fresh, settings.FIGURES_STALE_SECONDS)
                                or worker_alive()):
        queued = _refresh(key, MONITORING_TASK, task_force.code, year, every)
        as_of = _pending(entry, queued, t)
    else:
        entry = monitoring_rows_compute(task_force, year, every=every)
        as_of = AsOf(at=datetime.fromtimestamp(entry["exact_at"], tz=UTC))
    rows = entry["rows"]
    for r in rows:  # in the reader's language, not the one they were computed in
        r["sk_label"] = str(monitoring.SK_LABELS[r["sk_status"]])
    return rows, as_of


def monitoring_rows_refresh(task_force: TaskForce, year: int, *, every: bool = False) -> str:
    """The task's work: read the rows again unless someone did within the fresh period."""
    entry = cache.get(monitoring_key(task_force.code, year, every))
    if entry is not None and now() - entry["computed_at"] <= settings.MONITORING_FRESH_SECONDS:
        return "current"
    monitoring_rows_compute(task_force, year, every=every)
    return "done"
