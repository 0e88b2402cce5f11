"""Safe by default: one rule picks the settings module for every entry point, and production
refuses to start with the public development keys or an email backend that sends nothing."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from django.urls import reverse

from tests.factories import PASSWORD, UserFactory

ROOT = Path(__file__).resolve().parent.parent

PRODUCTION_ENV = {
    "DJANGO_SECRET_KEY": "s3cr3t-of-this-installation-" + "x" * 40,
    "FIELD_ENCRYPTION_KEYS": Fernet.generate_key().decode(),
    "NIK_HASH_KEY": "nik-hash-key-of-this-installation",
    "EMAIL_URL": "smtp+tls://user:password@smtp.contoh.go.id:587",
    "DJANGO_ALLOWED_HOSTS": "gt.contoh.go.id",
}


def clean_env(**extra):
    env = {k: v for k, v in os.environ.items()
           if k not in ("DJANGO_SETTINGS_MODULE", *PRODUCTION_ENV)
           and not k.startswith(("PYTEST", "DJANGO_"))}
    env.update(extra)
    return env


def python(code, **env):
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=clean_env(**env),
                          capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("entry_point", ["gugus_tugas.wsgi", "gugus_tugas.asgi", "gugus_tugas"])
def test_an_entry_point_without_a_settings_module_runs_production_and_refuses_dev_keys(entry_point):
    refused = python(f"import {entry_point}; from django.conf import settings; settings.DEBUG")
    assert refused.returncode != 0
    assert "ImproperlyConfigured" in refused.stderr
    assert "DJANGO_SECRET_KEY" in refused.stderr
    ran = python(f"import {entry_point}; from django.conf import settings; "
                 "print(settings.SETTINGS_MODULE, settings.DEBUG)", **PRODUCTION_ENV)
    assert ran.returncode == 0, ran.stderr
    assert ran.stdout.split()[-2:] == ["gugus_tugas.settings.production", "False"]


def test_manage_py_without_a_settings_module_runs_production():
    show = ("from django.conf import settings as s; "
            "print(s.SETTINGS_MODULE, s.DEBUG, s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_INCLUDE_SUBDOMAINS)")
    r = subprocess.run([sys.executable, "manage.py", "shell", "-c", show], cwd=ROOT,
                       env=clean_env(**PRODUCTION_ENV), capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip().splitlines()[-1].split() == ["gugus_tugas.settings.production", "False", "31536000", "True"]
    refused = subprocess.run([sys.executable, "manage.py", "check"], cwd=ROOT, env=clean_env(),
                             capture_output=True, text=True, timeout=120)
    assert refused.returncode != 0 and "DJANGO_SECRET_KEY" in refused.stderr


CASES = {
    "dev secret": {"DJANGO_SECRET_KEY": "dev-only-insecure-key-change-me"},
    "no secret": {"DJANGO_SECRET_KEY": ""},
    "dev Fernet key": {"FIELD_ENCRYPTION_KEYS": "ZGV2LW9ubHktZmllbGQta2V5LWNoYW5nZS1tZTAwMDA="},
    "dev Fernet key among others": {
        "FIELD_ENCRYPTION_KEYS": Fernet.generate_key().decode()
        + ",ZGV2LW9ubHktZmllbGQta2V5LWNoYW5nZS1tZTAwMDA="},
    "dev NIK hash key": {"NIK_HASH_KEY": "dev-only-nik-hash-key-change-me"},
    "no email": {"EMAIL_URL": ""},
    "console email": {"EMAIL_URL": "consolemail://"},
    "locmem email": {"EMAIL_URL": "memorymail://"},
    "dummy email": {"EMAIL_URL": "dummymail://"},
    "file email": {"EMAIL_URL": "filemail:///tmp/mail"},
    "all real": {},
}

REFUSALS = """
import importlib, json, os, sys
cases = json.loads(sys.argv[1])
out = {}
for name, env in cases.items():
    for k, v in env.items():
        if v:
            os.environ[k] = v
        else:
            os.environ.pop(k, None)
    for mod in ("gugus_tugas.settings.production", "gugus_tugas.settings.base"):
        sys.modules.pop(mod, None)
    try:
        importlib.import_module("gugus_tugas.settings.production")
        out[name] = "started"
    except Exception as e:
        out[name] = type(e).__name__ + ": " + str(e)
    for k in env:
        os.environ[k] = base[k]
print(json.dumps(out))
"""


def test_production_refuses_dev_keys_and_an_email_backend_that_sends_nothing():
    code = "base = " + repr(PRODUCTION_ENV) + "\n" + REFUSALS
    r = subprocess.run([sys.executable, "-c", code, json.dumps(CASES)], cwd=ROOT,
                       env=clean_env(**PRODUCTION_ENV), capture_output=True, text=True,
                       timeout=120)
    assert r.returncode == 0, r.stderr
    outcome = json.loads(r.stdout)
    assert outcome.pop("all real") == "started"
    for name, result in outcome.items():
        assert result.startswith("ImproperlyConfigured"), (name, result)
    assert "DJANGO_SECRET_KEY" in outcome["dev secret"]
    assert "FIELD_ENCRYPTION_KEYS" in outcome["dev Fernet key among others"]
    assert "NIK_HASH_KEY" in outcome["dev NIK hash key"]
    assert "EMAIL_URL" in outcome["no email"]
    assert "console" in outcome["console email"]


def test_check_deploy_with_production_settings_is_clean():
    r = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"], cwd=ROOT,
        env=clean_env(DJANGO_SETTINGS_MODULE="gugus_tugas.settings.production", **PRODUCTION_ENV),
        capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "no issues" in r.stdout


@pytest.mark.django_db
def test_behind_a_trusted_proxy_lockout_counts_each_client_not_the_proxy(client, settings):
    """Behind the TLS proxy every request comes from the proxy's address: lock-out must count
    the client the proxy names (the right-most X-Forwarded-For entry), not the proxy, and not
    whatever a client wrote into the header itself."""
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    url = reverse("account_login")
    person = UserFactory(email="orang.baik@contoh.id")
    proxy = {"REMOTE_ADDR": "10.0.0.2"}
    for i in range(20):
        # an attacker also forges a left-most entry, changing on every try
        client.post(url, {"login": f"tebak{i}@contoh.id", "password": "salah"},
                    HTTP_X_FORWARDED_FOR=f"192.0.2.{i}, 203.0.113.66", **proxy)
    locked = client.post(url, {"login": person.email, "password": PASSWORD},
                         HTTP_X_FORWARDED_FOR="198.51.100.1, 203.0.113.66", **proxy)
    assert "Terlalu banyak percobaan masuk yang gagal" in locked.content.decode()
    # another person behind the same proxy logs in
    r = client.post(url, {"login": person.email, "password": PASSWORD},
                    HTTP_X_FORWARDED_FOR="203.0.113.7", **proxy)
    assert r.status_code == 302


def test_the_trusted_proxy_count_comes_from_the_environment():
    r = python("from gugus_tugas.settings import base; print(base.ALLAUTH_TRUSTED_PROXY_COUNT)",
               TRUSTED_PROXY_COUNT="2")
    assert r.stdout.strip() == "2", r.stderr


@pytest.mark.django_db
def test_postgresql_connections_run_without_jit():
    """JIT compilation cost ~35 ms per query whose row-level security sub-plans pushed its
    estimate over jit_above_cost (a one-row lookup): the pages' connections turn it off."""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only")
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"


@pytest.mark.parametrize("argv, expected", [
    (["/srv/.venv/bin/celery", "-A", "gugus_tugas", "worker", "--concurrency=2"], "0"),
    (["/srv/.venv/lib/python3.11/site-packages/celery/__main__.py", "-A", "gugus_tugas",
      "worker", "--pool=solo"], "0"),
    (["/srv/.venv/bin/celery", "-A", "gugus_tugas", "beat"], "2"),
    (["/srv/.venv/bin/gunicorn", "gugus_tugas.wsgi:application"], "2"),
])
def test_a_celery_worker_plans_its_queries_without_parallel_workers(argv, expected):
    """A background roll-up must not take every core of the database host from the pages: a
    worker's connections plan without parallel workers; the web's keep PostgreSQL's setting
    (2, the default)."""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only")
    db = connection.settings_dict  # its server; the database every server has
    url = f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/postgres"
    shown = python(f"import sys; sys.argv = {argv!r}\n"
                   "import django; django.setup()\n"
                   "from django.db import connection\n"
                   "with connection.cursor() as c:\n"
                   "    c.execute('SHOW max_parallel_workers_per_gather'); print(c.fetchone()[0])",
                   DJANGO_SETTINGS_MODULE="gugus_tugas.settings.local", DATABASE_URL=url,
                   DATABASE_APP_ROLE="")
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.split()[-1] == expected
