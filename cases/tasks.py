from celery import shared_task

from gugus_tugas.scoping import rls_bypass

from . import import_jobs
from .models import ImportJob

import_job_execute = import_jobs.import_job_execute  # its former home; callers may use either


@shared_task(name="cases.import_cases_run", acks_late=True, reject_on_worker_lost=True,
             ignore_result=True, time_limit=15 * 60)
def import_cases_run(job_id: int) -> None:
    with rls_bypass(reason="find the job by id, then work inside its task force's scope"):
        job = ImportJob.objects.select_related("task_force", "requested_by").get(pk=job_id)
    import_jobs.import_job_execute(job)


@shared_task(name="cases.import_jobs_sweep", ignore_result=True)
def import_jobs_sweep() -> None:
    """Celery beat, every JOB_SWEEP_SECONDS: see gugus_tugas.jobs."""
    import_jobs.import_jobs_sweep()


@shared_task(name="cases.import_files_purge")
def import_files_purge_task() -> int:
    """Hourly (Celery beat): delete import files older than a day."""
    return import_jobs.import_files_purge()
