"""The Pemantauan page at national scale (PostgreSQL, data generated here, not the 500k cases).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/gt_bench_monitoring \\
        .venv/bin/python -m bench.monitoring_perf 50

Every one of the 552 task forces below the nation gets an SK (a tenth ending this year), two in
five a RAD in force with 10 activities and quarterly reports, 0-4 meetings and 0-6
recommendations per year (some overdue), members who signed in, and a few thousand cases over
the last two years (generate_scale_data). Measured: the nation's page (the 38 provinces, the
national figures over all 552), its every-district view, its .xlsx, and a province's page.
Target: the nation's page p95 < 300 ms warm, with a fixed number of queries.
"""

import json
import random
import sys

from bench._setup import django_on_postgres

django_on_postgres("gt_bench_monitoring")

from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402

from bench.rad_perf import page  # noqa: E402
from bench.structure import MARK, generate  # noqa: E402
from cases.models import Case  # noqa: E402
from gugus_tugas.models import Decree, Membership, TaskForce, User  # noqa: E402
from gugus_tugas.scoping import rls_bypass  # noqa: E402
from meetings.models import Meeting  # noqa: E402
from rad.models import ActionPlan  # noqa: E402

PROVINCE = "35"


def data():
    with rls_bypass(reason="benchmark data across task forces"):
        if Decree.objects.filter(number__startswith=MARK).exists():
            return {"decrees": Decree.objects.count(), "plans": ActionPlan.objects.count(),
                    "meetings": Meeting.objects.count(), "cases": Case.objects.count(),
                    "reused": True}
        return generate(random.Random(15))


def main():
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 and sys.argv[1].isdigit() else 50
    generated = data()
    with rls_bypass(reason="benchmark data across task forces"):
        user, _ = User.objects.get_or_create(email="bench.monitoring@contoh.id")
        for code in ("nasional", PROVINCE):
            Membership.objects.get_or_create(user=user, task_force=TaskForce.objects.get(code=code),
                                             is_active=True, defaults={"role": "coordinator"})
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    year = timezone.localdate().year
    results = {"data": generated, "year": year}
    results["nasional"] = page(client, "/gt/nasional/pemantauan/", rounds)
    results["nasional_last_year_by_cases"] = page(
        client, f"/gt/nasional/pemantauan/?tahun={year - 1}&urut=-kasus&peta=kasus", rounds)
    results["nasional_every_district"] = page(
        client, "/gt/nasional/pemantauan/?tingkat=kabupaten", max(rounds // 5, 5))
    results["nasional_xlsx"] = page(
        client, "/gt/nasional/pemantauan/pemantauan.xlsx?tingkat=kabupaten", max(rounds // 5, 5))
    results[f"province_{PROVINCE}"] = page(client, f"/gt/{PROVINCE}/pemantauan/", rounds)
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
