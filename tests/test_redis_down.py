"""Redis down: report requests fail with a clear message, the rest of the site keeps working.

Both the cache and the Celery broker point at a port where nothing listens (real connection
refusals, nothing mocked)."""

from datetime import date

import pytest
from django.core.cache import cache
from django.urls import reverse

from cases.models import Case
from gugus_tugas.celery import app as celery_app
from reports.models import ReportJob
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db
DEAD = "redis://127.0.0.1:1/0"


@pytest.fixture
def redis_down(settings):
    settings.CACHES = {"default": {"BACKEND": "gugus_tugas.cache.ResilientRedisCache",
                                   "LOCATION": DEAD}}
    saved = (celery_app.conf.task_always_eager, celery_app.conf.broker_url)
    celery_app.conf.task_always_eager, celery_app.conf.broker_url = False, DEAD
    reset_broker_connections()
    yield
    celery_app.conf.task_always_eager, celery_app.conf.broker_url = saved
    reset_broker_connections()


def reset_broker_connections():
    """Celery keeps its connection and producer pools for the URL they were made with (kombu
    keeps one per URL: dropping the app's references is enough, closing them would break them
    for every later user of that URL)."""
    celery_app._pool = None
    celery_app.amqp._producer_pool = None


def test_the_cache_answers_from_memory_while_redis_is_down(redis_down):
    cache.set("k", 1)
    assert cache.get("k") == 1 and cache.incr("k") == 2


def test_login_pages_and_case_entry_keep_working(redis_down, client, officer_a, tf_a,
                                                 coordinator_a):
    r = client.post(reverse("account_login"), {"login": coordinator_a.email, "password": "wrong"})
    assert r.status_code == 200  # refused, throttled per process meanwhile, no error page
    r = client.post(reverse("account_login"), {"login": coordinator_a.email, "password": PASSWORD})
    assert r.status_code == 302
    assert client.get(reverse("reports:dashboard", args=[tf_a.code])).status_code == 200
    assert client.get(reverse("cases:list", args=[tf_a.code])).status_code == 200


def test_a_report_request_fails_with_a_clear_message(redis_down, login, coordinator_a, tf_a):
    client = login(coordinator_a)
    r = client.post(reverse("reports:request", args=[tf_a.code]),
                    {"tahun": 2023, "variant": "internal", "obstacles": ""}, follow=True)
    assert r.status_code == 200
    assert "Antrean pembuatan laporan sedang tidak tersedia" in r.content.decode()
    assert ReportJob.objects.get().status == "failed"


def test_a_case_saved_while_redis_is_down_still_refreshes_the_figures(
        redis_down, officer_a, tf_a, django_capture_on_commit_callbacks):
    from cases import services
    from cases.versioning import data_version
    from gugus_tugas.scoping import task_force_scope

    before = data_version(tf_a)
    with task_force_scope(tf_a), django_capture_on_commit_callbacks(execute=True):
        services.case_create(task_force=tf_a, acting_user=officer_a, report_date=date(2024, 3, 5),
                             incident_date=None, victims=[services.VictimData(name="Siti", sex="P", age=20)],
                             exploitation=["kerja_paksa"])
    assert Case.objects.count() == 1
    assert data_version(tf_a) == before + 1  # in the database: nothing lost with the cache


def test_a_large_import_keeps_its_file_and_says_the_queue_is_down(redis_down, login, officer_a,
                                                                   tf_a, monkeypatch):
    from django.core.files.uploadedfile import SimpleUploadedFile

    import cases.views
    from cases.models import ImportJob
    from tests.cases.test_import_export import GOOD, as_csv

    monkeypatch.setattr(cases.views, "ASYNC_IMPORT_BYTES", 10)
    client = login(officer_a)
    r = client.post(reverse("cases:import", args=[tf_a.code]),
                    {"file": SimpleUploadedFile("kasus.csv", as_csv(GOOD))})
    job = r.context["job"]
    r = client.post(reverse("cases:import_commit", args=[tf_a.code, job.code]), follow=True)
    assert r.status_code == 200 and "Antrean impor sedang tidak tersedia" in r.content.decode()
    job = ImportJob.objects.get(pk=job.pk)
    assert (job.status, job.progress) == ("queued", 0) and not Case.objects.exists()
