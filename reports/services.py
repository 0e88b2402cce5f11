"""Report jobs: asked for in a request, rendered by a worker, never stuck."""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from gugus_tugas.jobs import heartbeat, job_claim, job_published, jobs_sweep
from gugus_tugas.services.audit import audit_record
from gugus_tugas.tasks import QueueUnavailable, publish

from .models import ApiToken, ReportJob, YearFinalisation
from .rendering import render_report

log = logging.getLogger(__name__)
RENDER_TASK = "reports.annual_report_render"


EXPIRED = "Laporan tidak mulai dibuat dalam waktu yang wajar (antrean atau pekerja tidak tersedia). Silakan minta lagi."
GAVE_UP = "Pekerja berhenti berkali-kali sebelum laporan selesai. Silakan coba lagi."


def report_job_request(*, task_force, year, variant, obstacles, acting_user) -> tuple[ReportJob, bool]:
    """The active job for (task force, year, variant), or a new queued one. Not atomic on purpose:
    the caller enqueues only after this committed, so a worker always finds the row. A queued job
    that never started within JOB_QUEUED_EXPIRY_SECONDS expires here too (without waiting for
    the sweeper), so a lost request never blocks the report."""
    same = ReportJob.objects.filter(task_force=task_force, year=year, variant=variant)
    _fail(same.filter(status=ReportJob.Status.QUEUED, created_at__lt=timezone.now() - timedelta(
        seconds=settings.JOB_QUEUED_EXPIRY_SECONDS)), "expired")
    existing = same.filter(status__in=ReportJob.ACTIVE).first()
    if existing:
        return existing, False
    last = ReportJob.objects.filter(task_force=task_force, year=year, variant=variant).aggregate(
        m=Max("revision"))["m"] or 0
    try:
        with transaction.atomic():
            job = ReportJob.objects.create(task_force=task_force, year=year, variant=variant,
                                           revision=last + 1, obstacles=obstacles,
                                           requested_by=acting_user)
            audit_record(task_force=task_force, actor=acting_user, action="report.request",
                         obj=job, year=year, variant=variant)
    except IntegrityError:  # someone asked at the same moment: theirs is ours
        return ReportJob.objects.get(task_force=task_force, year=year, variant=variant,
                                     status__in=ReportJob.ACTIVE), False
    return job, True


def report_job_enqueue(job: ReportJob) -> None:
    """Send the job to the workers, or mark it failed with a reason (the queue is down or does not
    answer): never a job left queued without a message that blocks the next request."""
    try:
        publish(RENDER_TASK, job.pk)
    except QueueUnavailable as exc:
        log.warning("report queue unavailable: %s", exc)
        ReportJob.objects.filter(pk=job.pk, status=ReportJob.Status.QUEUED).update(
            status=ReportJob.Status.FAILED, finished_at=timezone.now(),
            error="Antrean pembuatan laporan sedang tidak tersedia. Coba lagi beberapa saat lagi.")
        raise QueueUnavailable from exc
    job_published(ReportJob, job.pk)


def report_job_claim(job_id: int) -> int | None:
    """queued → running, once; or take over a running job whose worker died (no heartbeat for
    JOB_HEARTBEAT_STALE_SECONDS). The attempt number won, or None: another runner has it, or
    had it. A duplicate delivery while the job runs changes nothing."""
    attempt = job_claim(ReportJob, job_id)
    if attempt is not None:
        ReportJob.objects.filter(pk=job_id).update(progress=5)
    return attempt


def report_job_execute(job: ReportJob, *, attempt: int | None = None) -> bool:
    """Render and store the job's files under names derived from the job (a run that takes over
    from a dead one overwrites its files: one set), then finalise in one update, which only the
    run holding the latest attempt may do. True if this run finalised it."""
    def progress(pct):
        ReportJob.objects.filter(pk=job.pk).update(progress=pct, heartbeat_at=timezone.now())

    with heartbeat(ReportJob, job.pk):
        out = render_report(job.task_force, job.year,
                            public=job.variant == ReportJob.Variant.PUBLIC,
                            obstacles=job.obstacles, progress=progress)
    stem = f"laporan-tahunan-{job.task_force.code}-{job.year}-r{job.revision}"
    names = {}
    for field, content in (("pdf", out.pdf), ("xlsx", out.xlsx), ("json", out.json)):
        file = getattr(job, field)
        name = file.field.generate_filename(job, f"{stem}.{field}")
        file.storage.delete(name)
        names[field] = file.storage.save(name, ContentFile(content))
    mine = ReportJob.objects.filter(pk=job.pk, status=ReportJob.Status.RUNNING)
    if attempt is not None:
        mine = mine.filter(attempts=attempt)
    return bool(mine.update(status=ReportJob.Status.DONE, progress=100,
                            finished_at=timezone.now(), error="", **names))


def report_job_fail(job_id: int, reason: str, *, attempt: int | None = None) -> None:
    jobs = ReportJob.objects.filter(pk=job_id, status__in=ReportJob.ACTIVE)
    if attempt is not None:  # not a run that another one has taken over since
        jobs = jobs.filter(attempts=attempt)
    jobs.update(status=ReportJob.Status.FAILED, finished_at=timezone.now(), error=reason[:2000])


def _fail(jobs, why: str) -> int:
    reason = {"expired": EXPIRED, "gave_up": GAVE_UP}[why]
    return jobs.update(status=ReportJob.Status.FAILED, finished_at=timezone.now(), error=reason)


def report_jobs_sweep() -> dict:
    """The sweeper's pass over report jobs (gugus_tugas.jobs): a killed render is sent again and
    taken over, a job that never started expires."""
    return jobs_sweep(ReportJob, task=RENDER_TASK, fail=_fail, publish_unsent=True)


def report_jobs_expire_stuck(*, task_force=None) -> int:
    """Running longer than the hard time limit: the worker died. Mark failed, with a reason."""
    limit = timezone.now() - timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT + 60)
    qs = ReportJob.objects.filter(status=ReportJob.Status.RUNNING, started_at__lt=limit)
    if task_force is not None:
        qs = qs.filter(task_force=task_force)
    return qs.update(status=ReportJob.Status.FAILED, finished_at=timezone.now(),
                     error="Pekerja berhenti sebelum laporan selesai. Silakan coba lagi.")


@transaction.atomic
def year_finalise(*, task_force, year, job, acting_user) -> YearFinalisation:
    import json

    figures = json.loads(job.json.read().decode("utf-8"))
    final, _ = YearFinalisation.objects.update_or_create(
        task_force=task_force, year=year,
        defaults={"figures": figures, "job": job, "finalised_by": acting_user,
                  "finalised_at": timezone.now()})
    audit_record(task_force=task_force, actor=acting_user, action="report.finalise", obj=job,
                 year=year)
    return final


@transaction.atomic
def api_token_create(*, task_force, name, kind, acting_user) -> tuple[ApiToken, str]:
    """A new statistics API token of `kind`; returns it with the raw token, shown once."""
    raw = ApiToken.new_raw()
    token = ApiToken(task_force=task_force, name=name, kind=kind, prefix=raw[3:11],
                     digest=ApiToken.digest_of(raw), created_by=acting_user)
    token.full_clean()
    token.save()
    audit_record(task_force=task_force, actor=acting_user, action="api_token.create", obj=token,
                 kind=kind, name=name)
    return token, raw
