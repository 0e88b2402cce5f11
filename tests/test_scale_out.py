"""Several web and worker hosts share PostgreSQL, Redis and one files store: nothing one host
needs is kept on another's local disk (README, Scale-out)."""

from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.files.storage import default_storage
from django.db import models


def test_every_uploaded_or_rendered_file_lives_under_the_shared_private_root():
    root = Path(settings.PRIVATE_STORAGE_ROOT).resolve()
    fields = [f for model in apps.get_models() for f in model._meta.get_fields()
              if isinstance(f, models.FileField)]
    assert {f.model._meta.label for f in fields} >= {
        "cases.Attachment", "reports.ReportJob", "gugus_tugas.Decree"}
    for storage in [f.storage for f in fields] + [default_storage]:
        location = Path(storage.location).resolve()
        assert location == root or root in location.parents, (storage, location)


def test_with_redis_nothing_shared_is_kept_in_process_or_on_local_disk():
    assert settings.REDIS_URL  # the test settings, like production, run on Redis
    assert settings.CACHES["default"]["BACKEND"] == "gugus_tugas.cache.ResilientRedisCache"
    assert settings.CELERY_BROKER_URL.startswith("redis://")
    assert settings.CELERY_RESULT_BACKEND.startswith("redis://")
    assert settings.SESSION_ENGINE in ("django.contrib.sessions.backends.db",
                                       "django.contrib.sessions.backends.cache",
                                       "django.contrib.sessions.backends.cached_db")
