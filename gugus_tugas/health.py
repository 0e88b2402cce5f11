"""Health of one host for the load balancer and the container checks.

`GET /sehat/` answers JSON: the database, Redis, the depth of the Celery queue and the age of the
last beat heartbeat (`gugus_tugas.beat_heartbeat`, sent by Celery beat every
`BEAT_HEARTBEAT_SECONDS` and run by a worker, so a fresh heartbeat proves beat, broker and a
worker all work). 200 when every check passes, 503 otherwise. `GET /sehat/web/` checks only what
this web process needs to serve pages (the database): the container check of `web`, so a stopped
worker does not take the web servers out of rotation.

Served by `HealthCheckMiddleware`, first in MIDDLEWARE, before anything that reads the Host
header or redirects to HTTPS: a load balancer probes by IP address over plain HTTP, which
ALLOWED_HOSTS and SECURE_SSL_REDIRECT would refuse (400) or redirect (301). Nothing here builds a
URL from the Host header, so skipping that check opens nothing. The answer holds no secret and
no identity: booleans, counts, ages and the class name of an error, never its message (a
connection error can quote a URL with its password).
"""

import json
import logging
import time
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse

log = logging.getLogger(__name__)
HEARTBEAT_KEY = "ops:beat-heartbeat"
FULL_PATH = "/sehat/"
WEB_PATH = "/sehat/web/"


def beat_heartbeat_record() -> None:
    cache.set(HEARTBEAT_KEY, time.time(), None)


def _error(exc: BaseException) -> dict:
    return {"ok": False, "error": type(exc).__name__}


def check_database() -> dict:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:
        return _error(exc)
    return {"ok": True}


def _redis(url: str):
    import redis

    timeout = settings.REDIS_TIMEOUT_SECONDS
    return redis.Redis.from_url(url, socket_timeout=timeout, socket_connect_timeout=timeout)


def check_redis() -> dict:
    if not settings.REDIS_URL:
        return {"ok": True, "configured": False}  # embedded default: file cache, no Redis
    try:
        with _redis(settings.REDIS_URL) as client:
            client.ping()
    except Exception as exc:
        return _error(exc)
    return {"ok": True}


def queue_depth() -> int:
    """Messages waiting in the default Celery queue (every priority), on Redis or the filesystem."""
    from .celery import app

    queue = app.conf.task_default_queue
    broker = settings.CELERY_BROKER_URL
    if broker.startswith("filesystem://"):
        folder = Path(settings.CELERY_BROKER_TRANSPORT_OPTIONS["data_folder_in"])
        return sum(1 for p in folder.glob("*.msg")) if folder.is_dir() else 0
    if broker.startswith(("redis://", "rediss://")):
        # kombu's Redis transport keeps one list per priority step: `celery`, `celery\x06\x163`...
        with _redis(broker) as client:
            keys = [queue] + [key.decode() for key in client.scan_iter(f"{queue}\x06\x16*")]
            return sum(client.llen(key) for key in keys)
    raise ValueError("unsupported broker")


def check_queue() -> dict:
    limit = settings.HEALTH_QUEUE_MAX
    try:
        depth = queue_depth()
    except Exception as exc:
        return {**_error(exc), "max": limit}
    return {"ok": depth <= limit, "depth": depth, "max": limit}


def check_beat() -> dict:
    limit = settings.HEALTH_BEAT_STALE_SECONDS
    try:
        last = cache.get(HEARTBEAT_KEY)
    except Exception as exc:
        return {**_error(exc), "max_age_seconds": limit}
    if last is None:
        return {"ok": False, "age_seconds": None, "max_age_seconds": limit}
    age = max(0.0, time.time() - float(last))
    return {"ok": age <= limit, "age_seconds": round(age, 1), "max_age_seconds": limit}


def health(*, full: bool = True) -> tuple[bool, dict]:
    checks = {"database": check_database()}
    if full:
        checks.update(redis=check_redis(), queue=check_queue(), beat=check_beat())
    ok = all(check["ok"] for check in checks.values())
    return ok, {"status": "ok" if ok else "fail", "checks": checks}


class HealthCheckMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path_info
        if path not in (FULL_PATH, WEB_PATH):
            return self.get_response(request)
        if request.method not in ("GET", "HEAD"):
            response = HttpResponse(status=405)
            response["Allow"] = "GET, HEAD"
            return response
        ok, body = health(full=path == FULL_PATH)
        response = HttpResponse(json.dumps(body), status=200 if ok else 503,
                                content_type="application/json")
        response["Cache-Control"] = "no-store"
        if not ok:  # one line naming what failed, instead of Django's "Service Unavailable"
            response._has_been_logged = True
            log.warning("health check failed: %s",
                        ", ".join(name for name, c in body["checks"].items() if not c["ok"]))
        return response
