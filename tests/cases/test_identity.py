"""Victims' identities: exports de-identified by default, the export with identities (purpose,
one log row per victim, shown on the history page), files encrypted at rest and deleted after
the import, key rotation of files. The walk over every page is tests/isolation/test_identity_log.py.
"""

import csv
import io
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from cases.models import Attachment, IdentityView, ImportJob
from gugus_tugas.models import AuditEvent

from .factories import CaseFactory, VictimFactory
from .test_import_export import GOOD, as_csv

pytestmark = pytest.mark.django_db
NIK = "1871014506990002"


def stored_bytes(field_file) -> bytes:
    return Path(field_file.storage.path(field_file.name)).read_bytes()


@pytest.fixture
def two_victims(tf_a):
    case = CaseFactory(task_force=tf_a, register_number="18.71/2024/0001")
    a = VictimFactory(case=case, name="Rina Wati", nik=NIK, contact="0812 555", initials="R.W.")
    b = VictimFactory(case=case, name="Dewi Lestari", initials="D.L.")
    return case, a, b


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_default_export_has_no_identities_even_for_identity_roles(login, officer_a, tf_a,
                                                                      two_victims, fmt):
    r = login(officer_a).get(reverse("cases:export", args=[tf_a.code, fmt]))
    if fmt == "csv":
        rows = list(csv.reader(io.StringIO(r.content.decode("utf-8-sig"))))
    else:
        ws = load_workbook(io.BytesIO(r.content)).active
        rows = [list(row) for row in ws.iter_rows(values_only=True)]
    text = repr(rows)
    assert "Rina" not in text and NIK not in text and "0812" not in text and "nama_korban" not in rows[0]
    assert "R.W." in text and "menunggu verifikasi" in text  # initials, and labels not codes
    assert "no-store" in r["Cache-Control"] and r["Pragma"] == "no-cache"
    assert not IdentityView.objects.exists()


def test_the_export_with_identities_is_only_for_identity_roles(login, tf_a, admin_a,
                                                               coordinator_a, viewer_a):
    url = reverse("cases:export_identities", args=[tf_a.code])
    for who in (admin_a, coordinator_a, viewer_a):
        client = login(who)
        assert client.get(url).status_code == 403
        assert client.post(url, {"fmt": "csv", "purpose": "ingin tahu saja ya"}).status_code == 403
    page = login(admin_a).get(reverse("cases:list", args=[tf_a.code])).content.decode()
    assert url not in page


def test_the_export_with_identities_asks_why_and_logs_each_victim(
        login, officer_a, verifier_a, admin_a, tf_a, two_victims):
    case, a, b = two_victims
    client = login(officer_a)
    url = reverse("cases:export_identities", args=[tf_a.code])
    assert url in client.get(reverse("cases:list", args=[tf_a.code])).content.decode()
    r = client.post(url, {"fmt": "csv", "purpose": "  "})
    assert r.status_code == 400 and "Tuliskan keperluan" in r.content.decode()
    assert not IdentityView.objects.exists()
    purpose = "Rujukan layanan rehabilitasi ke Dinas Sosial"
    r = client.post(url, {"fmt": "xlsx", "purpose": purpose})
    assert r.status_code == 200 and "no-store" in r["Cache-Control"]
    ws = load_workbook(io.BytesIO(r.content)).active
    rows = [list(row) for row in ws.iter_rows(values_only=True)]
    assert rows[0][-4:] == ["nama_korban", "nik_korban", "kontak", "layanan_diberikan"]
    assert {"Rina Wati", "Dewi Lestari", NIK} <= {c for row in rows for c in row}
    logged = IdentityView.objects.filter(page="cases:export_identities")
    assert sorted(logged.values_list("victim_id", flat=True)) == sorted([a.pk, b.pk])
    assert all(v.purpose == purpose and v.user == officer_a for v in logged)
    assert logged.get(victim=a).fields == ["contact", "name", "nik"]
    assert logged.get(victim=b).fields == ["name"]  # her NIK and contact are blank
    assert AuditEvent.objects.filter(action="identity.view", actor=officer_a,
                                     details__page="cases:export_identities").count() == 1
    history = reverse("cases:history", args=[tf_a.code, case.code])
    for who in (verifier_a, admin_a):
        page = login(who).get(history).content.decode()
        assert purpose in page and "cases:export_identities" in page and "R.W." in page


def test_attachments_are_encrypted_at_rest(login, officer_a, tf_a, settings):
    # an accepted upload is held in memory, never spooled to a temporary file in plain
    assert settings.FILE_UPLOAD_MAX_MEMORY_SIZE > settings.MAX_UPLOAD_BYTES
    case = CaseFactory(task_force=tf_a)
    scan = b"%PDF-1.4 KTP NIK " + NIK.encode() + b" NAMA Rina Wati"
    client = login(officer_a)
    client.post(reverse("cases:attachment_add", args=[tf_a.code, case.code]),
                {"file": SimpleUploadedFile("ktp.pdf", scan, content_type="application/pdf")})
    att = Attachment.objects.get(case=case)
    on_disk = stored_bytes(att.file)
    assert NIK.encode() not in on_disk and b"Rina" not in on_disk and b"%PDF" not in on_disk
    r = client.get(reverse("cases:attachment", args=[tf_a.code, att.code]))
    assert r.content == scan


def upload(client, tf):
    r = client.post(reverse("cases:import", args=[tf.code]),
                    {"file": SimpleUploadedFile("kasus.csv", as_csv(GOOD))})
    job = r.context["job"]
    return job, Path(job.file.storage.path(job.file.name))


def test_an_import_file_is_encrypted_and_deleted_once_committed(
        login, officer_a, tf_a, django_capture_on_commit_callbacks):
    client = login(officer_a)
    job, path = upload(client, tf_a)
    data = path.read_bytes()
    assert b"Siti Aminah" not in data and NIK.encode() not in data and b"no_kasus" not in data
    assert "kasus.csv" not in path.name  # the upload's name is not on disk either
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("cases:import_commit", args=[tf_a.code, job.code]))
    job.refresh_from_db()
    assert job.status == "done" and not job.file and not path.exists()


def test_an_import_can_be_cancelled_and_its_file_is_deleted(
        login, officer_a, tf_a, django_capture_on_commit_callbacks):
    client = login(officer_a)
    job, path = upload(client, tf_a)
    with django_capture_on_commit_callbacks(execute=True):
        r = client.post(reverse("cases:import_cancel", args=[tf_a.code, job.code]), follow=True)
    assert "Impor dibatalkan" in r.content.decode()
    job.refresh_from_db()
    assert job.status == "cancelled" and not job.file and not path.exists()
    r = client.post(reverse("cases:import_commit", args=[tf_a.code, job.code]))
    job.refresh_from_db()
    assert job.status == "cancelled"  # a cancelled import cannot be run any more
    r = client.post(reverse("cases:import_cancel", args=[tf_a.code, job.code]), follow=True)
    assert "tidak dapat dibatalkan" in r.content.decode()


def test_the_hourly_task_deletes_import_files_older_than_a_day(login, officer_a, tf_a, settings):
    from cases.tasks import import_files_purge_task

    assert settings.CELERY_BEAT_SCHEDULE["purge-import-files"]["task"] == "cases.import_files_purge"
    client = login(officer_a)
    old, old_path = upload(client, tf_a)
    fresh, fresh_path = upload(client, tf_a)
    ImportJob.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(hours=25))
    assert import_files_purge_task.delay().get() == 1
    old.refresh_from_db()
    fresh.refresh_from_db()
    assert not old_path.exists() and old.status == "cancelled" and not old.file
    assert fresh_path.exists() and fresh.status == "queued"


def test_key_rotation_re_encrypts_files(login, officer_a, tf_a, settings):
    from cryptography.fernet import Fernet

    from cases.identity import import_file_content

    case = CaseFactory(task_force=tf_a)
    client = login(officer_a)
    scan = b"%PDF-1.4 " + NIK.encode()
    client.post(reverse("cases:attachment_add", args=[tf_a.code, case.code]),
                {"file": SimpleUploadedFile("ktp.pdf", scan, content_type="application/pdf")})
    att = Attachment.objects.get(case=case)
    job, _path = upload(client, tf_a)
    before = stored_bytes(att.file), stored_bytes(job.file)
    old = list(settings.FIELD_ENCRYPTION_KEYS)
    new_key = Fernet.generate_key().decode()
    settings.FIELD_ENCRYPTION_KEYS = [new_key, *old]
    call_command("rotate_field_keys")
    after = stored_bytes(att.file), stored_bytes(job.file)
    assert after[0] != before[0] and after[1] != before[1]
    settings.FIELD_ENCRYPTION_KEYS = [new_key]  # the old key is gone: files still open
    assert Fernet(new_key.encode()).decrypt(after[0]) == scan
    assert b"Siti Aminah" in import_file_content(job)


def test_files_stored_before_encryption_are_encrypted_by_the_migration(login, officer_a, tf_a):
    import importlib

    from django.apps import apps

    migration = importlib.import_module("cases.migrations.0005_identity_log_and_encrypted_files")
    case = CaseFactory(task_force=tf_a)
    login(officer_a).post(reverse("cases:attachment_add", args=[tf_a.code, case.code]),
                          {"file": SimpleUploadedFile("ktp.pdf", b"%PDF-1.4 x",
                                                      content_type="application/pdf")})
    att = Attachment.objects.get(case=case)
    att.file.storage.rewrite(att.file.name, b"%PDF-1.4 " + NIK.encode())  # as stored before
    migration.encrypt_stored_files(apps, None)
    migration.encrypt_stored_files(apps, None)  # twice: a token is left alone
    assert NIK.encode() not in stored_bytes(att.file)
    r = login(officer_a).get(reverse("cases:attachment", args=[tf_a.code, att.code]))
    assert r.content == b"%PDF-1.4 " + NIK.encode()
