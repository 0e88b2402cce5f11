"""What tests/test_replica.py asks of a real primary + streaming replica pair, run in a process of
its own whose DATABASE_URL / DATABASE_REPLICA_URL point at them (the pair the test started).
Prints one JSON object of observations on its last line.

    DATABASE_URL=<fresh primary> python tests/replica_checks.py set-up   # before the base backup
    DATABASE_URL=... DATABASE_REPLICA_URL=... python tests/replica_checks.py
"""

import json
import logging
import os
import sys
import threading
import time
from datetime import date
from pathlib import Path
from unittest import mock

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gugus_tugas.settings.test")

import django  # noqa: E402

django.setup()

import psycopg  # noqa: E402
from django.conf import settings  # noqa: E402
from django.db import connections, router, transaction  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from cases import services, versioning  # noqa: E402
from cases.models import Case  # noqa: E402
from gugus_tugas import routers  # noqa: E402
from gugus_tugas.models import TaskForce, User  # noqa: E402
from gugus_tugas.scoping import rls_bypass, task_force_scope  # noqa: E402
from reports import monitoring, selectors  # noqa: E402

YEAR = date.today().year - 1
DISTRICT, OTHER_DISTRICT, PROVINCE = "18.71", "14.71", "18"


class Paths(logging.Handler):
    """The lines gugus_tugas.routers logs: which database each roll-up read went to."""

    def __init__(self):
        super().__init__()
        self.lines = []

    def emit(self, record):
        self.lines.append(record.getMessage())

    def take(self):
        lines, self.lines = self.lines, []
        return lines


paths = Paths()
logging.getLogger("gugus_tugas.replica").addHandler(paths)
logging.getLogger("gugus_tugas.replica").setLevel(logging.INFO)


def superuser_on_replica():
    d = settings.DATABASES[routers.REPLICA]
    return psycopg.connect(host=d["HOST"], port=d["PORT"], user=d["USER"], dbname=d["NAME"],
                           autocommit=True)


def replay(paused: bool):
    with superuser_on_replica() as conn:
        conn.execute("SELECT pg_wal_replay_pause()" if paused else "SELECT pg_wal_replay_resume()")
        if paused:  # a pause request takes effect at the next record: wait until it has
            for _ in range(200):
                if conn.execute("SELECT pg_get_wal_replay_pause_state()").fetchone()[0] == "paused":
                    return
                time.sleep(0.01)
            raise RuntimeError("replay did not pause")


def wait_for_replica(timeout=10):
    with connections["default"].cursor() as c:
        c.execute("SELECT pg_current_wal_lsn()")
        target = c.fetchone()[0]
    with superuser_on_replica() as conn:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if conn.execute("SELECT pg_last_wal_replay_lsn() >= %s::pg_lsn",
                            [target]).fetchone()[0]:
                return
            time.sleep(0.02)
    raise RuntimeError("the replica did not catch up")


def verified_case(tf, entered_by, verified_by, name):
    with task_force_scope(tf):
        case = services.case_create(
            task_force=tf, acting_user=entered_by, report_date=date(YEAR, 3, 1), submit=True,
            victims=[services.VictimData(name=name, sex="P", age=17)])
        services.case_verify(case=case, task_force=tf, acting_user=verified_by)
    return case


def victims_on(alias, tf):
    """The figures' victim total as `alias` holds the data now (the selector's own reads)."""
    with routers.reading_from(alias):
        return selectors._annual_figures(tf, YEAR, annexes=False)["victims"]["total"]


def figures(tf):
    """What a coordinator's dashboard gets, timed, with the path it took."""
    with task_force_scope(tf):
        started = time.monotonic()
        total = selectors.annual_figures(tf, YEAR, annexes=False)["victims"]["total"]
        return {"total": total, "seconds": round(time.monotonic() - started, 3),
                "paths": paths.take()}


class NoMigrations:
    """Every app's tables straight from its models (what `pytest --nomigrations` does): a fresh
    primary in seconds instead of running every migration."""

    def __contains__(self, app_label):
        return True

    def __getitem__(self, app_label):
        return None


def set_up():
    """The primary's tables, row-level security and the regions' task forces."""
    from django.core.management import call_command

    from gugus_tugas.models import Region
    from gugus_tugas.regions import load_regions

    settings.MIGRATION_MODULES = NoMigrations()
    call_command("migrate", run_syncdb=True, verbosity=0)
    with rls_bypass(reason="the regions and task forces of a fresh database"):
        load_regions(Region, TaskForce)


def main():
    out = {"year": YEAR}
    with rls_bypass(reason="the check's own set-up"):
        district = TaskForce.objects.get(code=DISTRICT)
        other = TaskForce.objects.get(code=OTHER_DISTRICT)
        province = TaskForce.objects.get(code=PROVINCE)
        officer = User.objects.create_user("petugas@contoh.id", "sandi-uji-coba-123")
        verifier = User.objects.create_user("verifikator@contoh.id", "sandi-uji-coba-123")

    # the two connections: which server, which role
    for alias in ("default", routers.REPLICA):
        with connections[alias].cursor() as c:
            c.execute("SELECT pg_is_in_recovery(), current_user, inet_server_port()")
            recovery, role, port = c.fetchone()
        out[alias] = {"in_recovery": recovery, "role": role, "port": port}

    verified_case(district, officer, verifier, "Korban Pertama")
    wait_for_replica()

    # row-level security on the replica: the scope's rows only, all of them in the bypass
    def case_rows():
        with connections[routers.REPLICA].cursor() as c:
            c.execute("SELECT count(*) FROM cases_case")
            return c.fetchone()[0]

    with task_force_scope(other):
        out["rls_replica_other_scope"] = case_rows()
    with task_force_scope(district):
        out["rls_replica_own_scope"] = case_rows()
    with rls_bypass(reason="the check counts every case"):
        out["rls_replica_bypass"] = case_rows()
    out["rls_replica_no_scope"] = case_rows()

    # (a) the roll-up reads go to the replica, once it has caught up
    settings.FIGURES_CACHE_SECONDS = 300
    with (CaptureQueriesContext(connections["default"]) as on_primary,
          CaptureQueriesContext(connections[routers.REPLICA]) as on_replica):
        out["a_figures"] = figures(province)
    out["a_case_reads_on_primary"] = [q["sql"][:120] for q in on_primary.captured_queries
                                      if "cases_victim" in q["sql"] or "cases_case" in q["sql"]]
    out["a_case_reads_on_replica"] = sum("cases_victim" in q["sql"]
                                         for q in on_replica.captured_queries)
    with task_force_scope(province):
        monitoring.monitoring_rows(province, YEAR)
    out["a_monitoring_paths"] = paths.take()

    # the read really is the replica's: a case whose version bump is held back (so both copies
    # show the same version) while replay is paused is not in the figures the replica gives
    settings.FIGURES_CACHE_SECONDS = 0
    replay(paused=True)
    with mock.patch.object(versioning, "_bump"):
        verified_case(district, officer, verifier, "Korban Tanpa Versi")
    with rls_bypass(reason="the check compares both copies"):
        out["a_hidden_primary"] = victims_on("default", province)
    out["a_hidden_figures"] = figures(province)
    replay(paused=False)
    with transaction.atomic():
        versioning.all_cases_changed()
    wait_for_replica()

    # (b) a case saved on the primary while the replica does not replay: not served stale
    settings.FIGURES_CACHE_SECONDS = 300
    before = figures(province)
    replay(paused=True)
    verified_case(district, officer, verifier, "Korban Kedua")
    with rls_bypass(reason="the check compares both copies"):
        out["b_primary_total"] = victims_on("default", province)
        out["b_replica_total"] = victims_on(routers.REPLICA, province)
    out["b_before"] = before
    out["b_behind"] = figures(province)
    out["b_cached"] = figures(province)  # the figures kept under the new version: the fresh ones
    with task_force_scope(province):
        monitoring.monitoring_rows(province, YEAR)
    out["b_monitoring_paths"] = paths.take()

    # ... and when the replica catches up within the wait, it is read there
    verified_case(district, officer, verifier, "Korban Ketiga")
    with rls_bypass(reason="the check reads the primary's total"):
        out["b_wait_primary_total"] = victims_on("default", province)
    threading.Timer(0.3, replay, kwargs={"paused": False}).start()
    out["b_waited"] = figures(province)

    # (c) writes never go to the replica, even inside a block that reads there
    with routers.reading_from(routers.REPLICA):
        out["c_db_for_read"] = router.db_for_read(Case)
        out["c_db_for_write"] = router.db_for_write(Case)
        case = verified_case(district, officer, verifier, "Korban Keempat")
    with rls_bypass(reason="the check looks the case up"):
        out["c_written_on_primary"] = Case.objects.using("default").filter(pk=case.pk).exists()
    with transaction.atomic():  # a transaction that has written reads its figures on the primary
        verified_case(district, officer, verifier, "Korban Kelima")
        with rls_bypass(reason="the check reads the primary's total"):
            out["c_in_transaction_primary_total"] = victims_on("default", province)
        out["c_in_transaction"] = figures(province)
    print(json.dumps(out, default=str))


if __name__ == "__main__":
    set_up() if sys.argv[1:] == ["set-up"] else main()
