"""Does the tenancy scope cost anything? Side by side on PostgreSQL, interleaved.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/gt_bench_core .venv/bin/python -m bench.scoping

A. ORM: decree members of one SK through the scoped manager inside `scope(task_force=tf)`,
   against the same query with scoping disabled and the task-force filter written by hand.
B. Whole request (Django test client, middleware, template): the task-force home page and the
   SK detail page as served, against the same with the middleware's scope replaced by
   `rls_bypass(reason="benchmark data across task forces")` (the views still filter by task force through the access helpers).
Data: every one of the 553 task forces with 3 SKs × 6 sub task forces × 25 members (41k members).
"""

import contextlib
import json
import random
import sys

from bench._setup import django_on_postgres, side_by_side, summary

django_on_postgres("gt_bench_core")

from django.test import Client  # noqa: E402
from django_scopes import scope  # noqa: E402

import gugus_tugas.middleware as mw  # noqa: E402
from gugus_tugas.models import (  # noqa: E402
    Decree,
    DecreeMember,
    Membership,
    SubTaskForce,
    TaskForce,
    User,
)
from gugus_tugas.scoping import rls_bypass  # noqa: E402
from gugus_tugas.totp import force_login_after_totp  # noqa: E402

MEMBERS_PER_SK = 25


def generate():
    with rls_bypass(reason="benchmark data across task forces"):
        if Decree.objects.filter(number__startswith="BENCH/").exists():
            return
        tfs = list(TaskForce.objects.all())
        decrees = [Decree(task_force=tf, number=f"BENCH/{tf.code}/{i}", title="SK bench",
                          date_signed=f"{2016 + 3 * i}-02-01", issuer="gubernur",
                          period_start=2016 + 3 * i, period_end=2018 + 3 * i,
                          status="in_force" if i == 2 else "replaced")
                   for tf in tfs for i in range(3)]
        Decree.objects.bulk_create(decrees, batch_size=2000)
        stfs = [SubTaskForce(task_force=d.task_force, decree=d, name=f"Klaster {k}", order=k)
                for d in decrees for k in range(6)]
        SubTaskForce.objects.bulk_create(stfs, batch_size=5000)
        members = [DecreeMember(task_force=s.task_force, decree=s.decree,
                                position=f"Kepala Dinas {j}", agency="Dinas", sub_task_force=s,
                                role="anggota", order=j)
                   for s in stfs for j in range(MEMBERS_PER_SK // 6 + 1)]
        DecreeMember.objects.bulk_create(members, batch_size=5000)


def main():
    generate()
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 400
    rng = random.Random(7)
    with rls_bypass(reason="benchmark data across task forces"):
        tfs = list(TaskForce.objects.all())
        decree_of = {d.task_force_id: d for d in Decree.objects.filter(status="in_force")}
        user, _ = User.objects.get_or_create(email="bench@contoh.id")
        for tf in tfs:
            Membership.objects.get_or_create(user=user, task_force=tf, is_active=True,
                                             defaults={"role": "viewer"})
        n_members = DecreeMember.objects.count()

    def orm_scoped():
        tf = rng.choice(tfs)
        with scope(task_force=tf):
            list(DecreeMember.objects.filter(decree=decree_of[tf.pk]))

    def orm_unscoped():
        tf = rng.choice(tfs)
        with rls_bypass(reason="benchmark data across task forces"):
            list(DecreeMember.objects.filter(task_force=tf, decree=decree_of[tf.pk]))

    client = Client()
    force_login_after_totp(client, user)
    real_scope = mw.task_force_scope

    def page(scoped):
        def run():
            tf = rng.choice(tfs)
            mw.task_force_scope = real_scope if scoped else (lambda tf: _disabled())
            try:
                url = (f"/gt/{tf.code}/" if rng.random() < 0.5
                       else f"/gt/{tf.code}/sk/{decree_of[tf.pk].code}/")
                assert client.get(url).status_code == 200
            finally:
                mw.task_force_scope = real_scope
        return run

    a, b = side_by_side(orm_scoped, orm_unscoped, rounds=rounds)
    c, d = side_by_side(page(True), page(False), rounds=rounds // 2)
    result = {
        "data": {"task_forces": len(tfs), "decree_members": n_members},
        "orm_scoped": summary(a), "orm_unscoped": summary(b),
        "orm_ratio_p50": round(summary(a)["p50_ms"] / summary(b)["p50_ms"], 3),
        "page_scoped": summary(c), "page_unscoped": summary(d),
        "page_ratio_p50": round(summary(c)["p50_ms"] / summary(d)["p50_ms"], 3),
    }
    print(json.dumps(result, indent=2))


@contextlib.contextmanager
def _disabled():
    with rls_bypass(reason="benchmark data across task forces"):
        yield


if __name__ == "__main__":
    main()
