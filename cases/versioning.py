"""A version number of all case data, bumped after every committed change, so cached figures
(reports) are recomputed as soon as a case, victim, service or referral changes.

Kept in the database (one row, `DataVersion`): a bump must not get lost while the cache is
unreachable, or figures cached before an outage would be served after it as if nothing had
changed. One tiny UPDATE after each commit; a read per figures lookup."""

from django.db import IntegrityError, transaction
from django.db.models import F


def data_version() -> int:
    from .models import DataVersion

    version = DataVersion.objects.filter(pk=1).values_list("version", flat=True).first()
    return version or 0


def _bump():
    from .models import DataVersion

    if DataVersion.objects.filter(pk=1).update(version=F("version") + 1):
        return
    try:
        with transaction.atomic():
            DataVersion.objects.create(pk=1, version=1)
    except IntegrityError:  # created meanwhile by another process
        DataVersion.objects.filter(pk=1).update(version=F("version") + 1)


def cases_changed() -> None:
    transaction.on_commit(_bump)
