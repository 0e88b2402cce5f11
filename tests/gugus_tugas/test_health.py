"""/sehat/: what the load balancer and the container checks read."""

import json
import time
import uuid

import pytest
import redis
from django.conf import settings
from django.core.cache import cache
from django.test import override_settings

from gugus_tugas.celery import app
from gugus_tugas.health import HEARTBEAT_KEY
from gugus_tugas.tasks import beat_heartbeat

pytestmark = pytest.mark.django_db
DEAD_REDIS = "redis://:s3cret-password@127.0.0.1:1/0"


def probe(client, path="/sehat/", **extra):
    # as a load balancer does: by IP address, over plain HTTP
    response = client.get(path, HTTP_HOST="10.20.30.40:8000", **extra)
    return response.status_code, json.loads(response.content)


def test_it_answers_200_when_database_redis_queue_and_beat_are_fine(client):
    beat_heartbeat.delay()  # what beat sends every minute, run by a worker
    with override_settings(SECURE_SSL_REDIRECT=True):  # production redirects plain HTTP
        status, body = probe(client)
    assert status == 200, body
    assert body["status"] == "ok"
    assert set(body["checks"]) == {"database", "redis", "queue", "beat"}
    assert all(check["ok"] for check in body["checks"].values())
    assert body["checks"]["beat"]["age_seconds"] < 60


def test_it_answers_503_naming_redis_when_redis_is_down_and_reveals_no_url(client):
    beat_heartbeat.delay()
    with override_settings(REDIS_URL=DEAD_REDIS, CELERY_BROKER_URL=DEAD_REDIS):
        response = client.get("/sehat/", HTTP_HOST="10.20.30.40")
    body = json.loads(response.content)
    assert response.status_code == 503
    assert body["checks"]["redis"] == {"ok": False, "error": "ConnectionError"}
    assert body["checks"]["queue"]["ok"] is False
    assert body["checks"]["database"]["ok"] is True
    assert b"s3cret" not in response.content and b"127.0.0.1" not in response.content


def test_it_answers_503_when_the_last_beat_is_stale_but_the_web_check_stays_up(client):
    cache.set(HEARTBEAT_KEY, time.time() - settings.HEALTH_BEAT_STALE_SECONDS - 5, None)
    status, body = probe(client)
    assert status == 503
    assert body["checks"]["beat"]["ok"] is False
    assert body["checks"]["beat"]["age_seconds"] > settings.HEALTH_BEAT_STALE_SECONDS
    assert body["checks"]["redis"]["ok"] is True
    # a stopped beat or worker does not take the web servers out of rotation
    assert probe(client, "/sehat/web/") == (200, {"status": "ok",
                                                   "checks": {"database": {"ok": True}}})


def test_no_heartbeat_yet_is_not_healthy(client):
    cache.delete(HEARTBEAT_KEY)
    status, body = probe(client)
    assert status == 503 and body["checks"]["beat"]["age_seconds"] is None


def test_it_answers_503_when_the_queue_is_deeper_than_allowed(client):
    beat_heartbeat.delay()
    queue = f"health-test-{uuid.uuid4().hex}"  # never the real queue: workers of other tests
    default_queue, app.conf.task_default_queue = app.conf.task_default_queue, queue
    client_redis = redis.Redis.from_url(settings.CELERY_BROKER_URL)
    try:
        client_redis.lpush(queue, "a", "b")
        client_redis.lpush(f"{queue}\x06\x163", "c")  # kombu's list for priority 3
        with override_settings(HEALTH_QUEUE_MAX=3):
            status, body = probe(client)
            assert (status, body["checks"]["queue"]) == (200, {"ok": True, "depth": 3, "max": 3})
            client_redis.lpush(queue, "d")
            status, body = probe(client)
        assert status == 503
        assert body["checks"]["queue"] == {"ok": False, "depth": 4, "max": 3}
    finally:
        app.conf.task_default_queue = default_queue
        client_redis.delete(queue, f"{queue}\x06\x163")


def test_beat_sends_the_heartbeat_well_within_the_stale_limit():
    entries = [e for e in settings.CELERY_BEAT_SCHEDULE.values()
               if e["task"] == "gugus_tugas.beat_heartbeat"]
    assert len(entries) == 1
    assert entries[0]["schedule"] * 2 <= settings.HEALTH_BEAT_STALE_SECONDS


def test_only_get_and_head(client):
    assert client.post("/sehat/", HTTP_HOST="10.20.30.40").status_code == 405
    assert client.head("/sehat/web/", HTTP_HOST="10.20.30.40").status_code == 200


def test_the_health_command_exits_1_when_beat_is_stale(capsys):
    from django.core.management import call_command

    cache.delete(HEARTBEAT_KEY)
    with pytest.raises(SystemExit) as exited:
        call_command("health", "--only", "beat")
    assert exited.value.code == 1
    assert json.loads(capsys.readouterr().out)["beat"]["ok"] is False
    beat_heartbeat.delay()
    call_command("health", "--only", "beat", "--only", "database")
    assert set(json.loads(capsys.readouterr().out)) == {"beat", "database"}


def test_every_compose_service_has_a_health_check_and_the_web_one_answers(client, settings):
    import re

    compose = (settings.BASE_DIR / "docker-compose.yml").read_text()
    section = "\n" + compose.split("\nservices:\n")[1].split("\nvolumes:")[0]
    services = re.split(r"\n  (\w+):\n", section)
    blocks = dict(zip(services[1::2], services[2::2], strict=True))
    assert set(blocks) == {"web", "worker", "beat", "db", "redis"}
    assert all("healthcheck:" in block for block in blocks.values())
    url = re.search(r"u\.urlopen\('(http://[^']+)'", blocks["web"]).group(1)
    host, path = re.match(r"http://([^/]+)(/.*)", url).groups()
    settings.ALLOWED_HOSTS = ["gt.example.go.id"]  # as in production: not 127.0.0.1
    settings.SECURE_SSL_REDIRECT = True
    assert client.get(path, HTTP_HOST=host).status_code == 200
