"""Action plan pages at scale (PostgreSQL, data generated here, not the 500k cases).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/gt_bench_rad .venv/bin/python -m bench.rad_perf 50

- the evaluation page of a plan with 200 activities over 5 years with quarterly reports
  (target: p95 < 150 ms, a fixed number of queries);
- the comparison page of the nation (38 provinces, with the districts' plans counted) and of a
  province, when every one of the 553 task forces has a plan in force with 30 activities and
  quarterly reports (target: p95 < 300 ms).
The data is generated once (bulk inserts) and reused by later runs.
"""

import json
import os
import random
import statistics
import sys
import time
from datetime import date
from decimal import Decimal

from bench._setup import django_on_postgres, summary, timed

django_on_postgres("gt_bench_rad")

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402

from gugus_tugas.models import Membership, TaskForce, User  # noqa: E402
from gugus_tugas.scoping import rls_bypass  # noqa: E402
from rad.models import ActionPlan, Activity, ActivityYear, ProgressReport  # noqa: E402

BIG = "35.78"  # Kota Surabaya: the plan with 200 activities
PROVINCE = "35"
FIRST, LAST = 2022, 2026
MARK = "BENCH"
CLUSTERS = ["Pencegahan", "Rehabilitasi Kesehatan",
            "Rehabilitasi Sosial, Pemulangan dan Reintegrasi Sosial", "Pengembangan Norma Hukum",
            "Penegakan Hukum", "Koordinasi dan Kerja Sama"]


def _generate(rng):
    today = timezone.localdate()
    started = (today.month - 1) // 3 + 1
    tfs = list(TaskForce.objects.order_by("code"))
    plans = ActionPlan.objects.bulk_create(
        ActionPlan(task_force=tf, kind="ran" if tf.level == "national" else "rad",
                   title=f"{MARK} Rencana Aksi {tf.name} {FIRST}-{LAST}", first_year=FIRST,
                   last_year=LAST, status="in_force", legal_kind="pergub",
                   legal_number=f"{tf.pk}/{FIRST}", legal_date=date(FIRST, 2, 1),
                   in_force_at=date(FIRST, 3, 1)) for tf in tfs)
    activities = []
    for plan, tf in zip(plans, tfs, strict=True):
        n = 200 if tf.code == BIG else 30
        activities += [Activity(task_force=tf, plan=plan, cluster=CLUSTERS[i % 6],
                                number=f"{i % 6 + 1}.{i // 6 + 1}",
                                name=f"Kegiatan {i + 1} pencegahan dan penanganan TPPO",
                                responsible_agency="Dinas PPPA", indicator="Kegiatan terlaksana",
                                unit="kali", order=i) for i in range(n)]
    activities = Activity.objects.bulk_create(activities, batch_size=5000)
    years, reports = [], []
    for a in activities:
        for y in range(FIRST, LAST + 1):
            target = Decimal(rng.randint(4, 40))
            budget = Decimal(rng.randint(10, 300) * 1_000_000)
            years.append(ActivityYear(task_force_id=a.task_force_id, activity=a, year=y,
                                      target=target, budget=budget))
            for q in range(1, 5 if y < today.year else started + 1):
                if rng.random() < 0.1:
                    continue
                reports.append(ProgressReport(
                    task_force_id=a.task_force_id, activity=a, year=y, period=q,
                    achieved=Decimal(rng.randint(0, int(target) // 3 + 1)),
                    spent=budget * Decimal(rng.randint(5, 35)) / 100,
                    status="accepted" if rng.random() < 0.85 else "submitted"))
    ActivityYear.objects.bulk_create(years, batch_size=10000)
    ProgressReport.objects.bulk_create(reports, batch_size=10000)
    return {"plans": len(plans), "activities": len(activities), "activity_years": len(years),
            "progress_reports": len(reports)}


def data():
    with rls_bypass(reason="benchmark data across task forces"):
        if ActionPlan.objects.filter(title__startswith=MARK).exists():
            return {"plans": ActionPlan.objects.count(), "activities": Activity.objects.count(),
                    "activity_years": ActivityYear.objects.count(),
                    "progress_reports": ProgressReport.objects.count(), "reused": True}
        return _generate(random.Random(12))


def page(client, url, rounds):
    for _ in range(3):
        assert client.get(url).status_code == 200, url
    queries = []

    def count(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        client.get(url)
    wall, cpu = [], []
    for _ in range(rounds):
        start = time.process_time()
        wall.append(timed(lambda: client.get(url)))
        cpu.append((time.process_time() - start) * 1000)
    # the machine is shared: the CPU time of this process (Django's side, not PostgreSQL's) says
    # what the page costs when the wall clock is inflated by other processes
    return {**summary(wall), "cpu_p50_ms": round(statistics.median(cpu), 1),
            "queries": len(queries), "load_average": round(os.getloadavg()[0], 1)}


def main():
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 and sys.argv[1].isdigit() else 50
    generated = data()
    with rls_bypass(reason="benchmark data across task forces"):
        user, _ = User.objects.get_or_create(email="bench.rad@contoh.id")
        for code in ("nasional", PROVINCE, BIG):
            Membership.objects.get_or_create(user=user, task_force=TaskForce.objects.get(code=code),
                                             is_active=True, defaults={"role": "coordinator"})
        big = ActionPlan.objects.get(task_force__code=BIG, title__startswith=MARK)
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    year = timezone.localdate().year
    results = {"data": generated, "year": year}
    results["evaluation_200_activities"] = page(
        client, f"/gt/{BIG}/rad/{big.code}/evaluasi/?tahun={min(year, LAST)}", rounds)
    results["comparison_nasional"] = page(client, "/gt/nasional/rad/wilayah/", rounds)
    results[f"comparison_{PROVINCE}"] = page(client, f"/gt/{PROVINCE}/rad/wilayah/", rounds)
    if "--pdf" in sys.argv:
        results["matrix_pdf_200_activities"] = page(
            client, f"/gt/{BIG}/rad/{big.code}/matriks.pdf", 3)
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
