"""The production settings, for the load test on generated data only (bench/load_test.py).

Exactly gugus_tugas.settings.production (which the load test's environment satisfies with fresh
secrets), with three differences the generated data and a loopback run need:
- the generated data was encrypted with the development field key (generate_scale_data runs on
  the local settings): it stays in the list as an older key, to read those rows; new rows are
  written with the fresh key first in the list, as after a key rotation;
- NIK hashes of the generated data were made with the development hash key: kept, so duplicate
  checks behave as on real data;
- mail goes nowhere (there is no SMTP server on the machine): the locmem backend, so the worker's
  notification tasks still run their full path.
"""

from gugus_tugas.settings.base import DEV_FIELD_ENCRYPTION_KEY, DEV_NIK_HASH_KEY
from gugus_tugas.settings.production import *  # noqa: F403
from gugus_tugas.settings.production import FIELD_ENCRYPTION_KEYS

FIELD_ENCRYPTION_KEYS = [*FIELD_ENCRYPTION_KEYS, DEV_FIELD_ENCRYPTION_KEY]
NIK_HASH_KEY = DEV_NIK_HASH_KEY
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
