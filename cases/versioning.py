"""A version number of all case data, bumped after every committed change, so cached figures
(reports) are recomputed as soon as a case, victim, service or referral changes."""

from django.core.cache import cache
from django.db import transaction

KEY = "cases-data-version"


def data_version() -> int:
    version = cache.get(KEY)
    if version is None:
        cache.add(KEY, 1, timeout=None)
        version = cache.get(KEY, 1)
    return version


def _bump():
    try:
        cache.incr(KEY)
    except ValueError:
        cache.set(KEY, 2, timeout=None)


def cases_changed() -> None:
    transaction.on_commit(_bump)
