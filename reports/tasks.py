from celery import shared_task
from django.utils import timezone

from gugus_tugas.scoping import task_force_scope

from . import services
from .models import ReportJob


@shared_task(bind=True, name="reports.annual_report_render", acks_late=True,
             reject_on_worker_lost=True, soft_time_limit=8 * 60, time_limit=9 * 60)
def annual_report_render(self, job_id: int) -> str:
    """A shell: claim the job (queued → running, once), enter its task force's scope and time
    zone, call the service; any failure leaves a failed job with a readable reason."""
    from django_scopes import scopes_disabled

    with scopes_disabled():  # load by id, then work inside the job's own scope
        job = ReportJob.objects.select_related("task_force", "task_force__region").get(pk=job_id)
    with task_force_scope(job.task_force), timezone.override(job.task_force.timezone):
        if not services.report_job_claim(job.pk):
            return "skipped"
        ReportJob.objects.filter(pk=job.pk).update(attempts=job.attempts + 1)
        try:
            services.report_job_execute(job)
        except Exception as exc:
            services.report_job_fail(job.pk, f"Laporan gagal dibuat: {type(exc).__name__}: {exc}")
            raise
    return "done"
