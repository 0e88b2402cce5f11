"""Shared set-up for benchmarks: Django on PostgreSQL (never SQLite), timing helpers."""

import os
import statistics
import time


def django_on_postgres(default_db: str) -> None:
    os.environ.setdefault("DATABASE_URL", f"postgres://postgres@127.0.0.1:5432/{default_db}")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gugus_tugas.settings.local")
    os.environ.setdefault("DJANGO_DEBUG", "false")
    os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
    if not os.environ["DATABASE_URL"].startswith(("postgres://", "postgresql://")):
        raise SystemExit("benchmarks run on PostgreSQL: set DATABASE_URL=postgres://...")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    # create the database if needed
    try:
        connection.ensure_connection()
    except Exception:
        import psycopg

        name = connection.settings_dict["NAME"]
        with psycopg.connect(host=connection.settings_dict["HOST"] or "127.0.0.1",
                             user=connection.settings_dict["USER"] or "postgres",
                             dbname="postgres", autocommit=True) as c:
            c.execute(f'CREATE DATABASE "{name}"')
    call_command("migrate", verbosity=0)
    # what gunicorn workers do at start-up (gugus_tugas/wsgi.py)
    from gugus_tugas.wsgi import freeze_start_up_objects

    freeze_start_up_objects()


def timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return (time.perf_counter() - start) * 1000


def summary(samples: list[float]) -> dict:
    ordered = sorted(samples)
    return {
        "n": len(samples),
        "p50_ms": round(statistics.median(ordered), 3),
        "p95_ms": round(ordered[int(0.95 * (len(ordered) - 1))], 3),
        "mean_ms": round(statistics.fmean(ordered), 3),
    }


def side_by_side(a, b, *, rounds: int, warmup: int = 20):
    """Run a and b alternately (a noisy shared machine hits both alike); return both samples."""
    for _ in range(warmup):
        a()
        b()
    sa, sb = [], []
    for i in range(rounds):
        if i % 2:
            sa.append(timed(a))
            sb.append(timed(b))
        else:
            sb.append(timed(b))
            sa.append(timed(a))
    return sa, sb
