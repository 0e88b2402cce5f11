from celery import shared_task
from django.db.models import F
from django.utils import timezone

from gugus_tugas.scoping import task_force_scope

from .models import ImportJob


def import_job_execute(job: ImportJob) -> ImportJob:
    """Run a checked import job inside its task force's scope (web request or worker)."""
    from .importer import run_import

    def progress(pct):
        ImportJob.objects.filter(pk=job.pk).update(progress=pct)

    with task_force_scope(job.task_force):
        claimed = ImportJob.objects.filter(pk=job.pk, status=ImportJob.Status.QUEUED).update(
            status=ImportJob.Status.RUNNING, progress=F("progress") + 0)
        if not claimed:
            return job
        with job.file.open("rb") as f:
            data = f.read()
        try:
            result = run_import(task_force=job.task_force, data=data, filename=job.filename,
                                acting_user=job.requested_by, as_verified=job.as_verified,
                                progress=progress)
        except Exception as exc:  # a failed job says why instead of staying "running"
            ImportJob.objects.filter(pk=job.pk).update(
                status=ImportJob.Status.FAILED, finished_at=timezone.now(),
                errors=[{"row": None, "column": "", "message": f"{type(exc).__name__}: {exc}"}])
            raise
        ImportJob.objects.filter(pk=job.pk).update(
            status=ImportJob.Status.DONE if result.ok else ImportJob.Status.FAILED,
            progress=100, cases_created=result.cases if result.ok else 0,
            errors=[e.__dict__ for e in result.errors[:500]], finished_at=timezone.now())
    job.refresh_from_db()
    return job


@shared_task(name="cases.import_cases_run", acks_late=True, time_limit=15 * 60)
def import_cases_run(job_id: int) -> None:
    from django_scopes import scopes_disabled

    with scopes_disabled():  # find the job, then work inside its task force's scope
        job = ImportJob.objects.select_related("task_force", "requested_by").get(pk=job_id)
    import_job_execute(job)
