"""Redis frozen, not down: it accepts connections and never answers (SIGSTOP of a redis-server
this test starts itself). Every call to it gives up after about a second, so pages answer within
a few seconds with a clear message, and a report whose publish failed can be asked for again."""

import os
import signal
import time

import pytest
from django.urls import reverse

from gugus_tugas.celery import app as celery_app
from reports.models import ReportJob
from tests.factories import PASSWORD
from tests.servers import redis_server, reset_broker_connections  # noqa: F401 (a fixture)

pytestmark = pytest.mark.django_db
PROMPT = 6.0  # seconds: a Redis timeout or two (a publish is retried once), plus the page on a
# busy machine; without the timeouts these calls wait for minutes (redis-py and kombu defaults)


@pytest.fixture
def redis_frozen(redis_server, settings):  # noqa: F811 (the fixture imported above)
    proc, url = redis_server
    settings.CACHES = {"default": {"BACKEND": "gugus_tugas.cache.ResilientRedisCache",
                                   "LOCATION": url,
                                   "OPTIONS": settings.CACHES["default"].get("OPTIONS", {})}}
    saved = (celery_app.conf.task_always_eager, celery_app.conf.broker_url)
    celery_app.conf.task_always_eager, celery_app.conf.broker_url = False, url
    reset_broker_connections(celery_app)
    os.kill(proc.pid, signal.SIGSTOP)
    yield
    os.kill(proc.pid, signal.SIGCONT)
    celery_app.conf.task_always_eager, celery_app.conf.broker_url = saved
    reset_broker_connections(celery_app)


def timed(call, *args, **kwargs):
    start = time.monotonic()
    response = call(*args, **kwargs)
    return response, time.monotonic() - start


def test_login_and_the_case_list_answer_promptly(redis_frozen, client, coordinator_a, tf_a):
    r, took = timed(client.post, reverse("account_login"),
                    {"login": coordinator_a.email, "password": "salah-sekali"})
    assert r.status_code == 200 and took < PROMPT, took  # refused, with the form again
    r, took = timed(client.post, reverse("account_login"),
                    {"login": coordinator_a.email, "password": PASSWORD})
    assert r.status_code == 302 and took < PROMPT, took
    r, took = timed(client.get, reverse("cases:list", args=[tf_a.code]))
    assert r.status_code == 200 and took < PROMPT, took
    r, took = timed(client.get, reverse("reports:dashboard", args=[tf_a.code]))
    assert r.status_code == 200 and took < PROMPT, took


def test_a_report_request_says_the_queue_is_unavailable_and_can_be_asked_again(
        redis_frozen, login, coordinator_a, tf_a):
    client = login(coordinator_a)
    ask = {"tahun": 2023, "variant": "internal", "obstacles": ""}
    r, took = timed(client.post, reverse("reports:request", args=[tf_a.code]), ask)
    assert r.status_code == 302 and took < PROMPT, took
    page = client.get(r.url)
    assert "Antrean pembuatan laporan sedang tidak tersedia" in page.content.decode()
    first = ReportJob.objects.get()
    assert first.status == "failed"  # not "queued" for ever
    r, took = timed(client.post, reverse("reports:request", args=[tf_a.code]), ask, follow=True)
    assert took < PROMPT, took
    assert "ini permintaan yang sama" not in r.content.decode()
    assert ReportJob.objects.count() == 2
