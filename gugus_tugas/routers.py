"""The figures' roll-up reads on a PostgreSQL streaming replica, when `DATABASE_REPLICA_URL` is set.

Only what a caller hands to :func:`on_replica` reads there: the dashboard and report figures
(`reports.selectors._annual_figures`) and the monitoring rows (`reports.monitoring`), the heavy
cross-task-force counts. Everything else (every write, the case pages, anything a person reads
back after changing it) stays on the primary: :class:`ReplicaRouter` sends a read to the replica
only inside :func:`reading_from`, and a write never.

A replica replays the primary's WAL a little behind it. Before a roll-up reads there,
:func:`on_replica` checks that the replica has caught up with what the primary holds now: with
`version_of`, the data version the figures are cached under (`cases.versioning`), read on the
primary by the caller and on the replica here; without it, the primary's WAL position. It waits
for the replica for at most `REPLICA_MAX_WAIT_SECONDS`, then reads on the primary: figures
computed on a replica that is behind are never served, nor cached under the newer version. Which
way each read went is logged (logger `gugus_tugas.replica`).

Row-level security holds on the replica as on the primary: its connections work as the
application role with the current task-force scope (`gugus_tugas.rls`).
"""

import logging
import threading
import time
from contextlib import contextmanager

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections

REPLICA = "replica"
POLL_SECONDS = 0.02

log = logging.getLogger("gugus_tugas.replica")
_local = threading.local()


def configured() -> bool:
    return REPLICA in settings.DATABASES


class ReplicaRouter:
    """Reads go where :func:`reading_from` says (the primary outside it); writes and migrations
    always to the primary (a hot standby refuses writes anyway)."""

    def db_for_read(self, model, **hints):
        return getattr(_local, "alias", None)

    def db_for_write(self, model, **hints):
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        return True  # one database, two copies of it

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == DEFAULT_DB_ALIAS


@contextmanager
def reading_from(alias: str):
    """Every ORM read in the block (that names no database itself) goes to `alias`."""
    previous = getattr(_local, "alias", None)
    _local.alias = alias
    try:
        yield
    finally:
        _local.alias = previous


def _wal_lsn(alias: str) -> int:
    function = "pg_last_wal_replay_lsn()" if alias == REPLICA else "pg_current_wal_lsn()"
    with connections[alias].cursor() as cursor:
        cursor.execute(f"SELECT {function} - '0/0'::pg_lsn")
        value = cursor.fetchone()[0]
    return int(value) if value is not None else -1


def caught_up(*, version_of=None, version=None) -> tuple[bool, str]:
    """Has the replica replayed what the primary holds now? Polls for at most
    `REPLICA_MAX_WAIT_SECONDS`. (answer, what was seen) for the log."""
    if version_of is None:
        target, read = _wal_lsn(DEFAULT_DB_ALIAS), _wal_lsn
        unit = "WAL position"
    else:
        target, read, unit = version, version_of, "data version"
    started = time.monotonic()
    deadline = started + settings.REPLICA_MAX_WAIT_SECONDS
    while True:
        seen = read(REPLICA)
        waited = int((time.monotonic() - started) * 1000)
        if seen >= target:
            return True, f"{unit} {seen} >= {target}, waited {waited} ms"
        if time.monotonic() >= deadline:
            return False, f"{unit} {seen} < {target} after {waited} ms"
        time.sleep(POLL_SECONDS)


def on_replica(compute, *, what: str, version_of=None, version=None):
    """`compute()` with its reads on the replica if one is configured and has caught up with the
    primary (see :func:`caught_up`), else on the primary.

    `version_of(alias)`: the data version the result is cached under, as `alias` holds it;
    `version`: the primary's, as the caller read it (and keys the cache with). Without them the
    primary's WAL position is the mark. Always on the primary when this thread's transaction
    has written something not yet committed (its own writes are not on any replica), and again
    on the primary if the replica fails the read (a query cancelled by replay, a lost replica)."""
    if not configured():
        return compute()
    if connections[DEFAULT_DB_ALIAS].run_on_commit:
        log.info("%s: primary (this transaction has written)", what)
        return compute()
    try:
        ready, seen = caught_up(version_of=version_of, version=version)
    except DatabaseError:
        log.warning("%s: primary (replica unreachable)", what, exc_info=True)
        return compute()
    if not ready:
        log.info("%s: primary (replica behind: %s)", what, seen)
        return compute()
    try:
        with reading_from(REPLICA):
            result = compute()
    except DatabaseError:
        log.warning("%s: primary (the read failed on the replica)", what, exc_info=True)
        return compute()
    log.info("%s: replica (%s)", what, seen)
    return result
