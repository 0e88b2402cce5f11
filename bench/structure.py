"""Task-force structure at national scale for benchmarks: SKs, RADs with progress, meetings and
recommendations for the 552 task forces below the nation (bulk inserts, marked with MARK so a
benchmark reuses what an earlier run made). Import after Django is set up."""

from datetime import date, timedelta
from decimal import Decimal

from django.core.management import call_command
from django.utils import timezone

from cases.models import Case
from gugus_tugas.models import Decree, Membership, TaskForce, User
from meetings.models import Meeting, Recommendation
from rad.models import ActionPlan, Activity, ActivityYear, ProgressReport

MARK = "BENCHMON"


def generate(rng, *, with_cases=True):
    """SKs, RADs with progress, meetings and recommendations for every task force below the
    nation; with `with_cases`, a signed-in member each and 4,000 cases (the load test has its own
    people and the 500k cases)."""
    today = timezone.localdate()
    year = today.year
    tfs = list(TaskForce.objects.exclude(code="nasional").order_by("code"))
    Decree.objects.bulk_create(
        Decree(task_force=tf, number=f"{MARK}/{tf.code}", title="Pembentukan GT PP-TPPO",
               date_signed=date(year - 2, 3, 1), issuer="gubernur" if tf.level == "province"
               else "bupati", period_start=year - 2,
               period_end=year if rng.random() < 0.1 else year + 2)
        for tf in tfs if rng.random() < 0.9)
    with_plan = [tf for tf in tfs if rng.random() < 0.4]
    plans = ActionPlan.objects.bulk_create(
        ActionPlan(task_force=tf, kind="rad", title=f"{MARK} RAD {tf.name}", first_year=year - 2,
                   last_year=year + 2, status="in_force", legal_kind="pergub",
                   legal_number=f"{tf.pk}/{year - 2}", legal_date=date(year - 2, 2, 1),
                   in_force_at=date(year - 2, 3, 1)) for tf in with_plan)
    activities = Activity.objects.bulk_create(
        [Activity(task_force=p.task_force, plan=p, cluster="Pencegahan", number=f"1.{i + 1}",
                  name=f"Kegiatan {i + 1}", responsible_agency="Dinas PPPA",
                  indicator="Kegiatan terlaksana", unit="kali", order=i)
         for p in plans for i in range(10)], batch_size=5000)
    years, reports = [], []
    for a in activities:
        for y in (year - 1, year):
            years.append(ActivityYear(task_force_id=a.task_force_id, activity=a, year=y,
                                      target=Decimal(12), budget=Decimal(50_000_000)))
            for q in range(1, 5 if y < year else (today.month - 1) // 3 + 1):
                reports.append(ProgressReport(task_force_id=a.task_force_id, activity=a, year=y,
                                              period=q, achieved=Decimal(rng.randint(0, 4)),
                                              spent=Decimal(rng.randint(5, 15) * 1_000_000),
                                              status="accepted"))
    ActivityYear.objects.bulk_create(years, batch_size=10000)
    ProgressReport.objects.bulk_create(reports, batch_size=10000)
    meetings = []
    for tf in tfs:
        for y in (year - 1, year):
            for i in range(rng.randint(0, 4)):
                d = date(y, rng.randint(1, today.month if y == year else 12), 10)
                meetings.append(Meeting(task_force=tf, kind="rakor", status="held",
                                        title=f"{MARK} Rakor {i + 1}", start_date=d, end_date=d))
    meetings = Meeting.objects.bulk_create(meetings, batch_size=5000)
    recs = []
    for m in meetings:
        for n in range(rng.randint(0, 3)):
            recs.append(Recommendation(task_force_id=m.task_force_id, meeting=m, number=n + 1,
                                       text="Meningkatkan koordinasi", issued_on=m.start_date,
                                       due_date=m.start_date + timedelta(days=60),
                                       status=rng.choice(["not_started", "in_progress", "done"])))
    Recommendation.objects.bulk_create(recs, batch_size=5000)
    if not with_cases:
        return {"task_forces": len(tfs), "plans": len(plans), "meetings": len(meetings),
                "recommendations": len(recs)}
    users = User.objects.bulk_create(
        User(email=f"{MARK.lower()}.{tf.code}@contoh.id", name=f"Sekretariat {tf.code}",
             last_login=timezone.now() - timedelta(days=rng.randint(0, 200))) for tf in tfs)
    Membership.objects.bulk_create(Membership(user=u, task_force=tf, role="secretariat_admin")
                                   for u, tf in zip(users, tfs, strict=True))
    call_command("generate_scale_data", cases=4000, years=2, verbosity=0)
    return {"task_forces": len(tfs), "decrees": Decree.objects.count(), "plans": len(plans),
            "activities": len(activities), "progress_reports": len(reports),
            "meetings": len(meetings), "recommendations": len(recs),
            "cases": Case.objects.count()}
