"""Dashboards and the Pemantauan page right after a change (issue 16, reports.warm).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/gt_bench REDIS_URL=redis://127.0.0.1:6379/0 \\
        .venv/bin/python -m bench.warm_figures 30

On the generate_scale_data cases (any number; 500k for the issue's figures), with a Celery worker
started beside (solo pool, the same settings; stopped at the end), as in production. Before each
request an officer enters one case in Surabaya (35.78) through `cases.services.case_create`,
which bumps the nation's and Jawa Timur's data version: every request is "right after a change".

Side by side, alternating request by request on the same data (the shared machine hits both
alike):
- dashboards of the nation and of Jawa Timur: `cold` = FIGURES_STALE_SECONDS 0 (the figures
  computed in the request after every change, as before reports.warm) and `warm` = the default
  bound (the last figures at once, one refresh task per interval);
- the nation's and the province's Pemantauan page: `fresh` = MONITORING_FRESH_SECONDS 0 (read
  in every request) and `warm` = the default minute.
Also: how many warm answers carried the "being recomputed" notice and how many refresh tasks
were queued (one per figures per FIGURES_REFRESH_SECONDS at most).
"""

import json
import os
import signal
import subprocess
import sys
import time
from datetime import date

from bench._setup import django_on_postgres, summary, timed

django_on_postgres("gt_bench")

from django.conf import settings  # noqa: E402
from django.db import transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402

from cases import services as case_services  # noqa: E402
from gugus_tugas.models import Membership, TaskForce, User  # noqa: E402
from gugus_tugas.scoping import rls_bypass, task_force_scope  # noqa: E402
from gugus_tugas.totp import force_login_after_totp  # noqa: E402
from reports import warm  # noqa: E402

YEAR = timezone.localdate().year - 1
PROVINCE, DISTRICT = "35", "35.78"  # Jawa Timur, Surabaya
NOTICE = "perubahan terbaru sedang dihitung"


def setup():
    with rls_bypass(reason="benchmark users across task forces"):
        coordinator, _ = User.objects.get_or_create(email="bench.coordinator@contoh.id")
        for code in ("nasional", PROVINCE):
            Membership.objects.get_or_create(
                user=coordinator, task_force=TaskForce.objects.get(code=code), is_active=True,
                defaults={"role": "coordinator"})
        officer, _ = User.objects.get_or_create(email="bench.officer.3578@contoh.id")
        district = TaskForce.objects.select_related("region").get(code=DISTRICT)
        Membership.objects.get_or_create(user=officer, task_force=district, is_active=True,
                                         defaults={"role": "data_officer"})
    client = Client()
    force_login_after_totp(client, coordinator)
    return client, officer, district


def start_worker():
    """A Celery worker beside, as `make run` and docker-compose have one."""
    return subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "gugus_tugas", "worker", "--pool=solo",
         "--loglevel=WARNING", "--without-gossip", "--without-mingle", "--without-heartbeat"],
        env=os.environ.copy(), stdout=sys.stderr)  # stdout: the results only


def main():
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 30
    client, officer, district = setup()
    sent = []
    publish = warm.publish

    def counting_publish(task, *args):
        sent.append(task)
        return publish(task, *args)

    warm.publish = counting_publish

    def change():
        with transaction.atomic(), task_force_scope(district):
            case_services.case_create(
                task_force=district, acting_user=officer, report_date=date(YEAR, 6, 1),
                victims=[case_services.VictimData(name="Korban Uji", sex="P", age=16)],
                submit=True)

    def side_by_side(url, setting, modes, n):
        """`modes`: name -> setting value; alternate (order flipped every round), one change
        before each request."""
        samples = {m: [] for m in modes}
        notices = {m: 0 for m in modes}
        names = list(modes)
        for i in range(n + 2):
            for m in (names if i % 2 else names[::-1]):
                change()
                setattr(settings, setting, modes[m])
                start = time.perf_counter()
                r = client.get(url)
                ms = (time.perf_counter() - start) * 1000
                assert r.status_code == 200, (url, r.status_code)
                if i >= 2:  # two warm-up rounds
                    samples[m].append(ms)
                    notices[m] += NOTICE in r.content.decode()
        return {m: {**summary(samples[m]), "with_notice": notices[m]} for m in modes}

    load_before = os.getloadavg()
    worker = start_worker()
    time.sleep(5)
    results = {"year": YEAR, "rounds": rounds, "cpus": os.cpu_count(),
               "load_before": [round(x, 1) for x in load_before],
               "cache": settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1],
               "broker": settings.CELERY_BROKER_URL.split(":", 1)[0],
               "FIGURES_STALE_SECONDS": settings.FIGURES_STALE_SECONDS,
               "FIGURES_REFRESH_SECONDS": settings.FIGURES_REFRESH_SECONDS,
               "MONITORING_FRESH_SECONDS": settings.MONITORING_FRESH_SECONDS}
    stale, fresh = settings.FIGURES_STALE_SECONDS, settings.MONITORING_FRESH_SECONDS
    try:
        with rls_bypass(reason="benchmark: count the cases"):
            from cases.models import Case

            results["cases"] = Case.objects.count()
        for code in ("nasional", PROVINCE):
            before = len(sent)
            out = side_by_side(f"/gt/{code}/laporan/?tahun={YEAR}", "FIGURES_STALE_SECONDS",
                               {"cold": 0, "warm": stale}, rounds)
            out["refreshes_queued"] = len(sent) - before
            out["ratio_p50"] = round(out["cold"]["p50_ms"] / out["warm"]["p50_ms"], 1)
            out["ratio_p95"] = round(out["cold"]["p95_ms"] / out["warm"]["p95_ms"], 1)
            results[f"dashboard_{code}_after_a_change"] = out
        settings.FIGURES_STALE_SECONDS = stale
        for code in ("nasional", PROVINCE):
            before = len(sent)
            out = side_by_side(f"/gt/{code}/pemantauan/", "MONITORING_FRESH_SECONDS",
                               {"fresh": 0, "warm": fresh}, rounds)
            out["refreshes_queued"] = len(sent) - before
            out["ratio_p50"] = round(out["fresh"]["p50_ms"] / out["warm"]["p50_ms"], 1)
            out["ratio_p95"] = round(out["fresh"]["p95_ms"] / out["warm"]["p95_ms"], 1)
            results[f"pemantauan_{code}_after_a_change"] = out
        results["dashboard_warm_no_change_nasional"] = summary(
            [timed(lambda: client.get(f"/gt/nasional/laporan/?tahun={YEAR}"))
             for _ in range(rounds)])
    finally:
        settings.FIGURES_STALE_SECONDS, settings.MONITORING_FRESH_SECONDS = stale, fresh
        worker.send_signal(signal.SIGTERM)
        try:
            worker.wait(timeout=30)
        except subprocess.TimeoutExpired:
            worker.kill()
    results["load_after"] = [round(x, 1) for x in os.getloadavg()]
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
