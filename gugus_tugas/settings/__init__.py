"""Which settings module a process runs: one rule for every entry point.

`manage.py`, `gugus_tugas/wsgi.py`, `gugus_tugas/asgi.py` and the Celery app (`gugus_tugas/celery.py`,
imported by the package itself) all call `settings_module()`. It is `DJANGO_SETTINGS_MODULE` when
set, otherwise production, which refuses to start with the public development keys. So a process
started without the variable never runs DEBUG or dev keys: development says so explicitly
(`make run` and the other Makefile targets set `gugus_tugas.settings.local`; the tests use
`gugus_tugas.settings.test` from pyproject.toml).
"""

import os

DEFAULT_SETTINGS_MODULE = "gugus_tugas.settings.production"


def settings_module() -> str:
    """Set DJANGO_SETTINGS_MODULE to production unless it is set already; return it."""
    return os.environ.setdefault("DJANGO_SETTINGS_MODULE", DEFAULT_SETTINGS_MODULE)
