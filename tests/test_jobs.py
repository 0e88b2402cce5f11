"""Jobs that never stay stuck (gugus_tugas.jobs): a render whose worker is killed finishes by
itself once a worker is back, exactly once; a job that was never sent is sent by the sweeper; a
queued job that never started expires and can be asked for again; a refused import can be run
again from its page."""

import os
import signal
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from gugus_tugas.celery import app as celery_app
from gugus_tugas.scoping import task_force_scope
from reports import services
from reports.models import ReportJob
from tests.reports.test_reports import official_case
from tests.servers import redis_server, reset_broker_connections  # noqa: F401 (a fixture)

ROOT = Path(__file__).resolve().parent.parent
YEAR = 2023


def request_report(tf, user):
    with task_force_scope(tf):
        job, created = services.report_job_request(task_force=tf, year=YEAR, variant="internal",
                                                   obstacles="", acting_user=user)
    assert created
    return job


def wait_for(condition, *, within, what):
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        if condition():
            return time.monotonic()
        time.sleep(0.2)
    pytest.fail(f"not within {within} s: {what}")


def job_row(job):
    return ReportJob.objects.values("status", "attempts", "progress", "finished_at",
                                    "pdf").get(pk=job.pk)


@pytest.fixture
def workers(redis_server, tmp_path):  # noqa: F811 (the fixture imported above)
    """Start real Celery workers on a Redis of this test's own, against the test database;
    `start(*options)` gives the process (its own group, killed at teardown)."""
    _, url = redis_server
    db = connection.settings_dict
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST")}
    env.update(DJANGO_SETTINGS_MODULE="gugus_tugas.settings.test", REDIS_URL=url, VAR_DIR=str(tmp_path),
               DATABASE_URL=f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}"
                            f"/{db['NAME']}",
               JOB_HEARTBEAT_SECONDS="0.5", JOB_HEARTBEAT_STALE_SECONDS="3", JOB_SWEEP_SECONDS="1",
               SLOW_RENDER_MARK=str(tmp_path / "stalled-once"))
    saved = (celery_app.conf.task_always_eager, celery_app.conf.broker_url)
    celery_app.conf.task_always_eager, celery_app.conf.broker_url = False, url
    reset_broker_connections(celery_app)
    started = []

    def start(*options):
        proc = subprocess.Popen([sys.executable, "-m", "tests.job_worker", *options], cwd=ROOT,
                                env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                start_new_session=True)
        started.append(proc)
        return proc

    start.storage = tmp_path / "test-private"
    yield start
    for proc in started:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        proc.wait(timeout=10)
    celery_app.conf.task_always_eager, celery_app.conf.broker_url = saved
    reset_broker_connections(celery_app)


@pytest.mark.django_db(transaction=True)
def test_a_render_whose_worker_is_killed_finishes_once_a_worker_is_back(workers, tf_a,
                                                                         coordinator_a):
    official_case(tf_a)
    job = request_report(tf_a, coordinator_a)
    first = workers("--slow-render", "--pool=solo", "-n", "first@%h")
    services.report_job_enqueue(job)
    wait_for(lambda: job_row(job)["progress"] >= 30, within=90, what="the render began")
    os.killpg(first.pid, signal.SIGKILL)  # the whole worker, mid-render
    first.wait(timeout=10)
    assert job_row(job)["status"] == "running"

    back = time.monotonic()
    workers("--pool=solo", "-B", "-s", str(workers.storage.parent / "beat-schedule"),
            "-n", "second@%h")
    done = wait_for(lambda: job_row(job)["status"] == "done", within=90,
                    what="the job was finished by the new worker")
    assert done - back < 60
    row = job_row(job)
    assert row["attempts"] == 2  # the killed run and the one that took over; nothing else
    pdfs = sorted(p.name for p in (workers.storage / "reports").glob("*.pdf"))
    assert pdfs == [Path(row["pdf"]).name]  # one set of files
    assert (workers.storage / row["pdf"]).read_bytes().startswith(b"%PDF-")
    time.sleep(3)  # the sweeper keeps running: it leaves a finished job alone
    assert job_row(job) == row


@pytest.mark.django_db(transaction=True)
def test_a_render_whose_pool_process_is_killed_is_finished_by_the_same_worker(
        workers, tf_a, coordinator_a, settings):
    """Prefork: only the pool process dies. Its message comes back at once (late
    acknowledgement) while the job still looks alive, so that delivery steps aside; the sweeper
    sends the job again once the heartbeat is stale and a new pool process takes it over."""
    settings.JOB_HEARTBEAT_STALE_SECONDS = 3
    official_case(tf_a)
    job = request_report(tf_a, coordinator_a)
    worker = workers("--slow-render", "--pool=prefork", "--concurrency=1", "-n", "prefork@%h")
    services.report_job_enqueue(job)
    wait_for(lambda: job_row(job)["progress"] >= 30, within=90, what="the render began")
    children = Path(f"/proc/{worker.pid}/task/{worker.pid}/children").read_text().split()
    assert len(children) == 1
    os.kill(int(children[0]), signal.SIGKILL)
    killed = time.monotonic()

    def finished():
        services.report_jobs_sweep()  # what beat runs every JOB_SWEEP_SECONDS
        return job_row(job)["status"] == "done"

    assert wait_for(finished, within=90, what="the job was finished") - killed < 60
    row = job_row(job)
    assert row["attempts"] == 2
    assert sorted(p.name for p in (workers.storage / "reports").glob("*.pdf")) == [
        Path(row["pdf"]).name]


def backdate(job, **ago):
    """Move the job's times back by `ago` (seconds per field), as if that much time had passed."""
    now = timezone.now()
    type(job).objects.filter(pk=job.pk).update(
        **{field: now - timedelta(seconds=s) for field, s in ago.items()})


@pytest.mark.django_db
def test_a_report_job_that_was_never_sent_is_sent_by_the_sweeper(tf_a, coordinator_a):
    official_case(tf_a)
    job = request_report(tf_a, coordinator_a)  # the request's process died before it sent it
    services.report_jobs_sweep()
    assert job_row(job)["status"] == "queued"  # a few seconds old: its request may still send it
    backdate(job, created_at=60)
    assert services.report_jobs_sweep()["republished"] == [job.pk]
    job.refresh_from_db()
    assert job.status == "done" and job.published_at and job.pdf  # eager: rendered at once


@pytest.mark.django_db
def test_a_running_job_whose_worker_died_is_taken_over_and_a_live_one_left_alone(
        tf_a, coordinator_a):
    official_case(tf_a)
    dead, live = request_report(tf_a, coordinator_a), None
    ReportJob.objects.filter(pk=dead.pk).update(status="running", attempts=1, progress=60)
    backdate(dead, created_at=120, published_at=120, started_at=100, heartbeat_at=40)
    with task_force_scope(tf_a):
        live, _ = services.report_job_request(task_force=tf_a, year=YEAR, variant="public",
                                              obstacles="", acting_user=coordinator_a)
    ReportJob.objects.filter(pk=live.pk).update(status="running", attempts=1, progress=60)
    backdate(live, created_at=120, published_at=120, started_at=100, heartbeat_at=2)

    assert services.report_jobs_sweep()["republished"] == [dead.pk]
    assert (job_row(dead)["status"], job_row(dead)["attempts"]) == ("done", 2)
    assert job_row(live)["status"] == "running"


@pytest.mark.django_db
def test_a_job_whose_worker_died_too_often_fails_with_a_reason(tf_a, coordinator_a, settings):
    job = request_report(tf_a, coordinator_a)
    ReportJob.objects.filter(pk=job.pk).update(status="running",
                                               attempts=settings.JOB_MAX_ATTEMPTS)
    backdate(job, created_at=600, published_at=120, started_at=100, heartbeat_at=60)
    assert services.report_jobs_sweep()["gave_up"] == [job.pk]
    job.refresh_from_db()
    assert job.status == "failed" and "berhenti berkali-kali" in job.error


@pytest.mark.django_db
def test_a_queued_job_that_never_started_expires_and_can_be_asked_for_again(
        login, tf_a, coordinator_a, settings):
    settings.JOB_QUEUED_EXPIRY_SECONDS = 60
    job = request_report(tf_a, coordinator_a)
    backdate(job, created_at=90, published_at=90)  # sent, but its message was lost
    client = login(coordinator_a)
    r = client.post(reverse("reports:request", args=[tf_a.code]),
                    {"tahun": YEAR, "variant": "internal", "obstacles": ""}, follow=True)
    assert "ini permintaan yang sama" not in r.content.decode()
    job.refresh_from_db()
    assert job.status == "failed" and "tidak mulai dibuat" in job.error
    again = ReportJob.objects.exclude(pk=job.pk).get()
    assert again.revision == job.revision + 1 and again.status == "done"  # eager

    other = ReportJob.objects.create(task_force=tf_a, year=YEAR, variant="public", revision=1)
    backdate(other, created_at=90, published_at=90)
    assert services.report_jobs_sweep()["expired"] == [other.pk]  # the sweeper does it too
    assert job_row(other)["status"] == "failed"


DEAD = "redis://127.0.0.1:1/0"


def large_import(client, tf, monkeypatch):
    from django.core.files.uploadedfile import SimpleUploadedFile

    import cases.views
    from tests.cases.test_import_export import GOOD, as_csv

    monkeypatch.setattr(cases.views, "ASYNC_IMPORT_BYTES", 10)
    r = client.post(reverse("cases:import", args=[tf.code]),
                    {"file": SimpleUploadedFile("kasus.csv", as_csv(GOOD))})
    return r.context["job"]


@pytest.mark.django_db
def test_a_large_import_refused_while_redis_was_down_can_be_run_again(
        login, officer_a, tf_a, monkeypatch, django_capture_on_commit_callbacks):
    from cases.models import Case, ImportJob

    client = login(officer_a)
    job = large_import(client, tf_a, monkeypatch)
    commit = reverse("cases:import_commit", args=[tf_a.code, job.code])
    saved = (celery_app.conf.task_always_eager, celery_app.conf.broker_url)
    celery_app.conf.task_always_eager, celery_app.conf.broker_url = False, DEAD
    reset_broker_connections(celery_app)
    try:
        r = client.post(commit, follow=True)
    finally:
        celery_app.conf.task_always_eager, celery_app.conf.broker_url = saved
        reset_broker_connections(celery_app)
    page = r.content.decode()
    assert "Antrean impor sedang tidak tersedia" in page
    assert "Jalankan lagi" in page and 'hx-trigger="every' not in page  # no "antre 0%" polling
    assert not Case.objects.exists()

    # Redis is back: the button runs it
    with django_capture_on_commit_callbacks(execute=True):
        r = client.post(commit, follow=True)
    job = ImportJob.objects.get(pk=job.pk)
    assert (job.status, job.cases_created) == ("done", 2) and Case.objects.count() == 2
    assert "Jalankan lagi" not in r.content.decode()
    client.post(commit)  # a second click changes nothing
    assert Case.objects.count() == 2


@pytest.mark.django_db
def test_an_import_that_waited_too_long_expires_and_can_be_run_again(
        login, officer_a, tf_a, monkeypatch, settings, django_capture_on_commit_callbacks):
    from cases import import_jobs
    from cases.models import Case, ImportJob

    settings.JOB_QUEUED_EXPIRY_SECONDS = 60
    client = login(officer_a)
    job = large_import(client, tf_a, monkeypatch)
    ImportJob.objects.filter(pk=job.pk).update(published_at=timezone.now())  # sent, then lost
    backdate(job, created_at=90, published_at=90)
    assert import_jobs.import_jobs_sweep()["expired"] == [job.pk]
    page = client.get(reverse("cases:import_status", args=[tf_a.code, job.code])).content.decode()
    assert "tidak dimulai dalam waktu yang wajar" in page and "Jalankan lagi" in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("cases:import_commit", args=[tf_a.code, job.code]))
    assert ImportJob.objects.get(pk=job.pk).status == "done" and Case.objects.count() == 2


@pytest.mark.django_db
def test_a_checked_import_waiting_for_its_person_is_not_sent_by_the_sweeper(
        login, officer_a, tf_a, monkeypatch):
    from cases import import_jobs
    from cases.models import ImportJob

    job = large_import(login(officer_a), tf_a, monkeypatch)
    backdate(job, created_at=120)
    assert import_jobs.import_jobs_sweep() == {"expired": [], "gave_up": [], "republished": []}
    assert ImportJob.objects.get(pk=job.pk).status == "queued"
