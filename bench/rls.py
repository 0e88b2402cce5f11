"""What does the second lock (PostgreSQL row-level security, gugus_tugas/rls.py) cost the case
pages? Side by side in one run, interleaved, on the same data and the same logged-in officer:

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/gt_bench_rls .venv/bin/python -m bench.rls 200

A = as served: the connection works as DATABASE_APP_ROLE (gugus_app), the middleware hands the
    task force to PostgreSQL (set_config on entering and leaving the scope) and every tenant
    table's policy is checked.
B = the same request as the table owner with DATABASE_APP_ROLE unset: no SET ROLE, no
    set_config, no policy (the application's scoped managers only, as on SQLite).
Data: `generate_scale_data --cases N` (N from BENCH_RLS_CASES, default 100000) if the database
has fewer cases. Pages: the case list (first page, a later page, filtered), search by register
number, and detail, for the task force holding the most cases, as a data officer.
"""

import contextlib
import json
import os
import random
import sys

from bench._setup import django_on_postgres, side_by_side, summary

django_on_postgres("gt_bench_rls")

from django.core.management import call_command  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test import Client, override_settings  # noqa: E402

from cases.models import Case  # noqa: E402
from gugus_tugas import rls  # noqa: E402
from gugus_tugas.models import Membership, TaskForce, User  # noqa: E402
from gugus_tugas.scoping import rls_bypass  # noqa: E402
from gugus_tugas.totp import force_login_after_totp, totp_enable  # noqa: E402


@contextlib.contextmanager
def without_rls():
    with rls.as_table_owner(), override_settings(DATABASE_APP_ROLE=""):
        yield


def main():
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    wanted = int(os.environ.get("BENCH_RLS_CASES", "100000"))
    assert rls.enabled(), "set DATABASE_APP_ROLE (the default on PostgreSQL)"
    rng = random.Random(3)
    with rls_bypass(reason="benchmark set-up"):
        total = Case.objects.count()
    if total < wanted:
        call_command("generate_scale_data", cases=wanted - total, stdout=sys.stderr)
    with rls_bypass(reason="benchmark set-up"):
        total = Case.objects.count()
        top = Case.objects.values("task_force").annotate(n=Count("id")).order_by("-n").first()
        tf = TaskForce.objects.get(pk=top["task_force"])
        user, created = User.objects.get_or_create(email="bench.officer@contoh.id")
        if created or not user.has_mfa():
            totp_enable(user, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")
        Membership.objects.get_or_create(user=user, task_force=tf, is_active=True,
                                         defaults={"role": "data_officer"})
        cases = Case.objects.filter(task_force=tf)
        codes = list(cases.values_list("code", flat=True)[:2000])
        numbers = list(cases.values_list("register_number", flat=True)[:2000])
        years = sorted(set(cases.values_list("year", flat=True)))
    client = Client()
    force_login_after_totp(client, user)
    base = f"/gt/{tf.code}/kasus/"
    pages = {
        "list_first_page": lambda: base,
        "list_page_20": lambda: base + "?page=20",
        "list_filtered_year_status_sex":
            lambda: base + f"?year={rng.choice(years)}&status=verified&sex=P",
        "search_register_number": lambda: base + f"?q={rng.choice(numbers)}",
        "detail": lambda: base + f"{rng.choice(codes)}/",
    }
    results = {"cases_total": total, "task_force": tf.code, "task_force_cases": top["n"],
               "rounds": rounds}

    def get(url):
        response = client.get(url())
        assert response.status_code == 200, (url(), response.status_code)

    def get_without(url):
        with without_rls():
            get(url)

    for name, url in pages.items():
        with_rls, without = side_by_side(lambda u=url: get(u), lambda u=url: get_without(u),
                                         rounds=rounds)
        a, b = summary(with_rls), summary(without)
        results[name] = {"rls": a, "no_rls": b,
                         "ratio_p50": round(a["p50_ms"] / b["p50_ms"], 3),
                         "ratio_p95": round(a["p95_ms"] / b["p95_ms"], 3)}
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
