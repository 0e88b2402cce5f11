"""Finalising a year: queued from the report page, issued by a worker (never rendered in the
request), followed on its own page; and the changes made to the year's data after the issued
edition, listed on the report page for the task forces below too, without identities."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from cases import services as case_services
from cases.models import Case, Victim
from gugus_tugas.scoping import task_force_scope
from reports import selectors, services
from reports.models import FinaliseJob, YearFinalisation
from reports.tasks import year_finalise_issue
from tests.cases.factories import CaseFactory, VictimFactory, opened
from tests.factories import task_force
from tests.reports.test_document import done_job, settings_for
from tests.reports.test_reports import YEAR, official_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def queued(monkeypatch):
    """The queue takes the message and keeps it: the worker runs when the test says."""
    sent = []
    monkeypatch.setattr(services, "publish", lambda task, *args: sent.append((task, args)))
    return sent


def finalise_url(tf, job):
    return reverse("reports:finalise", args=[tf.code, job.code])


def page_of(client, fj, **headers):
    return client.get(reverse("reports:finalising", args=[fj.task_force.code, fj.code]),
                      **headers)


def test_finalising_is_queued_and_its_page_follows_it_to_the_issued_edition(
        login, coordinator_a, tf_a, queued):
    official_case(tf_a)
    settings_for(tf_a)
    job = done_job(tf_a, user=coordinator_a)
    client = login(coordinator_a)
    r = client.post(finalise_url(tf_a, job))
    fj = FinaliseJob.objects.get()
    assert r.status_code == 302 and r["Location"].endswith(f"/finalisasi/{fj.code}/")
    # nothing rendered in the request: the job waits for a worker, no edition yet
    assert queued == [(services.FINALISE_TASK, (fj.pk,))]
    assert fj.status == "queued" and not YearFinalisation.objects.exists()
    page = page_of(client, fj).content.decode()
    assert "antre" in page and "hx-trigger=\"every 2s\"" in page
    assert year_finalise_issue.apply(args=[fj.pk]).get() == "done"
    fj.refresh_from_db()
    final = YearFinalisation.objects.get()
    assert (fj.status, fj.final_id, final.job_id) == ("done", final.pk, job.pk)
    partial = page_of(client, fj, HTTP_HX_REQUEST="true")
    body = partial.content.decode()
    assert "every 2s" not in body  # done: the page stops polling
    assert final.pdf_sha256 in body and "edisi 1, nomor 400.7/012/LT/2024" in body
    assert reverse("reports:final_download", args=[tf_a.code, final.code]) in body
    assert "HX-Request" in partial["Vary"]
    # a second delivery of the same message changes nothing
    assert year_finalise_issue.apply(args=[fj.pk]).get() == "skipped"
    assert YearFinalisation.objects.count() == 1


def test_asking_again_while_it_runs_changes_nothing_and_leads_to_the_running_one(
        login, coordinator_a, tf_a, queued):
    official_case(tf_a)
    settings_for(tf_a)
    job = done_job(tf_a, user=coordinator_a)
    client = login(coordinator_a)
    client.post(finalise_url(tf_a, job))
    running = FinaliseJob.objects.get()
    r = client.post(finalise_url(tf_a, job), follow=True)
    assert "sedang berjalan" in r.content.decode()
    assert r.redirect_chain[-1][0].endswith(f"/finalisasi/{running.code}/")
    assert FinaliseJob.objects.count() == 1 and len(queued) == 1
    dashboard = client.get(reverse("reports:dashboard", args=[tf_a.code]), {"tahun": YEAR})
    assert f"/finalisasi/{running.code}/" in dashboard.content.decode()


def test_a_year_already_issued_under_that_number_is_refused_and_nothing_is_queued(
        login, coordinator_a, tf_a, queued):
    official_case(tf_a)
    settings_for(tf_a, document_number="400/001/2024")
    job = done_job(tf_a, user=coordinator_a)
    client = login(coordinator_a)
    client.post(finalise_url(tf_a, job))
    year_finalise_issue.apply(args=[FinaliseJob.objects.get().pk])
    r = client.post(finalise_url(tf_a, job), follow=True)
    text = r.content.decode()
    assert "sudah difinalkan dengan nomor 400/001/2024" in text and "bernomor baru" in text
    assert FinaliseJob.objects.count() == 1 and YearFinalisation.objects.count() == 1
    # with a new number, a corrected edition is issued the same way
    settings_for(tf_a, document_number="400/002/2024")
    client.post(finalise_url(tf_a, job))
    second = FinaliseJob.objects.filter(status="queued").get()
    year_finalise_issue.apply(args=[second.pk])
    second.refresh_from_db()
    assert (second.final.edition, second.final.replaces.document_number) == (2, "400/001/2024")
    assert "Edisi ini menggantikan nomor 400/001/2024" in page_of(client, second).content.decode()


def test_a_number_taken_before_the_worker_ran_fails_the_job_with_the_reason(
        coordinator_a, tf_a, queued):
    official_case(tf_a)
    settings_for(tf_a, document_number="400/001/2024")
    job = done_job(tf_a, user=coordinator_a)
    with task_force_scope(tf_a):
        fj = services.year_finalise_request(task_force=tf_a, year=YEAR, job=job,
                                            acting_user=coordinator_a)
        services.year_finalise(task_force=tf_a, year=YEAR, job=job, acting_user=coordinator_a)
    assert year_finalise_issue.apply(args=[fj.pk]).get() == "refused"
    fj.refresh_from_db()
    assert fj.status == "failed" and "sudah difinalkan dengan nomor 400/001/2024" in fj.error
    assert YearFinalisation.objects.count() == 1


def test_a_render_that_breaks_leaves_a_failed_job_and_no_edition(
        login, coordinator_a, tf_a, queued, monkeypatch):
    official_case(tf_a)
    settings_for(tf_a)
    job = done_job(tf_a, user=coordinator_a)

    def broken(*args, **kwargs):
        raise OSError("disk penuh")

    monkeypatch.setattr(services, "render_final", broken)
    client = login(coordinator_a)
    client.post(finalise_url(tf_a, job))
    fj = FinaliseJob.objects.get()
    with pytest.raises(OSError):  # eager tasks propagate (a worker logs it and retries none)
        year_finalise_issue.apply(args=[fj.pk])
    fj.refresh_from_db()
    assert fj.status == "failed" and "disk penuh" in fj.error
    assert not YearFinalisation.objects.exists()
    page = page_of(client, fj).content.decode()
    assert "disk penuh" in page and reverse("reports:job", args=[tf_a.code, job.code]) in page
    # failed, it no longer blocks the year: asking again queues a new job
    client.post(finalise_url(tf_a, job))
    assert FinaliseJob.objects.filter(status="queued").count() == 1


def test_stuck_and_never_started_jobs_expire_with_a_reason(login, coordinator_a, tf_a, queued,
                                                           settings):
    official_case(tf_a)
    settings_for(tf_a)
    job = done_job(tf_a, user=coordinator_a)
    client = login(coordinator_a)
    client.post(finalise_url(tf_a, job))
    fj = FinaliseJob.objects.get()
    long_ago = timezone.now() - timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT + 120)
    FinaliseJob.objects.filter(pk=fj.pk).update(status="running", started_at=long_ago,
                                                heartbeat_at=long_ago)
    assert "Pekerja berhenti" in page_of(client, fj).content.decode()
    # a queued job whose message was lost expires when someone asks again
    client.post(finalise_url(tf_a, job))
    lost = FinaliseJob.objects.get(status="queued")
    FinaliseJob.objects.filter(pk=lost.pk).update(
        created_at=timezone.now() - timedelta(seconds=settings.JOB_QUEUED_EXPIRY_SECONDS + 5))
    client.post(finalise_url(tf_a, job))
    lost.refresh_from_db()
    assert lost.status == "failed" and "tidak mulai" in lost.error
    assert FinaliseJob.objects.filter(status="queued").count() == 1


def test_outsiders_and_viewers_cannot_see_a_finalisation(login, coordinator_a, viewer_a, tf_a,
                                                         tf_b, queued):
    from tests.conftest import member

    official_case(tf_a)
    settings_for(tf_a)
    job = done_job(tf_a, user=coordinator_a)
    login(coordinator_a).post(finalise_url(tf_a, job))
    fj = FinaliseJob.objects.get()
    assert page_of(login(viewer_a), fj).status_code == 403
    other = member(tf_b, "coordinator", "koordinator.b@contoh.id")
    url = reverse("reports:finalising", args=[tf_b.code, fj.code])
    assert login(other).get(url).status_code == 404


# --- changes to a finalised year, listed on the report page -----------------------------------

def _finalise(tf, user):
    settings_for(tf, document_number=f"400/{tf.code}/{YEAR}")
    return services.year_finalise(task_force=tf, year=YEAR, job=done_job(tf, user=user),
                                  acting_user=user)


def test_a_province_sees_later_changes_to_its_districts_cases_without_identities(
        login, province_coordinator, tf_a_province, tf_a, officer_a, verifier_a):
    case = official_case(tf_a, ages=(15,))
    victim = case.victims.get()
    untouched = official_case(tf_a)
    elsewhere = official_case(task_force("14.71"))  # another province's district
    last_year = official_case(tf_a, year=YEAR - 1)
    _finalise(tf_a_province, province_coordinator)
    with task_force_scope(tf_a):
        case = Case.objects.get(pk=case.pk)
        case_services.case_update(case=case, task_force=tf_a, acting_user=officer_a,
                                  changes={"legal_stage": "investigation"}, version=case.version)
        case_services.case_verify(case=case, task_force=tf_a, acting_user=verifier_a,
                                  version=case.version)
        case_services.service_add(victim=Victim.objects.get(pk=victim.pk), type="rehabilitasi_sosial",
                                  date=date(YEAR, 6, 1), acting_user=officer_a, task_force=tf_a)
        for other in (Case.objects.get(pk=last_year.pk),):
            case_services.case_update(case=other, task_force=tf_a, acting_user=officer_a,
                                      changes={"legal_stage": "investigation"},
                                      version=other.version)
    with task_force_scope(elsewhere.task_force):
        other = Case.objects.get(pk=elsewhere.pk)
        case_services.case_update(case=other, task_force=other.task_force, acting_user=None,
                                  changes={"legal_stage": "investigation"}, version=other.version)
    with task_force_scope(tf_a):
        deleted = Case.objects.get(pk=untouched.pk)
        case_services.case_delete(case=deleted, task_force=tf_a, acting_user=verifier_a,
                                  reason="tercatat dua kali", version=deleted.version)
    page = login(province_coordinator).get(
        reverse("reports:dashboard", args=[tf_a_province.code]), {"tahun": YEAR})
    html = page.content.decode()
    table = html[html.index('data-testid="changes-since"'):]
    table = table[:table.index("</table>")]
    for kind in ("data kasus diubah", "diverifikasi", "layanan dicatat", "dihapus"):
        assert kind in table, kind
    assert case.register_number in table and untouched.register_number in table
    assert tf_a.name in table
    # only the year's cases of this province; no identity on the page
    assert last_year.register_number not in table and elsewhere.register_number not in table
    assert victim.initials not in table
    with task_force_scope(tf_a), opened():
        assert Victim.objects.get(pk=victim.pk).name not in html
    # the district's own page lists nothing: it finalised nothing
    assert 'data-testid="changes-since"' not in login(officer_a).get(
        reverse("reports:dashboard", args=[tf_a.code]), {"tahun": YEAR}).content.decode()


def test_the_list_is_capped_with_a_count_and_read_in_a_fixed_number_of_queries(
        login, national_coordinator, tf_national, tf_a, officer_a, monkeypatch,
        django_assert_num_queries):
    cases = [CaseFactory(task_force=tf_a, report_date=date(YEAR, 4, 1)) for _ in range(5)]
    for c in cases:
        VictimFactory(case=c)
    final = _finalise(tf_national, national_coordinator)
    since = final.finalised_at - timedelta(seconds=1)

    def edit(n):
        with task_force_scope(tf_a):
            for c in Case.objects.filter(pk__in=[c.pk for c in cases[:n]]):
                case_services.case_update(case=c, task_force=tf_a, acting_user=officer_a,
                                          changes={"notes": f"catatan {c.pk}"}, version=c.version)

    edit(1)
    with django_assert_num_queries(1):
        few = selectors.changes_since(tf_national, YEAR, since=since, limit=3)
    assert (few["total"], few["more"]) == (1, 0)
    edit(5)
    with django_assert_num_queries(2):
        many = selectors.changes_since(tf_national, YEAR, since=since, limit=3)
    assert (len(many["rows"]), many["total"], many["more"]) == (3, 6, 3)
    monkeypatch.setattr(selectors, "CHANGES_SHOWN", 4)
    html = login(national_coordinator).get(
        reverse("reports:dashboard", args=[tf_national.code]), {"tahun": YEAR}).content.decode()
    assert "dan 2 perubahan lainnya" in html


def test_a_finalisation_never_sent_is_sent_by_the_sweeper_and_issued(coordinator_a, tf_a,
                                                                      settings):
    official_case(tf_a)
    settings_for(tf_a)
    job = done_job(tf_a, user=coordinator_a)
    with task_force_scope(tf_a):  # asked for, but the message never left (a crash in between)
        fj = services.year_finalise_request(task_force=tf_a, year=YEAR, job=job,
                                            acting_user=coordinator_a)
    FinaliseJob.objects.filter(pk=fj.pk).update(created_at=timezone.now() - timedelta(
        seconds=settings.JOB_HEARTBEAT_STALE_SECONDS + 5))
    assert services.finalise_jobs_sweep()["republished"] == [fj.pk]
    fj.refresh_from_db()  # eager in tests: the message ran at once
    assert fj.status == "done" and fj.final.edition == 1


def test_cases_imported_into_a_finalised_year_are_listed_as_recorded(tf_a_province, tf_a,
                                                                       officer_a):
    """A spreadsheet import writes one audit row per case, as entering it by hand does: the
    cases it brings into a year already issued are among the later changes."""
    from tests.cases.test_import_export import GOOD, as_csv, imp

    since = timezone.now() - timedelta(seconds=1)
    result = imp(tf_a, as_csv(GOOD), acting_user=officer_a)
    assert result.ok, result.errors
    changes = selectors.changes_since(tf_a_province, 2023, since=since)
    listed = {(r["register_number"], r["kind"]) for r in changes["rows"]}
    assert listed == {(number, "kasus dicatat") for number in result.created}
    assert changes["total"] == len(result.created) == 2
