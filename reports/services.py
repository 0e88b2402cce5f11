"""Report jobs: asked for in a request, rendered by a worker, never stuck."""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from gugus_tugas.services.audit import audit_record
from gugus_tugas.tasks import QueueUnavailable, publish

from .models import ApiToken, ReportJob, YearFinalisation
from .rendering import render_report

log = logging.getLogger(__name__)


def report_job_request(*, task_force, year, variant, obstacles, acting_user) -> tuple[ReportJob, bool]:
    """The active job for (task force, year, variant), or a new queued one. Not atomic on purpose:
    the caller enqueues only after this committed, so a worker always finds the row."""
    existing = ReportJob.objects.filter(task_force=task_force, year=year, variant=variant,
                                        status__in=ReportJob.ACTIVE).first()
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
    from .tasks import annual_report_render

    try:
        publish(annual_report_render, job.pk)
    except QueueUnavailable as exc:
        log.warning("report queue unavailable: %s", exc)
        ReportJob.objects.filter(pk=job.pk, status=ReportJob.Status.QUEUED).update(
            status=ReportJob.Status.FAILED, finished_at=timezone.now(),
            error="Antrean pembuatan laporan sedang tidak tersedia. Coba lagi beberapa saat lagi.")
        raise QueueUnavailable from exc


REDELIVERY_GRACE = timedelta(seconds=30)


def report_job_claim(job_id: int) -> bool:
    """queued → running, once. A task delivered again (late acknowledgement after its worker was
    killed) finds the job still "running" from the dead worker and takes it over; a duplicate
    delivery within seconds of a live claim changes nothing."""
    from django.db.models import Q

    now = timezone.now()
    return bool(ReportJob.objects.filter(
        Q(status=ReportJob.Status.QUEUED)
        | Q(status=ReportJob.Status.RUNNING, started_at__lt=now - REDELIVERY_GRACE),
        pk=job_id,
    ).update(status=ReportJob.Status.RUNNING, started_at=now, progress=5))


def report_job_execute(job: ReportJob) -> None:
    def progress(pct):
        ReportJob.objects.filter(pk=job.pk).update(progress=pct)

    out = render_report(job.task_force, job.year, public=job.variant == ReportJob.Variant.PUBLIC,
                        obstacles=job.obstacles, progress=progress)
    stem = f"laporan-tahunan-{job.task_force.code}-{job.year}-r{job.revision}"
    job.pdf.save(f"{stem}.pdf", ContentFile(out.pdf), save=False)
    job.xlsx.save(f"{stem}.xlsx", ContentFile(out.xlsx), save=False)
    job.json.save(f"{stem}.json", ContentFile(out.json), save=False)
    # finalise in one update: done, files and all
    ReportJob.objects.filter(pk=job.pk, status=ReportJob.Status.RUNNING).update(
        status=ReportJob.Status.DONE, progress=100, finished_at=timezone.now(), error="",
        pdf=job.pdf.name, xlsx=job.xlsx.name, json=job.json.name)


def report_job_fail(job_id: int, reason: str) -> None:
    ReportJob.objects.filter(pk=job_id, status__in=ReportJob.ACTIVE).update(
        status=ReportJob.Status.FAILED, finished_at=timezone.now(), error=reason[:2000])


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
