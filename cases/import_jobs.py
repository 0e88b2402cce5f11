"""Import jobs (services): a checked file, confirmed by its person, imported by a worker (large
files) or in the request; never left waiting for ever (gugus_tugas.jobs). The uploaded file (names,
NIK) is stored encrypted (`EncryptedFileStorage`) and kept only while the import waits: it is
deleted when the import is committed, refused or cancelled, and by a Celery beat task
(`cases.import_files_purge`) a day after upload whatever happened. Kept apart from `services.py`
(the case writes), which `importer` itself calls."""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from gugus_tugas.jobs import heartbeat, job_claim, jobs_sweep
from gugus_tugas.scoping import rls_bypass, task_force_scope
from gugus_tugas.services.audit import audit_record
from gugus_tugas.tasks import QueueUnavailable, publish

from .identity import import_file_content
from .models import ImportJob

IMPORT_FILE_TTL = timedelta(hours=24)
IMPORT_TASK = "cases.import_cases_run"


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
    with rls_bypass(reason="the purge of import files older than a day"):
        jobs = list(ImportJob.objects.exclude(file="").filter(created_at__lt=cutoff))
        for job in jobs:
            ImportJob.objects.filter(pk=job.pk, status=ImportJob.Status.QUEUED).update(
                status=ImportJob.Status.CANCELLED, finished_at=timezone.now())
            import_file_discard(job)
    return len(jobs)


def _never_started(job_pk):
    """The job, if it may be run (again): checked and unsent, or failed before it started."""
    return ImportJob.objects.filter(
        Q(status=ImportJob.Status.QUEUED, published_at__isnull=True)
        | Q(status=ImportJob.Status.FAILED, started_at__isnull=True), pk=job_pk)


def import_job_start(*, job: ImportJob, acting_user, in_background: bool) -> ImportJob:
    """Run a checked import: "Impor sekarang", and "Jalankan lagi" for a job the queue refused
    (Redis down) or that waited too long and expired. A large file (`in_background`) is sent to
    the workers; a small one is imported here. Raises QueueUnavailable when the queue does not
    take it: the job stays as it was, its file kept, and can be run again."""
    if not job.can_run_again:
        return job  # already sent, running or finished: asking twice changes nothing
    if job.status == ImportJob.Status.FAILED:  # expired before it started: queued anew
        if not _never_started(job.pk).update(status=ImportJob.Status.QUEUED, errors=[],
                                             finished_at=None, published_at=None,
                                             created_at=timezone.now()):
            return job
        audit_record(task_force=job.task_force, actor=acting_user, action="import.run_again",
                     obj=job)
    if not in_background:
        return import_job_execute(job)
    sent_at = timezone.now()
    if not _never_started(job.pk).update(published_at=sent_at):
        return job  # a second click at the same moment
    try:
        publish(IMPORT_TASK, job.pk)
    except QueueUnavailable:
        ImportJob.objects.filter(pk=job.pk, published_at=sent_at).update(published_at=None)
        raise
    job.refresh_from_db()
    return job


def import_job_execute(job: ImportJob) -> ImportJob:
    """Claim the job (queued → running once, or take over from a dead worker) and import its
    file inside its task force's scope; the import itself is one transaction (cases.importer).
    Progress and the heartbeat are written beside it, so they show while it runs."""
    from .importer import run_import

    state = {}

    def progress(pct):
        state["progress"] = pct

    with task_force_scope(job.task_force):
        attempt = job_claim(ImportJob, job.pk)
        if attempt is None:
            job.refresh_from_db()
            return job
        mine = ImportJob.objects.filter(pk=job.pk, status=ImportJob.Status.RUNNING,
                                        attempts=attempt)
        try:
            data = import_file_content(job)
            with heartbeat(ImportJob, job.pk, state=state):
                result = run_import(task_force=job.task_force, data=data, filename=job.filename,
                                    acting_user=job.requested_by, as_verified=job.as_verified,
                                    progress=progress)
        except Exception as exc:  # a failed job says why instead of staying "running"
            mine.update(status=ImportJob.Status.FAILED, finished_at=timezone.now(),
                        errors=[{"row": None, "column": "", "message": f"{type(exc).__name__}: {exc}"}])
            import_file_discard(job)
            raise
        mine.update(status=ImportJob.Status.DONE if result.ok else ImportJob.Status.FAILED,
                    progress=100, cases_created=result.cases if result.ok else 0,
                    errors=[e.__dict__ for e in result.errors[:500]], finished_at=timezone.now())
        import_file_discard(job)  # committed (or refused): the file has served its purpose
    job.refresh_from_db()
    return job


def _fail(jobs, why: str) -> int:
    reason = {  # stored with the job, in the interface's language (as the import's own errors)
        "expired": "Impor tidak dimulai dalam waktu yang wajar; tidak ada data yang diimpor. "
                   "Jalankan lagi.",
        "gave_up": "Pekerja berhenti berkali-kali sebelum impor selesai; tidak ada data yang "
                   "diimpor.",
    }[why]
    return jobs.update(status=ImportJob.Status.FAILED, finished_at=timezone.now(),
                       errors=[{"row": None, "column": "", "message": reason}])


def import_jobs_sweep() -> dict:
    """The sweeper's pass over import jobs: a killed import (rolled back) is sent again and taken
    over; a checked or sent job that never started expires and can be run again."""
    return jobs_sweep(ImportJob, task=IMPORT_TASK, fail=_fail, publish_unsent=False)
