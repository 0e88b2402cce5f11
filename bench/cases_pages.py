"""p50/p95 of the case pages at scale (PostgreSQL, Django test client, warm).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/gt_bench .venv/bin/python manage.py generate_scale_data --cases 500000
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/gt_bench .venv/bin/python -m bench.cases_pages 200

Measured for the task force holding the most cases: the list (first page, a later page, filtered
by year+status+sex, filtered by exploitation+service), search by register number, and detail,
as a data officer (identities shown and each view logged, the heaviest role). Query counts are
reported per page too.
"""

import json
import random
import sys

from bench._setup import django_on_postgres, summary, timed

django_on_postgres("gt_bench")

from django.db import connection, reset_queries  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from cases.models import Case  # noqa: E402
from gugus_tugas.models import Membership, TaskForce, User  # noqa: E402
from gugus_tugas.scoping import rls_bypass  # noqa: E402
from gugus_tugas.totp import force_login_after_totp, totp_enable  # noqa: E402


def main():
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    rng = random.Random(3)
    with rls_bypass(reason="benchmark data across task forces"):
        total = Case.objects.count()
        top = (Case.objects.values("task_force").annotate(n=Count("id")).order_by("-n").first())
        tf = TaskForce.objects.get(pk=top["task_force"])
        user, created = User.objects.get_or_create(email="bench.officer@contoh.id")
        if created or not user.has_mfa():
            totp_enable(user, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")
        Membership.objects.get_or_create(user=user, task_force=tf, is_active=True,
                                         defaults={"role": "data_officer"})
        codes = list(Case.objects.filter(task_force=tf).values_list("code", flat=True)[:2000])
        numbers = list(Case.objects.filter(task_force=tf).values_list("register_number", flat=True)[:2000])
        years = sorted(set(Case.objects.filter(task_force=tf).values_list("year", flat=True)))
    client = Client()
    force_login_after_totp(client, user)
    base = f"/gt/{tf.code}/kasus/"
    pages = {
        "list_first_page": lambda: base,
        "list_page_20": lambda: base + "?page=20",
        "list_filtered_year_status_sex": lambda: base + f"?year={rng.choice(years)}&status=verified&sex=P",
        "list_filtered_exploitation_service": lambda: base + "?exploitation=kerja_paksa&service=pemulangan",
        "search_register_number": lambda: base + f"?q={rng.choice(numbers)}",
        "detail": lambda: base + f"{rng.choice(codes)}/",
    }
    results = {"cases_total": total, "task_force": tf.code, "task_force_cases": top["n"]}
    for name, url in pages.items():
        for _ in range(10):
            client.get(url())
        reset_queries()  # a request resets the log: count from an empty one
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url()).status_code == 200
        queries = len(ctx.captured_queries)  # read now: later requests reset the log
        samples = [timed(lambda u=url: client.get(u())) for _ in range(rounds)]
        results[name] = {**summary(samples), "queries": queries}
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
