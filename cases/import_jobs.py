"""Import jobs and their files: an uploaded file (names, NIK) is stored encrypted
(`EncryptedFileStorage`) and kept only while the import waits; it is deleted when the import is
committed or cancelled, and by a Celery beat task (`cases.import_files_purge`) a day after upload
whatever happened."""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_scopes import scopes_disabled

from gugus_tugas.services.audit import audit_record

from .models import ImportJob

IMPORT_FILE_TTL = timedelta(hours=24)


@transaction.atomic
def import_job_create(*, task_force, acting_user, filename: str, data: bytes, rows: int,
                      as_verified: bool = False) -> ImportJob:
    """A checked file waiting for "Impor sekarang"; stored encrypted."""
    job = ImportJob(task_force=task_force, filename=filename[:200], as_verified=as_verified,
                    requested_by=acting_user, rows=rows, status=ImportJob.Status.QUEUED)
    job.file.save(f"{job.code}.bin", ContentFile(data), save=False)  # no name of the upload on disk
    job.full_clean(exclude=["task_force", "requested_by", "file"])
    job.save()
    audit_record(task_force=task_force, actor=acting_user, action="import.upload", obj=job,
                 rows=rows)
    return job


def import_file_discard(job: ImportJob) -> None:
    """Delete the job's file (from disk and from the row). Idempotent."""
    if job.file:
        job.file.delete(save=False)
    ImportJob.objects.filter(pk=job.pk).exclude(file="").update(file="")


@transaction.atomic
def import_job_cancel(*, job: ImportJob, task_force, acting_user) -> ImportJob:
    """Abandon a checked import that has not started: nothing imported, its file deleted."""
    claimed = ImportJob.objects.filter(pk=job.pk, task_force=task_force,
                                       status=ImportJob.Status.QUEUED, progress=0).update(
        status=ImportJob.Status.CANCELLED, finished_at=timezone.now())
    if not claimed:
        raise ValidationError(_("Impor ini sudah berjalan atau selesai; tidak dapat dibatalkan."))
    job.refresh_from_db()
    transaction.on_commit(lambda: import_file_discard(job))
    audit_record(task_force=task_force, actor=acting_user, action="import.cancel", obj=job)
    return job


def import_files_purge(*, now=None) -> int:
    """Delete every import file older than a day; a job still waiting is marked cancelled.
    Maintenance across task forces (files only, no data read). Returns the files deleted."""
    cutoff = (now or timezone.now()) - IMPORT_FILE_TTL
    with scopes_disabled():
        jobs = list(ImportJob.objects.exclude(file="").filter(created_at__lt=cutoff))
        for job in jobs:
            ImportJob.objects.filter(pk=job.pk, status=ImportJob.Status.QUEUED).update(
                status=ImportJob.Status.CANCELLED, finished_at=timezone.now())
            import_file_discard(job)
    return len(jobs)
