"""Report jobs: asked for in a request, rendered by a worker, never stuck."""

import hashlib
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

from .models import ApiToken, FinaliseJob, LegalBasis, ReportJob, ReportSettings, YearFinalisation
from .rendering import render_final, render_report
from .selectors import DEFAULT_LEGAL_BASIS

log = logging.getLogger(__name__)
RENDER_TASK = "reports.annual_report_render"
FINALISE_TASK = "reports.year_finalise_issue"


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


def _enqueue(model, job, *, task: str, error: str) -> None:
    """Send a job of `model` to the workers, or mark it failed with `error` (the queue is down or
    does not answer) and raise QueueUnavailable: never a job left queued without a message that
    blocks the next request."""
    try:
        publish(task, job.pk)
    except QueueUnavailable as exc:
        log.warning("report queue unavailable: %s", exc)
        model.objects.filter(pk=job.pk, status=model.Status.QUEUED).update(
            status=model.Status.FAILED, finished_at=timezone.now(), error=error)
        raise QueueUnavailable from exc
    job_published(model, job.pk)


def _job_fail(model, job_id: int, reason: str, *, attempt: int | None) -> None:
    jobs = model.objects.filter(pk=job_id, status__in=model.ACTIVE)
    if attempt is not None:  # not a run that another one has taken over since
        jobs = jobs.filter(attempts=attempt)
    jobs.update(status=model.Status.FAILED, finished_at=timezone.now(), error=reason[:2000])


def report_job_enqueue(job: ReportJob) -> None:
    _enqueue(ReportJob, job, task=RENDER_TASK,
             error="Antrean pembuatan laporan sedang tidak tersedia. Coba lagi beberapa saat lagi.")


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
    _job_fail(ReportJob, job_id, reason, attempt=attempt)


def _fail(jobs, why: str) -> int:
    reason = {"expired": EXPIRED, "gave_up": GAVE_UP}[why]
    return jobs.update(status=ReportJob.Status.FAILED, finished_at=timezone.now(), error=reason)


def report_jobs_sweep() -> dict:
    """The sweeper's pass over report jobs (gugus_tugas.jobs): a killed render is sent again and
    taken over, a job that never started expires."""
    return jobs_sweep(ReportJob, task=RENDER_TASK, fail=_fail, publish_unsent=True)


def _expire_stuck(model, *, task_force, error: str) -> int:
    """Jobs of `model` running longer than the hard time limit: the worker died. Failed, with
    `error` as the reason."""
    limit = timezone.now() - timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT + 60)
    qs = model.objects.filter(status=model.Status.RUNNING, started_at__lt=limit)
    if task_force is not None:
        qs = qs.filter(task_force=task_force)
    return qs.update(status=model.Status.FAILED, finished_at=timezone.now(), error=error)


def report_jobs_expire_stuck(*, task_force=None) -> int:
    """Running longer than the hard time limit: the worker died. Mark failed, with a reason."""
    return _expire_stuck(ReportJob, task_force=task_force,
                         error="Pekerja berhenti sebelum laporan selesai. Silakan coba lagi.")


class FinaliseRefused(ValueError):
    """Finalising cannot go ahead; the message says why, in Indonesian. `running`: the
    finalisation of that year already under way, when that is why."""

    def __init__(self, message, *, running=None):
        super().__init__(message)
        self.running = running


def _finalise_number(*, task_force, year) -> str:
    """The document number the next edition takes, or FinaliseRefused: none written yet, or the
    year already issued under this number (a corrected edition needs a new one)."""
    texts = ReportSettings.objects.filter(task_force=task_force, year=year).first()
    number = (texts.document_number.strip() if texts else "")
    if not number:
        raise FinaliseRefused("Isi nomor dokumen pada pengaturan laporan sebelum memfinalkan.")
    issued = YearFinalisation.objects.filter(task_force=task_force, year=year,
                                             document_number=number).first()
    if issued:
        raise FinaliseRefused(
            f"Tahun {year} sudah difinalkan dengan nomor {number} (edisi {issued.edition}). "
            f"Edisi perbaikan harus bernomor baru: ubah nomor dokumen pada pengaturan laporan.")
    return number


@transaction.atomic
def year_finalise(*, task_force, year, job, acting_user) -> YearFinalisation:
    """Freeze the year from a finished report job: its figures (the job's JSON, not recomputed)
    and the PDF as issued, rendered here once without the draft mark and stored, never
    rendered again. A second finalisation is a corrected edition: it needs a new document number
    (report settings) and says which edition it replaces. Slow (a full render): called by the
    worker (year_finalise_issue), never in a request."""
    import json

    with job.json.open("rb") as fh:
        figures = json.loads(fh.read().decode("utf-8"))
    # one finalisation of the year at a time, whatever calls this: lock the year's editions
    list(YearFinalisation.objects.select_for_update().filter(task_force=task_force, year=year)
         .values_list("pk", flat=True))
    number = _finalise_number(task_force=task_force, year=year)
    previous = YearFinalisation.objects.filter(task_force=task_force, year=year).first()
    final = YearFinalisation(
        task_force=task_force, year=year, figures=figures, job=job, finalised_by=acting_user,
        finalised_at=timezone.now(), edition=(previous.edition + 1) if previous else 1,
        document_number=number, replaces=previous)
    pdf, data_sha = render_final(task_force, figures, final=final,
                                 public=job.variant == ReportJob.Variant.PUBLIC)
    final.pdf_sha256 = hashlib.sha256(pdf).hexdigest()
    final.data_sha256 = data_sha
    final.full_clean(exclude=["pdf", "figures", "job", "finalised_by"])
    final.save()
    final.pdf.save(f"laporan-tahunan-{task_force.code}-{year}-edisi{final.edition}.pdf",
                   ContentFile(pdf), save=True)
    audit_record(task_force=task_force, actor=acting_user, action="report.finalise", obj=job,
                 year=year, edition=final.edition, number=number, sha256=final.pdf_sha256)
    return final


FINALISE_EXPIRED = ("Finalisasi tidak mulai dalam waktu yang wajar (antrean atau pekerja tidak "
                    "tersedia). Silakan finalkan lagi.")
FINALISE_GAVE_UP = "Pekerja berhenti berkali-kali sebelum edisi terbit. Silakan finalkan lagi."


def _fail_finalise(jobs, why: str) -> int:
    reason = {"expired": FINALISE_EXPIRED, "gave_up": FINALISE_GAVE_UP}[why]
    return jobs.update(status=FinaliseJob.Status.FAILED, finished_at=timezone.now(), error=reason)


def _finalise_under_way(year, running) -> FinaliseRefused:
    return FinaliseRefused(f"Finalisasi laporan tahun {year} sedang berjalan; tunggu sampai "
                           f"selesai.", running=running)


def year_finalise_request(*, task_force, year, job, acting_user) -> FinaliseJob:
    """Ask for the year to be finalised from the finished report `job`: a queued FinaliseJob, for
    the worker to issue the edition. Refused (FinaliseRefused, nothing written) while another
    finalisation of the year is under way, without a document number, or with the number of an
    edition already issued. Not atomic on purpose, as report_job_request: the caller enqueues
    only after this committed."""
    if job.status != ReportJob.Status.DONE or job.year != year:
        raise FinaliseRefused("Laporan ini belum selesai dibuat; finalkan setelah selesai.")
    same = FinaliseJob.objects.filter(task_force=task_force, year=year)
    _fail_finalise(same.filter(status=FinaliseJob.Status.QUEUED, created_at__lt=timezone.now()
                               - timedelta(seconds=settings.JOB_QUEUED_EXPIRY_SECONDS)),
                   "expired")
    running = same.filter(status__in=FinaliseJob.ACTIVE).first()
    if running:
        raise _finalise_under_way(year, running)
    _finalise_number(task_force=task_force, year=year)
    try:
        with transaction.atomic():
            fj = FinaliseJob.objects.create(task_force=task_force, year=year, report=job,
                                            requested_by=acting_user)
            audit_record(task_force=task_force, actor=acting_user,
                         action="report.finalise_request", obj=job, year=year)
    except IntegrityError:  # asked at the same moment as someone else: theirs runs
        raise _finalise_under_way(
            year, same.filter(status__in=FinaliseJob.ACTIVE).first()) from None
    return fj


def finalise_job_enqueue(fj: FinaliseJob) -> None:
    _enqueue(FinaliseJob, fj, task=FINALISE_TASK,
             error="Antrean pekerja sedang tidak tersedia; tahun ini belum difinalkan. Coba lagi "
                   "beberapa saat lagi.")


def finalise_job_claim(job_id: int) -> int | None:
    """queued → running once, or take over from a dead worker: the attempt number, or None."""
    attempt = job_claim(FinaliseJob, job_id)
    if attempt is not None:
        FinaliseJob.objects.filter(pk=job_id).update(progress=10)
    return attempt


class _Superseded(Exception):
    """Another run took the job over while this one rendered: roll this edition back."""


def finalise_job_execute(fj: FinaliseJob, *, attempt: int | None = None) -> YearFinalisation | None:
    """Issue the edition and mark the job done in one transaction, which only the run holding
    the latest attempt may commit. The edition, or None when another run took over. A refusal
    found only now (the number taken meanwhile) fails the job with its message."""
    try:
        with heartbeat(FinaliseJob, fj.pk), transaction.atomic():
            final = year_finalise(task_force=fj.task_force, year=fj.year, job=fj.report,
                                  acting_user=fj.requested_by)
            mine = FinaliseJob.objects.filter(pk=fj.pk, status=FinaliseJob.Status.RUNNING)
            if attempt is not None:
                mine = mine.filter(attempts=attempt)
            if not mine.update(status=FinaliseJob.Status.DONE, progress=100, final=final,
                               finished_at=timezone.now(), error=""):
                raise _Superseded
    except _Superseded:
        return None
    except FinaliseRefused as exc:
        finalise_job_fail(fj.pk, str(exc), attempt=attempt)
        return None
    return final


def finalise_job_fail(job_id: int, reason: str, *, attempt: int | None = None) -> None:
    _job_fail(FinaliseJob, job_id, reason, attempt=attempt)


def finalise_jobs_sweep() -> dict:
    """The sweeper's pass over finalise jobs (gugus_tugas.jobs), as over report jobs."""
    return jobs_sweep(FinaliseJob, task=FINALISE_TASK, fail=_fail_finalise, publish_unsent=True)


def finalise_jobs_expire_stuck(*, task_force=None) -> int:
    """Running longer than the hard time limit: the worker died. Failed, with a reason."""
    return _expire_stuck(FinaliseJob, task_force=task_force,
                         error="Pekerja berhenti sebelum edisi terbit. Silakan finalkan lagi.")


REPORT_TEXT_FIELDS = ("document_number", "foreword", "obstacles", "recommendations", "closing",
                      "copies_to", "place", "signer_position", "signer_name", "signer_nip")


@transaction.atomic
def report_settings_save(*, task_force, year, acting_user, **texts) -> ReportSettings:
    """Write the texts of (task force, year)'s report; only the fields in REPORT_TEXT_FIELDS."""
    unknown = set(texts) - set(REPORT_TEXT_FIELDS)
    if unknown:
        raise TypeError(f"unknown report texts: {sorted(unknown)}")
    row = (ReportSettings.objects.select_for_update().filter(task_force=task_force, year=year)
           .first() or ReportSettings(task_force=task_force, year=year))
    changed = sorted(k for k, v in texts.items() if getattr(row, k) != v)
    for k, v in texts.items():
        setattr(row, k, v)
    row.updated_at, row.updated_by = timezone.now(), acting_user
    row.full_clean()
    row.save()
    audit_record(task_force=task_force, actor=acting_user, action="report.settings", obj=row,
                 year=year, changed=changed)
    return row


@transaction.atomic
def legal_basis_save(*, task_force, acting_user, title, valid_from, valid_until=None, order=0,
                     basis=None) -> LegalBasis:
    """Add (or, given `basis`, change) one regulation of the national list."""
    row = basis or LegalBasis(task_force=task_force)
    row.title, row.valid_from, row.valid_until, row.order = title, valid_from, valid_until, order
    row.full_clean()
    row.save()
    audit_record(task_force=task_force, actor=acting_user, action="legal_basis.save", obj=row,
                 title=title)
    return row


@transaction.atomic
def legal_basis_delete(*, basis, acting_user) -> None:
    audit_record(task_force=basis.task_force, actor=acting_user, action="legal_basis.delete",
                 obj=basis, title=basis.title)
    basis.delete()


@transaction.atomic
def legal_basis_seed(*, task_force, acting_user) -> int:
    """Start the national list from the regulations the system knows (once: an empty list)."""
    if LegalBasis.objects.filter(task_force=task_force).exists():
        return 0
    for n, (title, start, until) in enumerate(DEFAULT_LEGAL_BASIS):
        LegalBasis.objects.create(task_force=task_force, title=title, valid_from=start,
                                  valid_until=until, order=n)
    audit_record(task_force=task_force, actor=acting_user, action="legal_basis.seed")
    return len(DEFAULT_LEGAL_BASIS)


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
