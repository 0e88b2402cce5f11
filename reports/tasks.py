from celery import shared_task
from django.utils import timezone

from gugus_tugas.models import TaskForce
from gugus_tugas.scoping import rls_bypass, task_force_scope

from . import services, warm
from .models import FinaliseJob, ReportJob


@shared_task(bind=True, name="reports.annual_report_render", acks_late=True,
             reject_on_worker_lost=True, ignore_result=True, soft_time_limit=8 * 60,
             time_limit=9 * 60)
def annual_report_render(self, job_id: int) -> str:
    """A shell: claim the job (queued → running once, or take over from a dead worker), enter its
    task force's scope and time zone, call the service; any failure leaves a failed job with a
    readable reason. Its result is not stored: the job row is the result."""
    with rls_bypass(reason="load the job by id, then work inside its own scope"):
        job = ReportJob.objects.select_related("task_force", "task_force__region").get(pk=job_id)
    with task_force_scope(job.task_force), timezone.override(job.task_force.timezone):
        attempt = services.report_job_claim(job.pk)
        if attempt is None:
            return "skipped"
        try:
            services.report_job_execute(job, attempt=attempt)
        except Exception as exc:
            services.report_job_fail(job.pk, f"Laporan gagal dibuat: {type(exc).__name__}: {exc}",
                                     attempt=attempt)
            raise
    return "done"


@shared_task(bind=True, name="reports.year_finalise_issue", acks_late=True,
             reject_on_worker_lost=True, ignore_result=True, soft_time_limit=8 * 60,
             time_limit=9 * 60)
def year_finalise_issue(self, job_id: int) -> str:
    """A shell, as annual_report_render: claim the finalise job, enter its task force's scope
    and time zone, issue the edition (services.finalise_job_execute); a refusal or a failure
    leaves a failed job with a readable reason."""
    with rls_bypass(reason="load the job by id, then work inside its own scope"):
        job = FinaliseJob.objects.select_related(
            "task_force", "task_force__region", "report", "requested_by").get(pk=job_id)
    with task_force_scope(job.task_force), timezone.override(job.task_force.timezone):
        attempt = services.finalise_job_claim(job.pk)
        if attempt is None:
            return "skipped"
        try:
            final = services.finalise_job_execute(job, attempt=attempt)
        except Exception as exc:
            services.finalise_job_fail(job.pk, f"Edisi gagal diterbitkan: {type(exc).__name__}: "
                                               f"{exc}", attempt=attempt)
            raise
    return "done" if final else "refused"


@shared_task(name="reports.report_jobs_sweep", ignore_result=True)
def report_jobs_sweep() -> None:
    """Celery beat, every JOB_SWEEP_SECONDS: see gugus_tugas.jobs (report and finalise jobs)."""
    services.report_jobs_sweep()
    services.finalise_jobs_sweep()


def _task_force(code: str):
    with rls_bypass(reason="load the task force by its code, then work inside its own scope"):
        return TaskForce.objects.select_related("region").get(code=code)


@shared_task(name="reports.dashboard_figures_refresh", ignore_result=True,
             soft_time_limit=4 * 60, time_limit=5 * 60)
def dashboard_figures_refresh(code: str, year: int) -> str:
    """A shell: the dashboard figures of one task force and year, computed again unless they
    are current (reports.warm). Queued by a dashboard view that showed older ones."""
    tf = _task_force(code)
    with task_force_scope(tf), timezone.override(tf.timezone):
        return warm.dashboard_figures_refresh(tf, year)


@shared_task(name="reports.monitoring_rows_refresh", ignore_result=True,
             soft_time_limit=4 * 60, time_limit=5 * 60)
def monitoring_rows_refresh(code: str, year: int, every: bool) -> str:
    """A shell: the Pemantauan rows of one task force and year read again (reports.warm)."""
    tf = _task_force(code)
    with task_force_scope(tf), timezone.override(tf.timezone):
        return warm.monitoring_rows_refresh(tf, year, every=every)
