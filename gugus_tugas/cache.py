"""A Redis cache that keeps the site up when Redis is down.

Django's RedisCache raises on every call while Redis is unreachable, which would turn every page
that touches the cache (login throttling, dashboards) into a 500. This backend answers from a
per-process memory cache instead, logs the outage once a minute, and goes back to Redis as soon as
it answers. Login throttling keeps working per process meanwhile. Nothing that must be exact lives
only in the cache: the case-data version that cached figures are keyed on is in the database
(`cases.versioning`), so figures never come back stale after an outage.
"""

import logging
import time

from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

log = logging.getLogger(__name__)
DOWN = (RedisConnectionError, RedisTimeoutError, OSError)
FALLBACK_METHODS = ("add", "get", "set", "touch", "delete", "get_many", "has_key", "incr",
                    "decr", "set_many", "delete_many", "clear", "get_or_set")


# Once Redis failed to answer, this process answers from memory for this long before asking it
# again: a frozen Redis (connections accepted, nothing answered) then costs one timeout per
# process every few seconds instead of one per cache call (a login makes several).
RETRY_AFTER_SECONDS = 5.0
_down_until: dict[str, float] = {}  # per Redis location, shared by the threads of a process


class ResilientRedisCache(RedisCache):
    def __init__(self, server, params):
        options = params.setdefault("OPTIONS", {})
        # a Redis that does not answer must not hold a request for long
        options.setdefault("socket_connect_timeout", 0.5)
        options.setdefault("socket_timeout", 1.0)
        super().__init__(server, params)
        self._location = str(server)
        self._fallback = LocMemCache(f"fallback-{self._location}",
                                     {"OPTIONS": {"MAX_ENTRIES": 5000}})
        self._logged_at = 0.0

    def _is_down(self):
        return time.monotonic() < _down_until.get(self._location, 0.0)

    def _down(self, exc):
        now = time.monotonic()
        _down_until[self._location] = now + RETRY_AFTER_SECONDS
        if now - self._logged_at > 60:
            self._logged_at = now
            log.error("Redis cache unreachable, answering from process memory: %s", exc)


def _resilient(name):
    redis_method = getattr(RedisCache, name)

    def method(self, *args, **kwargs):
        if not self._is_down():
            try:
                return redis_method(self, *args, **kwargs)
            except DOWN as exc:
                self._down(exc)
        return getattr(self._fallback, name)(*args, **kwargs)

    method.__name__ = name
    return method


for _name in FALLBACK_METHODS:
    setattr(ResilientRedisCache, _name, _resilient(_name))
