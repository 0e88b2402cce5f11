"""The figures' reads on a real PostgreSQL streaming replica (gugus_tugas/routers.py).

A small primary + hot-standby pair of its own, on free ports in a temporary folder (never a copy
of this machine's databases): `initdb`, the primary's tables made from the models with row-level
security installed (`migrate --run-syncdb` without the migrations: seconds instead of the half
minute the migrations take), then `pg_basebackup -R` of it started as the replica. The checks
run in a process of their own pointed at the pair (tests/replica_checks.py) and print what they
saw; the tests below read it.

Needs the PostgreSQL server binaries (/usr/lib/postgresql/<version>/bin, Debian's `postgresql`
package, which `.ci/run` installs): without them this fails, it does not skip. Running as root
(CI), the servers run as the `postgres` user through `runuser`.
"""

import glob
import json
import os
import pwd
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from tests.servers import free_port

pytestmark = pytest.mark.xdist_group("replica")

ROOT = Path(__file__).resolve().parent.parent
DB = "gt_replica"


def _bin_dir() -> Path:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"),
                   key=lambda p: int(Path(p).parts[-3]))
    if found:
        return Path(found[-1]).parent
    on_path = shutil.which("initdb") and shutil.which("pg_basebackup")
    if on_path:
        return Path(on_path).resolve().parent
    pytest.fail("The read-replica test needs the PostgreSQL server binaries (initdb, pg_ctl, "
                "pg_basebackup): apt-get install postgresql")


def _as_server_user() -> list[str]:
    """initdb refuses root: as root, the servers run as `postgres`; otherwise as ourselves."""
    if os.geteuid() != 0:
        return []
    if not shutil.which("runuser"):
        pytest.fail("Running as root, the read-replica test needs runuser (util-linux)")
    try:
        pwd.getpwnam("postgres")
    except KeyError:
        pytest.fail("Running as root, the read-replica test needs the `postgres` user "
                    "(apt-get install postgresql)")
    return ["runuser", "-u", "postgres", "--"]


def _run(cmd, **kwargs):
    result = subprocess.run(cmd, capture_output=True, text=True, timeout=120, **kwargs)
    if result.returncode:
        raise RuntimeError(f"{' '.join(map(str, cmd))} failed ({result.returncode}):\n"
                           f"{result.stdout}\n{result.stderr}")
    return result


@pytest.fixture(scope="module")
def pair():
    """(primary URL, replica URL) of a fresh pair; both servers stopped and removed at the end."""
    bindir, prefix = _bin_dir(), _as_server_user()
    base = Path(tempfile.mkdtemp(prefix="gt-replica-"))
    if prefix:
        shutil.chown(base, "postgres", "postgres")
    primary, replica = base / "primary", base / "replica"
    ports = {primary: free_port()}
    while (port := free_port()) == ports[primary]:
        pass
    ports[replica] = port
    started = []

    def pg(tool, *args):
        t = time.monotonic()
        result = _run([*prefix, str(bindir / tool), *map(str, args)])
        print(f"{tool} {args[-1]}: {time.monotonic() - t:.1f} s")
        return result

    def start(datadir):
        log = base / f"{datadir.name}.log"
        try:
            pg("pg_ctl", "-D", datadir, "-l", log, "-w", "-t", "60",
               "-o", f"-p {ports[datadir]} -k {base}", "start")
        except RuntimeError as e:
            raise RuntimeError(f"{e}\n{log.read_text() if log.exists() else ''}") from None
        started.append(datadir)

    try:
        pg("initdb", "-D", primary, "-U", "postgres", "-A", "trust", "-E", "UTF8",
           "--locale=C", "--no-sync")
        with open(primary / "postgresql.conf", "a") as conf:
            # small and fast: a throwaway pair (no fsync), streaming, readable standby
            conf.write("listen_addresses = '127.0.0.1'\nwal_level = replica\n"
                       "max_wal_senders = 4\nhot_standby = on\nfsync = off\n"
                       "full_page_writes = off\nshared_buffers = 16MB\nmax_connections = 40\n")
        with open(primary / "pg_hba.conf", "a") as hba:
            hba.write("host replication all 127.0.0.1/32 trust\n")
        start(primary)
        url = f"postgres://postgres@127.0.0.1:{ports[primary]}"
        _run([*prefix, str(bindir / "psql"), "-h", "127.0.0.1", "-p", str(ports[primary]),
              "-U", "postgres", "-d", "postgres", "-c", f"CREATE DATABASE {DB}"])
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": "gugus_tugas.settings.test",
               "DATABASE_URL": f"{url}/{DB}"}
        env.pop("DATABASE_REPLICA_URL", None)
        t = time.monotonic()
        _run([sys.executable, "tests/replica_checks.py", "set-up"], cwd=ROOT, env=env)
        print(f"set-up: {time.monotonic() - t:.1f} s")
        # the replica: a base backup of the primary, following it (-R: standby.signal
        # and primary_conninfo)
        pg("pg_basebackup", "-h", "127.0.0.1", "-p", ports[primary], "-U", "postgres",
           "-D", replica, "-R", "-X", "stream", "-c", "fast", "--no-sync")
        start(replica)
        yield f"{url}/{DB}", f"postgres://postgres@127.0.0.1:{ports[replica]}/{DB}"
    finally:
        for datadir in reversed(started):
            subprocess.run([*prefix, str(bindir / "pg_ctl"), "-D", str(datadir), "-m",
                            "immediate", "-w", "stop"], capture_output=True, timeout=60)
        shutil.rmtree(base, ignore_errors=True)


def path(line: str) -> str:
    """The database a roll-up read went to, from gugus_tugas.routers' log line
    ("figures 18 2025: replica (data version 7 >= 7, waited 309 ms)")."""
    return line.split(": ", 1)[1].split(" ", 1)[0]


def waited_ms(line: str) -> int:
    return int(line.rsplit("waited ", 1)[1].split(" ")[0])


@pytest.fixture(scope="module")
def seen(pair):
    """What tests/replica_checks.py observed on the pair."""
    primary, replica = pair
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "gugus_tugas.settings.test",
           "DATABASE_URL": primary, "DATABASE_REPLICA_URL": replica,
           "REPLICA_MAX_WAIT_SECONDS": "1", "LOG_LEVEL": "WARNING"}
    started = time.monotonic()
    result = _run([sys.executable, "tests/replica_checks.py"], cwd=ROOT, env=env)
    out = json.loads(result.stdout.strip().splitlines()[-1])
    out["seconds"] = time.monotonic() - started
    print(f"checks: {out['seconds']:.1f} s")
    return out


def test_the_pair_is_a_primary_and_its_hot_standby_both_as_the_application_role(seen):
    assert seen["default"]["in_recovery"] is False
    assert seen["replica"]["in_recovery"] is True
    assert seen["default"]["port"] != seen["replica"]["port"]
    assert seen["default"]["role"] == seen["replica"]["role"] == "gugus_app"


def test_row_level_security_holds_on_the_replica(seen):
    assert seen["rls_replica_own_scope"] == seen["rls_replica_bypass"] > 0
    assert seen["rls_replica_other_scope"] == 0
    assert seen["rls_replica_no_scope"] == 0  # fails closed there too


def test_the_figures_and_monitoring_are_read_on_the_replica_once_it_has_caught_up(seen):
    a = seen["a_figures"]
    assert [path(line) for line in a["paths"]] == ["replica"]
    assert a["total"] == 1  # the one case saved so far
    assert seen["a_case_reads_on_replica"] > 0
    assert seen["a_case_reads_on_primary"] == []
    assert [path(line) for line in seen["a_monitoring_paths"]] == ["replica"]
    # a case whose version bump was held back while replay was paused: the primary counts it,
    # the figures (from the replica, both copies at the same version) do not
    assert seen["a_hidden_primary"] == a["total"] + 1
    assert seen["a_hidden_figures"]["total"] == a["total"]
    assert [path(line) for line in seen["a_hidden_figures"]["paths"]] == ["replica"]


def test_a_case_saved_while_the_replica_lags_is_counted_not_served_stale(seen):
    before, behind = seen["b_before"], seen["b_behind"]
    assert seen["b_replica_total"] == before["total"]  # the replica has not replayed the case
    assert seen["b_primary_total"] == before["total"] + 1
    assert behind["total"] == seen["b_primary_total"]  # counted: read on the primary
    assert [path(line) for line in behind["paths"]] == ["primary"]
    assert "replica behind" in behind["paths"][0]
    assert 1.0 <= behind["seconds"] < 10  # after waiting for the replica, boundedly
    # the figures kept under the new version are those fresh ones, served from the cache
    assert seen["b_cached"]["total"] == seen["b_primary_total"]
    assert seen["b_cached"]["paths"] == []
    assert [path(line) for line in seen["b_monitoring_paths"]] == ["primary"]


def test_a_replica_that_catches_up_within_the_wait_is_read(seen):
    waited = seen["b_waited"]
    assert waited["total"] == seen["b_wait_primary_total"]
    assert [path(line) for line in waited["paths"]] == ["replica"]
    assert waited_ms(waited["paths"][0]) > 0  # it was behind when asked


def test_writes_never_go_to_the_replica(seen):
    assert seen["c_db_for_read"] == "replica"
    assert seen["c_db_for_write"] == "default"
    assert seen["c_written_on_primary"] is True  # a hot standby would have refused the INSERT
    assert seen["c_in_transaction"]["paths"] == [
        f"figures 18 {seen['year']}: primary (this transaction has written)"]
    assert seen["c_in_transaction"]["total"] == seen["c_in_transaction_primary_total"]


def settings_of(**env):
    code = ("import json; from gugus_tugas.settings import base as s; "
            "print(json.dumps({'aliases': sorted(s.DATABASES), 'routers': "
            "getattr(s, 'DATABASE_ROUTERS', []), 'replica': s.DATABASES.get('replica')}))")
    clean = {k: v for k, v in os.environ.items()
             if not k.startswith(("DATABASE_", "DJANGO_", "PYTEST"))}
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, env={**clean, **env},
                          capture_output=True, text=True, timeout=60)


def test_without_a_replica_url_there_is_no_replica_and_no_router():
    r = settings_of(DATABASE_URL="postgres://postgres@127.0.0.1:5432/gt")
    assert json.loads(r.stdout) == {"aliases": ["default"], "routers": [], "replica": None}


def test_a_replica_url_adds_the_replica_beside_the_primary():
    r = settings_of(DATABASE_URL="postgres://gt@db1:5432/gt?connect_timeout=3",
                    DATABASE_REPLICA_URL="postgres://gt@db2:5433/gt")
    out = json.loads(r.stdout)
    assert out["aliases"] == ["default", "replica"]
    assert out["routers"] == ["gugus_tugas.routers.ReplicaRouter"]
    replica = out["replica"]
    assert (replica["HOST"], replica["PORT"], replica["NAME"]) == ("db2", 5433, "gt")
    assert replica["OPTIONS"] == {"connect_timeout": 3, "options": "-c jit=off"}  # the primary's
    assert replica["ATOMIC_REQUESTS"] is False  # no transaction opened there on every request


def test_a_replica_url_beside_the_embedded_sqlite_database_is_refused():
    r = settings_of(DATABASE_REPLICA_URL="postgres://gt@db2:5433/gt")
    assert r.returncode != 0
    assert "DATABASE_REPLICA_URL needs a PostgreSQL DATABASE_URL" in r.stderr
