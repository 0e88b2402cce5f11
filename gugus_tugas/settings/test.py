"""Test settings: real PostgreSQL and Redis (overridable by DATABASE_URL / REDIS_URL)."""

import os
import uuid

os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/gugus_tugas")
os.environ.setdefault("REDIS_URL", "redis://127.0.0.1:6379/9")

from .base import *  # noqa: E402, F403
from .base import VAR_DIR  # noqa: E402

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CELERY_TASK_ALWAYS_EAGER = True  # unit tests only; the running site never uses eager tasks
CELERY_TASK_EAGER_PROPAGATES = True
PRIVATE_STORAGE_ROOT = VAR_DIR / "test-private"
STORAGES["default"]["OPTIONS"]["location"] = str(PRIVATE_STORAGE_ROOT)  # noqa: F405
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
# Keys unique to this process: xdist workers and earlier runs share the Redis database.
CACHES["default"]["KEY_PREFIX"] = f"gt-test-{uuid.uuid4().hex[:12]}"  # noqa: F405
MFA_TOTP_TOLERANCE = 1  # browser journeys log in twice within one 30 s period
FIGURES_CACHE_SECONDS = 0  # tests compute figures afresh; one test turns the cache on
MONITORING_FRESH_SECONDS = 0  # the Pemantauan rows read afresh, except where a test turns it on
