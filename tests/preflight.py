"""`make test` runs this first: stop at once, with a clear message, if PostgreSQL or Redis is down,
or if the redis-server program that the fault tests start for themselves is missing.

The suite never falls back to SQLite silently.
"""

import os
import shutil
import socket
import sys
from urllib.parse import urlparse

DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/gugus_tugas"
DEFAULT_REDIS = "redis://127.0.0.1:6379/9"


def reachable(url: str, default_port: int) -> bool:
    parsed = urlparse(url)
    try:
        with socket.create_connection((parsed.hostname or "127.0.0.1", parsed.port or default_port),
                                      timeout=3):
            return True
    except OSError:
        return False


def main() -> int:
    db = os.environ.get("DATABASE_URL", DEFAULT_DB)
    redis = os.environ.get("REDIS_URL", DEFAULT_REDIS)
    problems = []
    if not db.startswith(("postgres://", "postgresql://")):
        problems.append(f"DATABASE_URL must point to PostgreSQL for `make test` (got {db!r}).")
    elif not reachable(db, 5432):
        problems.append(
            f"PostgreSQL is not reachable at {db}.\n  Start it: pg_ctlcluster --skip-systemctl-"
            "redirect $(ls /etc/postgresql) main start   (or set DATABASE_URL)"
        )
    if not reachable(redis, 6379):
        problems.append(
            f"Redis is not reachable at {redis}.\n  Start it: redis-server --daemonize yes --bind "
            "127.0.0.1 --port 6379 --save '' --appendonly no   (or set REDIS_URL)"
        )
    if not shutil.which("redis-server"):
        problems.append(
            "redis-server is not installed here: the fault tests (tests/test_jobs.py, "
            "tests/test_redis_frozen.py)\n  start a Redis of their own to kill workers and freeze "
            "it. Install it: apt-get install redis-server"
        )
    if problems:
        print("make test needs PostgreSQL and Redis:\n- " + "\n- ".join(problems), file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
