"""p50/p95 of the recommendations board of the national task force, with its recommendations sent
down to every task force below (PostgreSQL, Django test client, warm).

    .venv/bin/python -m bench.meetings_perf 200      # database gt_bench_meetings, created here

Generates (once) 50 national meetings with 1,000 recommendations, each sent down to 20 task
forces in turn, so that the 20,000 copies cover all 552 task forces below, with follow-up statuses
and due dates (some overdue); then measures the board as the national coordinator (first page,
page 10, overdue filter, agency filter, the htmx partial) and a district's board, with the number
of queries of each page.
"""

import json
import random
import sys
from datetime import date, timedelta
from pathlib import Path

from bench._setup import django_on_postgres, summary, timed

django_on_postgres("gt_bench_meetings")

from django.db import connection, reset_queries, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from gugus_tugas.models import Membership, TaskForce, User  # noqa: E402
from gugus_tugas.scoping import rls_bypass  # noqa: E402
from meetings.models import Meeting, Recommendation  # noqa: E402

MEETINGS, PER_MEETING, FAN_OUT = 50, 20, 20
STATUSES = ["not_started", "in_progress", "done", "done", "cannot"]
AGENCIES = ["Dinas Sosial", "Dinas PPPA", "Polda", "Disnaker", "Imigrasi", "BP3MI"]


@rls_bypass(reason="benchmark data across task forces")
@transaction.atomic
def generate(nation, below):
    rng = random.Random(13)
    meetings = Meeting.objects.bulk_create(
        Meeting(task_force=nation, kind="rakornas", status="held",
                title=f"Rakornas GT PP-TPPO {2000 + i}", start_date=date(2000 + i // 3, 10, 14),
                end_date=date(2000 + i // 3, 10, 17), city="Kupang", participant_count=200)
        for i in range(MEETINGS))
    recs = Recommendation.objects.bulk_create(
        Recommendation(task_force=nation, meeting=m, number=n + 1,
                       text=f"Rekomendasi {n + 1} {m.title}: penguatan koordinasi lintas sektor",
                       responsible_agency=rng.choice(AGENCIES), issued_on=m.start_date,
                       due_date=m.start_date + timedelta(days=rng.randint(100, 9000)),
                       status=rng.choice(STATUSES))
        for m in meetings for n in range(PER_MEETING))
    copies, i = [], 0
    for rec in recs:
        for _ in range(FAN_OUT):
            tf = below[i % len(below)]
            i += 1
            copies.append(Recommendation(
                task_force_id=tf, number=rec.number, text=rec.text, issued_on=rec.issued_on,
                due_date=rec.due_date, source=rec, source_task_force=nation,
                source_label=rec.meeting.title, status=rng.choice(STATUSES)))
    Recommendation.objects.bulk_create(copies, batch_size=5000)
    return len(recs), len(copies)


def main():
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    with rls_bypass(reason="benchmark data across task forces"):
        nation = TaskForce.objects.get(code="nasional")
        below = list(TaskForce.objects.exclude(pk=nation.pk).order_by("code")
                     .values_list("pk", flat=True))
        if not Recommendation.objects.filter(task_force=nation).exists():
            generate(nation, below)
        own = Recommendation.objects.filter(task_force=nation).count()
        sent = Recommendation.objects.filter(source__task_force=nation).count()
        receivers = (Recommendation.objects.filter(source__task_force=nation)
                     .values("task_force").distinct().count())
        coordinator, _ = User.objects.get_or_create(email="bench.nasional@contoh.id")
        Membership.objects.get_or_create(user=coordinator, task_force=nation, is_active=True,
                                         defaults={"role": "coordinator"})
        district = TaskForce.objects.get(code="18.71")
        admin, _ = User.objects.get_or_create(email="bench.bandarlampung@contoh.id")
        Membership.objects.get_or_create(user=admin, task_force=district, is_active=True,
                                         defaults={"role": "secretariat_admin"})
    connection.cursor().execute("ANALYZE meetings_recommendation")
    national, local = Client(), Client()
    national.force_login(coordinator, backend="django.contrib.auth.backends.ModelBackend")
    local.force_login(admin, backend="django.contrib.auth.backends.ModelBackend")
    base = "/gt/nasional/rapat/rekomendasi/"
    pages = {
        "national_board_first_page": (national, base, {}),
        "national_board_page_10": (national, base + "?page=10", {}),
        "national_board_overdue": (national, base + "?status=overdue", {}),
        "national_board_agency": (national, base + "?agency=Dinas+Sosial&status=done", {}),
        "national_board_htmx_partial": (national, base, {"HTTP_HX_REQUEST": "true"}),
        "district_board": (local, "/gt/18.71/rapat/rekomendasi/", {}),
    }
    results = {"national_recommendations": own, "sent_down_copies": sent,
               "task_forces_receiving": receivers}
    for name, (client, url, headers) in pages.items():
        for _ in range(10):
            client.get(url, **headers)
        reset_queries()
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url, **headers).status_code == 200
        queries = len(ctx.captured_queries)
        samples = [timed(lambda c=client, u=url, h=headers: c.get(u, **h)) for _ in range(rounds)]
        results[name] = {**summary(samples), "queries": queries}
    print(json.dumps(results, indent=2))
    out = Path(__file__).parent / "results" / "meetings.json"
    out.write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    main()
