"""The list of cases below (a province's or the nation's, de-identified) at 500k cases: the page as
served now (count up to 10,000, the doubly held referred cases left out by id) side by side with
the way it was served before (every case counted, the doubles left out by joining each case),
one page each in turn, on the same data (PostgreSQL with row-level security, warm).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/gt_bench .venv/bin/python manage.py generate_scale_data --cases 500000
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/gt_bench .venv/bin/python -m bench.cases_below 10

Per scope (the nation; the province with most cases) and page (first, page 20, filtered by year
and status): p50/p95 of the page's rows as the view reads them (count, page ids, the page's
cases), then of the whole page through the Django test client. Results: bench/results/
cases_below.json.
"""

import json
import sys
from pathlib import Path

from bench._setup import django_on_postgres, side_by_side, summary, timed

django_on_postgres("gt_bench")

from django.core.paginator import Paginator  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test import Client  # noqa: E402

from cases import selectors  # noqa: E402
from cases.models import Case, CaseAccess  # noqa: E402
from cases.views import BELOW_COUNT_CAP, PAGE_SIZE, CappedPaginator  # noqa: E402
from gugus_tugas.models import Membership, TaskForce, User  # noqa: E402
from gugus_tugas.scoping import rls_bypass, task_force_scope  # noqa: E402
from gugus_tugas.totp import force_login_after_totp, totp_enable  # noqa: E402

RESULTS = Path(__file__).resolve().parent / "results" / "cases_below.json"


def before_rows(tf, below, filters, page_number):
    """The view as it was (commit 9738287): a full count, the doubles excluded through a join."""
    listed = (selectors.case_filtered(task_force=tf, filters=filters)
              .exclude(status=Case.Status.DRAFT)
              .exclude(kind=CaseAccess.Kind.RECEIVER, case__task_force_id__in=below))
    page = Paginator(listed.values_list("case_id", flat=True), PAGE_SIZE).get_page(page_number)
    return page.paginator.count, selectors.case_rows(list(page.object_list))


def now_rows(tf, below, filters, page_number):
    listed = selectors.cases_below(task_force=tf, below=below, filters=filters)
    page = CappedPaginator(listed.values_list("case_id", flat=True), PAGE_SIZE,
                           cap=BELOW_COUNT_CAP).get_page(page_number)
    return page.paginator.count, selectors.case_rows(list(page.object_list))


def coordinator(tf):
    user, created = User.objects.get_or_create(email=f"bench.coordinator.{tf.code}@contoh.id")
    if created or not user.has_mfa():
        totp_enable(user, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")
    Membership.objects.get_or_create(user=user, task_force=tf, is_active=True,
                                     defaults={"role": "coordinator"})
    client = Client()
    force_login_after_totp(client, user)
    return client


def main():
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 10
    with rls_bypass(reason="benchmark set-up across task forces"):
        total = Case.objects.count()
        nation = TaskForce.objects.get(code="nasional")
        top = (Case.objects.filter(task_force__level="district")
               .values("task_force__parent").annotate(n=Count("id")).order_by("-n").first())
        province = TaskForce.objects.get(pk=top["task_force__parent"])
        year = Case.objects.order_by("-year").values_list("year", flat=True).first() - 1
        clients = {tf.code: coordinator(tf) for tf in (nation, province)}
    results = {"cases_total": total, "cap": BELOW_COUNT_CAP, "rounds": rounds, "scopes": {}}
    pages = {"first_page": ({}, 1), "page_20": ({}, 20),
             "year_and_status": ({"year": year, "status": "verified"}, 1)}
    for tf in (nation, province):
        below = list(tf.descendants().exclude(pk=tf.pk).values_list("pk", flat=True))
        scope = results["scopes"][tf.code] = {"task_forces_below": len(below)}
        for name, (filters, number) in pages.items():
            with task_force_scope(below):
                count_before, rows_before = before_rows(tf, below, filters, number)
                count_now, rows_now = now_rows(tf, below, filters, number)
                assert [c.pk for c in rows_before] == [c.pk for c in rows_now], name
                args = (tf, below, filters, number)
                a, b = side_by_side(lambda a=args: before_rows(*a), lambda a=args: now_rows(*a),
                                    rounds=rounds, warmup=2)
            query = "&".join(f"{k}={v}" for k, v in {**filters, "page": number}.items())
            url = f"/gt/{tf.code}/kasus/wilayah/?{query}"
            assert clients[tf.code].get(url).status_code == 200
            client = clients[tf.code]
            page = [timed(lambda c=client, u=url: c.get(u)) for _ in range(rounds)]
            scope[name] = {"count_before": count_before, "count_now": count_now,
                           "rows_before": summary(a), "rows_now": summary(b),
                           "ratio_p50": round(summary(a)["p50_ms"] / summary(b)["p50_ms"], 1),
                           "page_now": summary(page)}
            print(tf.code, name, json.dumps(scope[name]), flush=True)
    RESULTS.write_text(json.dumps(results, indent=1))
    print(f"written to {RESULTS}")


if __name__ == "__main__":
    main()
