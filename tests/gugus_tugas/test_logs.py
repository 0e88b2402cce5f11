"""The production log (JSON, one object a line) carries request context and never an identity."""

import copy
import io
import json
import logging
import logging.config
import subprocess
import sys

import pytest
from django.conf import settings
from django.test import Client

from cases.models import Victim
from tests.cases.factories import VictimFactory
from tests.cases.test_import_export import GOOD, as_csv, imp
from tests.conftest import log_in

from .log_urls import NIK

pytestmark = pytest.mark.django_db
NAME = "Siti Aminah Rahayu"


@pytest.fixture
def json_log():
    """The LOGGING of the settings, in production's JSON format, written to a buffer."""
    config = copy.deepcopy(settings.LOGGING)
    buffer = io.StringIO()
    config["handlers"]["console"].update(formatter="json", stream=buffer)
    logging.config.dictConfig(config)
    try:
        yield buffer
    finally:
        logging.config.dictConfig(settings.LOGGING)


def lines(buffer):
    return [json.loads(line) for line in buffer.getvalue().splitlines()]  # every line is JSON


def test_requests_errors_imports_and_sealed_values_leave_no_identity_in_the_log(
        json_log, officer_a, tf_a, settings):
    victim = VictimFactory(case__task_force=tf_a, name=NAME, nik=NIK)
    client = Client(raise_request_exception=False)
    log_in(client, officer_a)
    # a search whose query string holds the name and the NIK
    listing = client.get(f"/gt/{tf_a.code}/kasus/", {"q": NAME, "nik": NIK})
    assert listing.status_code == 200
    # a page that fails quoting a NIK, asked for with the name in its query string
    settings.ROOT_URLCONF = "tests.gugus_tugas.log_urls"
    assert client.get("/rusak/", {"q": NAME}).status_code == 500
    # an import whose rows hold names and NIKs, one of them refused
    bad = [GOOD[0][:4] + [NAME, NIK, "P", "1999-01-01"] + GOOD[0][8:]]
    assert not imp(tf_a, as_csv(bad)).ok
    # code that tries to log a sealed identity, and extra fields named like identity fields
    sealed = Victim.objects.get(pk=victim.pk).__dict__["name"]
    logging.getLogger("cases").warning("victim %s opened", sealed)
    logging.getLogger("cases").info("import row", extra={"nik": NIK, "full_name": NAME, "row": 3})

    output = json_log.getvalue()
    assert NAME not in output and NIK not in output
    for part in NAME.split():
        assert part not in output
    assert officer_a.email not in output
    entries = lines(json_log)
    requests = [e for e in entries if e["logger"] == "gugus_tugas.request"]
    search = next(e for e in requests if e["path"] == f"/gt/{tf_a.code}/kasus/")
    assert search["status"] == 200 and search["user_id"] == officer_a.pk
    assert search["task_force"] == tf_a.code and search["request_id"]
    assert search["message"] == f"GET /gt/{tf_a.code}/kasus/ 200"  # no query string
    error = next(e for e in entries if e["logger"] == "django.request")
    assert error["level"] == "ERROR" and error["path"] == "/rusak/"
    assert "ValueError: baris impor ditolak: NIK [NIK] tidak cocok" in error["exception"]
    assert error["request_id"] == next(e for e in requests if e["path"] == "/rusak/")["request_id"]
    withheld = next(e for e in entries if e["logger"] == "cases" and e["level"] == "WARNING")
    assert withheld["message"].startswith("[log message withheld")
    row = next(e for e in entries if e["message"] == "import row")
    assert row["row"] == 3 and "nik" not in row and "full_name" not in row


def test_the_request_id_of_the_proxy_is_kept_and_echoed(json_log, client):
    response = client.get("/akun/login/", HTTP_X_REQUEST_ID="lb-4f2a")
    assert response["X-Request-ID"] == "lb-4f2a"
    entry = next(e for e in lines(json_log) if e["logger"] == "gugus_tugas.request")
    assert entry["request_id"] == "lb-4f2a" and "user_id" not in entry
    # a header that is not a plain token is replaced, not logged
    response = client.get("/akun/login/", HTTP_X_REQUEST_ID='x" 1871014506070002')
    assert response["X-Request-ID"] != 'x" 1871014506070002'


def test_production_logs_json():
    env = {"DJANGO_SETTINGS_MODULE": "gugus_tugas.settings.production", "DJANGO_SECRET_KEY": "x" * 40,
           "FIELD_ENCRYPTION_KEYS": "Zm9yLXRoZS10ZXN0LW9ubHktMzItYnl0ZXMta2V5eHg=",
           "NIK_HASH_KEY": "test-nik-key", "EMAIL_URL": "smtp://mail.invalid:25",
           "PATH": "/usr/bin:/bin"}
    out = subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); import logging; "
         "logging.getLogger('x').warning('NIK 1871014506070002')"],
        env=env, capture_output=True, text=True, timeout=60, cwd=settings.BASE_DIR)
    entry = json.loads(out.stderr.strip().splitlines()[-1])
    assert entry == {**entry, "level": "WARNING", "logger": "x", "message": "NIK [NIK]"}
