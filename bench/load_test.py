"""Load test of the whole site with writes (issue 16), on loopback, bounded in time.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/gt_bench .venv/bin/python manage.py generate_scale_data --cases 500000
    make bench BENCH_ARGS="load_test --users 50 --minutes 5 --steps 75,100,150 --step-minutes 2"

What runs, all on this machine: gunicorn with the production settings (bench/load_settings.py:
production plus the generated data's keys) with 3 workers of 4 threads as in docker-compose.yml
(--threads 1: the 3 sync workers of before), a Celery worker (concurrency 2, beat beside it) on
Redis db LOAD_REDIS_DB, PostgreSQL with the 500k cases plus the
task-force structure (SKs, RADs, meetings: bench/structure.py), and locust (bench/load/
locustfile.py) with officers, verifiers, coordinators and secretariats in the weights 5:2:2:1,
think time 1-5 s, each logged in with password and TOTP.

Reported per step: requests, throughput, p50/p95/p99 over every request but the logins (the
logins separately), errors, the server CPU per request (gunicorn and worker processes, from
/proc), and at the end of the main step how long the worker's queue took to drain. The main step
(--users) is the goal (p95 < 300 ms, no errors); the --steps after it find where p95 crosses 1 s.
Results: bench/results/load.json (and the write-up in load.md).
"""

import argparse
import base64
import csv
import json
import os
import resource
import secrets
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from bench._setup import django_on_postgres

DATABASE = os.environ.get("LOAD_DATABASE", "gt_bench")
os.environ.setdefault("DATABASE_URL", f"postgres://postgres@127.0.0.1:5432/{DATABASE}")
django_on_postgres(DATABASE)

import psutil  # noqa: E402
from cryptography.fernet import Fernet  # noqa: E402
from django.contrib.auth.hashers import make_password  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.utils import timezone  # noqa: E402

from cases.models import Case  # noqa: E402
from gugus_tugas.models import Membership, TaskForce, User  # noqa: E402
from gugus_tugas.scoping import rls_bypass  # noqa: E402
from gugus_tugas.totp import totp_enable  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "var" / "bench" / "load" / DATABASE
RESULTS = ROOT / "bench" / "results" / "load.json"
PASSWORD = "beban-uji-" + "x" * 8
DOMAIN = "beban.invalid"
REDIS_DB = int(os.environ.get("LOAD_REDIS_DB", "9"))
# accounts per role: enough for the largest step (weights 5:2:2:1 of 250 users)
ACCOUNTS = {"officer": 130, "verifier": 55, "coordinator": 55, "secretariat": 30}


def prepare() -> dict:
    """The task-force structure (once) and the load test's accounts (once), written to
    var/bench/load/accounts.json with their TOTP secrets."""
    import random

    from bench.structure import MARK, generate
    from gugus_tugas.models import Decree

    OUT.mkdir(parents=True, exist_ok=True)
    with rls_bypass(reason="benchmark data across task forces"):
        if Case.objects.count() < 10_000:
            raise SystemExit("generate the cases first: manage.py generate_scale_data --cases 500000")
        if not Decree.objects.filter(number__startswith=MARK).exists():
            print("generating SKs, RADs, meetings for 552 task forces ...", flush=True)
            generate(random.Random(16), with_cases=False)
        # the busiest districts (most cases this year and last) get the officers and verifiers
        year = timezone.localdate().year
        districts = list(
            Case.objects.filter(task_force__level="district", year__gte=year - 1)
            .values("task_force__code", "task_force__region_id")
            .annotate(n=Count("id")).order_by("-n")[:12])
        if len(districts) < 4:
            districts = list(Case.objects.filter(task_force__level="district")
                             .values("task_force__code", "task_force__region_id")
                             .annotate(n=Count("id")).order_by("-n")[:12])
        provinces = sorted({d["task_force__code"].split(".")[0] for d in districts})
        people, secrets_by_email = {}, {}
        existing = {u.email: u for u in User.objects.filter(email__endswith=f"@{DOMAIN}")}
        password = make_password(PASSWORD)
        for role, count in ACCOUNTS.items():
            people[role] = []
            for i in range(count):
                if role in ("officer", "verifier"):
                    d = districts[i % len(districts)]
                    tf, region, level = d["task_force__code"], d["task_force__region_id"], "district"
                elif role == "coordinator":
                    # a fifth on the nation, the rest on the provinces of those districts
                    tf = "nasional" if i % 5 == 0 else provinces[i % len(provinces)]
                    region, level = "", "national" if tf == "nasional" else "province"
                else:
                    tf = (provinces + [d["task_force__code"] for d in districts])[i % (
                        len(provinces) + len(districts))]
                    region, level = "", "province" if "." not in tf else "district"
                email = f"{role}{i:03d}.{tf}@{DOMAIN}"
                user = existing.get(email)
                if user is None:
                    user = User.objects.create(email=email, name=f"Beban {role} {i}",
                                               password=password)
                    task_force = TaskForce.objects.get(code=tf)
                    Membership.objects.create(user=user, task_force=task_force, is_active=True,
                                              role={"officer": "data_officer",
                                                    "verifier": "data_verifier",
                                                    "coordinator": "coordinator",
                                                    "secretariat": "secretariat_admin"}[role])
                    secret = base64.b32encode(secrets.token_bytes(10)).decode()
                    totp_enable(user, secret)
                    secrets_by_email[email] = secret
                people[role].append({"email": email, "task_force": tf, "region": region,
                                     "level": level})
        stored = OUT / "accounts.json"
        known = json.loads(stored.read_text())["secrets"] if stored.exists() else {}
        known.update(secrets_by_email)
        for role in people:
            for p in people[role]:
                if p["email"] not in known:  # its secret was lost with an older accounts file
                    from allauth.mfa.models import Authenticator

                    user = existing[p["email"]]
                    Authenticator.objects.filter(user=user).delete()
                    known[p["email"]] = base64.b32encode(secrets.token_bytes(10)).decode()
                    totp_enable(user, known[p["email"]])
                p["totp"] = known[p["email"]]
        accounts = {"password": PASSWORD, "year": year, "people": people, "secrets": known}
        stored.write_text(json.dumps(accounts, indent=1))
        return {"districts": [d["task_force__code"] for d in districts], "provinces": provinces}


def installation_secrets() -> dict:
    """This load-test installation's secrets, made once and kept beside its accounts: the cases
    one run enters are read by the next (a new field key each run would make them unreadable)."""
    path = OUT / "secrets.json"
    if not path.exists():
        path.write_text(json.dumps({"DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
                                    "FIELD_ENCRYPTION_KEYS": Fernet.generate_key().decode(),
                                    "NIK_HASH_KEY": secrets.token_urlsafe(32)}))
        path.chmod(0o600)
    return json.loads(path.read_text())


def server_env(port: int) -> dict:
    env = dict(os.environ)
    env.update({
        "DJANGO_SETTINGS_MODULE": "bench.load_settings",
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{DATABASE}",
        "REDIS_URL": f"redis://127.0.0.1:6379/{REDIS_DB}",
        **installation_secrets(),
        "EMAIL_URL": "smtp://127.0.0.1:25",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "DJANGO_SECURE_COOKIES": "false",
        "DJANGO_SECURE_HSTS_SECONDS": "0",
        "LOG_LEVEL": "WARNING",
        # as behind the load balancer: each simulated person has her own address
        # (X-Forwarded-For, set by the locustfile), so allauth's per-address login limits count
        # people, not the one loopback address of the load generator
        "TRUSTED_PROXY_COUNT": "1",
        "SITE_URL": f"http://127.0.0.1:{port}",
    })
    env.pop("DJANGO_DEBUG", None)
    return env


def wait_http(url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as r:
                if r.status == 200:
                    return
        except Exception:  # noqa: BLE001 - not up yet
            time.sleep(0.5)
    raise SystemExit(f"{url} did not answer within {seconds} s")


def cpu_seconds(procs) -> float:
    total = 0.0
    for p in procs:
        try:
            for q in [p, *p.children(recursive=True)]:
                t = q.cpu_times()
                total += t.user + t.system
        except psutil.NoSuchProcess:
            pass
    return total


def queue_state() -> dict:
    import redis

    client = redis.Redis(host="127.0.0.1", port=6379, db=REDIS_DB)
    waiting = sum(client.llen(k) for k in [b"celery", *client.scan_iter(b"celery\x06\x16*")])
    from reports.models import ReportJob

    with rls_bypass(reason="benchmark: report jobs of every task force"):
        active = ReportJob.objects.filter(status__in=ReportJob.ACTIVE).count()
    return {"waiting": waiting, "report_jobs_active": active}


def run_locust(users: int, minutes: float, port: int, name: str) -> dict:
    prefix = OUT / name
    spawn = max(users / 30, 1)  # everyone in within ~30 s
    cmd = [sys.executable, "-m", "locust", "-f", str(ROOT / "bench" / "load" / "locustfile.py"),
           "--headless", "-u", str(users), "-r", f"{spawn:.2f}", "-t", f"{int(minutes * 60)}s",
           "--host", f"http://127.0.0.1:{port}", "--csv", str(prefix), "--only-summary",
           "--stop-timeout", "10", "--loglevel", "WARNING"]
    env = dict(os.environ, LOAD_ACCOUNTS=str(OUT / "accounts.json"),
               LOAD_SAMPLES=f"{prefix}_samples.json")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(cmd, cwd=ROOT, env=env, check=False, timeout=minutes * 60 + 120)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)  # locust, reaped
    failures = list(csv.DictReader(open(f"{prefix}_failures.csv")))
    return {"samples": json.load(open(f"{prefix}_samples.json")), "failures": failures,
            "locust_cpu_s": (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)}


def machine_busy_seconds() -> float:
    t = psutil.cpu_times()
    return sum(t) - t.idle - getattr(t, "iowait", 0)


def percentile(ordered: list[float], pct: float) -> float:
    return ordered[min(len(ordered) - 1, int(round(pct / 100 * (len(ordered) - 1))))] \
        if ordered else 0.0


def summarise(samples: list, seconds: float) -> dict:
    """Exact percentiles over every request but the logins (the logins apart), from the response
    times the locustfile recorded; per page too."""
    pages, logins = {}, {}
    for name, ms, failed, *_ in samples:
        (logins if name.startswith("login") else pages).setdefault(name, []).append((ms, failed))

    def stats(rows):
        times = sorted(ms for ms, _ in rows)
        return {"requests": len(rows), "failures": sum(1 for _, f in rows if f),
                "p50_ms": percentile(times, 50), "p95_ms": percentile(times, 95),
                "max_ms": times[-1] if times else 0}

    every = [row for rows in pages.values() for row in rows]
    overall = stats(every)
    overall["p99_ms"] = percentile(sorted(ms for ms, _ in every), 99)
    return {**overall, "throughput_rps": round(len(every) / seconds, 2),
            "logins": {name: stats(rows) for name, rows in sorted(logins.items())},
            "pages": {name: stats(rows) for name, rows in sorted(pages.items())}}


def main(argv) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--minutes", type=float, default=5)
    parser.add_argument("--steps", default="", help="more user counts after the main step")
    parser.add_argument("--step-minutes", type=float, default=2)
    parser.add_argument("--port", type=int, default=8099)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--threads", type=int, default=4,
                        help="gunicorn threads per worker (more than 1: the gthread worker)")
    parser.add_argument("--keep-alive", type=int, default=75,
                        help="seconds an idle connection is kept (longer than a client's or a "
                             "load balancer's, so none reuses one the server has just closed)")
    parser.add_argument("--out", default=str(RESULTS), help="where the JSON results go")
    args = parser.parse_args(argv)

    prepared = prepare()
    env = server_env(args.port)
    subprocess.run([sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT,
                   env=env, check=True)
    subprocess.run(["redis-cli", "-n", str(REDIS_DB), "flushdb"], check=True,
                   stdout=subprocess.DEVNULL)
    logs = OUT / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    web = subprocess.Popen(
        [str(Path(sys.executable).parent / "gunicorn"), "gugus_tugas.wsgi:application", "--bind",
         f"127.0.0.1:{args.port}", "--workers", str(args.workers), "--threads", str(args.threads),
         "--keep-alive", str(args.keep_alive), "--timeout", "60"],
        cwd=ROOT, env=env, stdout=open(logs / "web.log", "w"), stderr=subprocess.STDOUT)
    worker = subprocess.Popen(
        # -B: beat beside it, as the compose file's beat service: the heartbeat that tells the
        # dashboards a worker runs (reports.warm), the sweeps
        [str(Path(sys.executable).parent / "celery"), "-A", "gugus_tugas", "worker", "-B",
         "--schedule", str(OUT / "celerybeat-schedule"),
         "--loglevel=WARNING", "--concurrency=2", "--max-memory-per-child=800000"],
        cwd=ROOT, env=env, stdout=open(logs / "worker.log", "w"), stderr=subprocess.STDOUT)
    results = {"machine": {"cores": os.cpu_count(), "load_before": os.getloadavg()},
               "command": "python -m bench.load_test " + " ".join(argv), "prepared": prepared,
               "when": timezone.now().isoformat(timespec="seconds"), "steps": []}
    try:
        wait_http(f"http://127.0.0.1:{args.port}/sehat/web/")
        web_p, worker_p = psutil.Process(web.pid), psutil.Process(worker.pid)
        for i, users in enumerate([args.users] + [int(s) for s in args.steps.split(",") if s]):
            minutes = args.minutes if i == 0 else args.step_minutes
            cpu_web, cpu_worker = cpu_seconds([web_p]), cpu_seconds([worker_p])
            busy = machine_busy_seconds()
            started = time.monotonic()
            out = run_locust(users, minutes, args.port, f"u{users}")
            seconds = time.monotonic() - started
            step = {"users": users, "minutes": minutes, **summarise(out["samples"], minutes * 60),
                    "errors": [{k: f[k] for k in ("Method", "Name", "Error", "Occurrences")}
                               for f in out["failures"]][:20],
                    "load_avg": os.getloadavg()}
            requests_all = len(out["samples"])
            step["server_cpu_ms_per_request"] = round(
                (cpu_seconds([web_p]) - cpu_web) * 1000 / max(requests_all, 1), 1)
            step["worker_cpu_s"] = round(cpu_seconds([worker_p]) - cpu_worker, 1)
            # where the two cores went: gunicorn, the Celery worker, locust, and the rest
            # (PostgreSQL, Redis, the system) as the machine's busy time minus those
            web_s = cpu_seconds([web_p]) - cpu_web
            machine_s = machine_busy_seconds() - busy
            step["cpu_s"] = {
                "machine_busy": round(machine_s, 1), "cores": os.cpu_count(),
                "gunicorn": round(web_s, 1), "celery": step["worker_cpu_s"],
                "locust": round(out["locust_cpu_s"], 1),
                "postgresql_and_rest": round(machine_s - web_s - step["worker_cpu_s"]
                                             - out["locust_cpu_s"], 1)}
            # the worker's queue drained at the end (reports, notifications)
            drain_start = time.monotonic()
            state = queue_state()
            while (state["waiting"] or state["report_jobs_active"]) and \
                    time.monotonic() - drain_start < 300:
                time.sleep(1)
                state = queue_state()
            step["queue_drained_after_s"] = round(time.monotonic() - drain_start, 1)
            step["queue_at_end"] = state
            step["wall_s"] = round(seconds, 1)
            results["steps"].append(step)
            print(json.dumps({k: v for k, v in step.items() if k != "pages"}, indent=1),
                  flush=True)
    finally:
        for proc in (web, worker):
            proc.send_signal(signal.SIGTERM)
        for proc in (web, worker):
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
    Path(args.out).write_text(json.dumps(results, indent=1))
    print(f"written to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
