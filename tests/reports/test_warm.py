"""Figures that do not go cold (issue 16, reports.warm): right after a change a dashboard shows
the last figures at once with an "as of" notice and queues one refresh; exports, the report and
the API stay exact; figures behind for longer than the bound are computed in the request."""

import io
import re
import time
from datetime import date

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from cases import services as case_services
from gugus_tugas.scoping import task_force_scope
from gugus_tugas.tasks import QueueUnavailable
from reports import tasks, warm
from reports.selectors import annual_figures
from tests.conftest import log_in
from tests.factories import DecreeFactory, task_force

pytestmark = pytest.mark.django_db
YEAR = timezone.localdate().year - 1
NOTICE = "perubahan terbaru sedang dihitung"


@pytest.fixture
def warm_settings(settings):
    settings.FIGURES_CACHE_SECONDS = 600
    settings.FIGURES_STALE_SECONDS = 600
    settings.FIGURES_REFRESH_SECONDS = 60
    settings.MONITORING_FRESH_SECONDS = 60
    return settings


@pytest.fixture
def queued(monkeypatch):
    """The refresh tasks sent to the queue (not run: a test runs them when it wants)."""
    sent = []
    monkeypatch.setattr(warm, "publish", lambda task, *args: sent.append((task, *args)))
    return sent


@pytest.fixture
def new_verified_case(tf_a, officer_a, verifier_a, django_capture_on_commit_callbacks):
    """Enter and verify a case in Bandar Lampung through the services (which bump the data
    version after the commit)."""
    def make():
        with django_capture_on_commit_callbacks(execute=True), task_force_scope(tf_a):
            case = case_services.case_create(
                task_force=tf_a, acting_user=officer_a, report_date=date(YEAR, 4, 1),
                victims=[case_services.VictimData(name="Ani", sex="P", age=15)], submit=True)
        with django_capture_on_commit_callbacks(execute=True):
            case_services.case_verify(case=case, task_force=tf_a, acting_user=verifier_a)
        return case
    return make


def reported(page: str) -> int:
    return int(re.search(r'Kasus dilaporkan</small><div class="figure">([\d.,]+)</div>',
                         page).group(1))


def later(monkeypatch, seconds):
    start = time.time()
    monkeypatch.setattr(warm, "now", lambda: start + seconds)


def dashboard_url(code):
    return reverse("reports:dashboard", args=[code]) + f"?tahun={YEAR}"


def test_a_change_shows_the_last_figures_at_once_and_queues_one_refresh(
        login, national_coordinator, warm_settings, queued, new_verified_case,
        django_capture_on_commit_callbacks):
    new_verified_case()
    client = login(national_coordinator)
    first = client.get(dashboard_url("nasional")).content.decode()
    assert reported(first) == 1 and 'data-testid="as-of"' not in first  # computed: exact

    new_verified_case()
    with django_capture_on_commit_callbacks(execute=True):
        pages = [client.get(dashboard_url("nasional")).content.decode() for _ in range(3)]
    for page in pages:
        assert reported(page) == 1 and NOTICE in page
        assert re.search(r"Angka per \d\d\.\d\d WIB", page)
    assert queued == [("reports.dashboard_figures_refresh", "nasional", YEAR)]

    assert tasks.dashboard_figures_refresh("nasional", YEAR) == "done"
    after = client.get(dashboard_url("nasional")).content.decode()
    assert reported(after) == 2 and 'data-testid="as-of"' not in after
    assert tasks.dashboard_figures_refresh("nasional", YEAR) == "current"  # nothing to do


def test_the_notice_polls_and_reloads_the_page_once_the_new_figures_are_there(
        login, coordinator_a, tf_a, warm_settings, queued, new_verified_case,
        django_capture_on_commit_callbacks):
    client = login(coordinator_a)
    client.get(dashboard_url(tf_a.code))
    new_verified_case()
    with django_capture_on_commit_callbacks(execute=True):
        poll = client.get(dashboard_url(tf_a.code), HTTP_HX_REQUEST="true")
    assert NOTICE in poll.content.decode() and 'hx-trigger="every 15s"' in poll.content.decode()
    assert "HX-Refresh" not in poll and "HX-Request" in poll["Vary"]
    assert len(queued) == 1
    tasks.dashboard_figures_refresh(tf_a.code, YEAR)
    done = client.get(dashboard_url(tf_a.code), HTTP_HX_REQUEST="true")
    assert done["HX-Refresh"] == "true"


def test_figures_behind_for_longer_than_the_bound_are_computed_in_the_request(
        login, national_coordinator, warm_settings, queued, new_verified_case, monkeypatch,
        django_capture_on_commit_callbacks):
    """No worker ran the refresh (a site without one, a dead queue): the page never shows
    figures older than the bound, it computes them itself."""
    client = login(national_coordinator)
    client.get(dashboard_url("nasional"))
    new_verified_case()
    later(monkeypatch, warm_settings.FIGURES_STALE_SECONDS + 1)
    with django_capture_on_commit_callbacks(execute=True):
        page = client.get(dashboard_url("nasional")).content.decode()
    assert reported(page) == 1 and 'data-testid="as-of"' not in page
    assert queued == []


@pytest.fixture
def worker_running(monkeypatch):
    """Call it: a worker ran the beat heartbeat a minute ago (gugus_tugas.health)."""
    from gugus_tugas.health import HEARTBEAT_KEY

    return lambda: cache.set(HEARTBEAT_KEY, warm.now() - 60, None)


def test_with_a_worker_running_old_figures_are_shown_and_refreshed_not_computed_in_the_request(
        login, national_coordinator, warm_settings, queued, new_verified_case, monkeypatch,
        worker_running, django_capture_on_commit_callbacks):
    """Figures of the morning, a change since, a worker alive: the page shows the morning's
    figures with their time at once and queues the refresh; it never computes the whole year."""
    client = login(national_coordinator)
    client.get(dashboard_url("nasional"))
    new_verified_case()
    later(monkeypatch, 4 * 3600)
    worker_running()
    with django_capture_on_commit_callbacks(execute=True), \
            CaptureQueriesContext(connection) as queries:
        page = client.get(dashboard_url("nasional")).content.decode()
    assert reported(page) == 0 and NOTICE in page
    assert queued == [("reports.dashboard_figures_refresh", "nasional", YEAR)]
    assert not [q for q in queries if "cases_victim" in q["sql"]]  # no figure read
    # the worker stopped answering (no heartbeat for longer than the health check allows):
    # the page computes them itself again
    later(monkeypatch, 4 * 3600 + warm_settings.HEALTH_BEAT_STALE_SECONDS + 120)
    cache.delete(warm.figures_key("nasional", YEAR, public=False, annexes=False) + ":refresh")
    page = client.get(dashboard_url("nasional")).content.decode()
    assert reported(page) == 1 and 'data-testid="as-of"' not in page


def test_the_first_view_of_a_year_with_a_worker_running_says_the_figures_are_being_computed(
        login, coordinator_a, tf_a, warm_settings, queued, new_verified_case, worker_running,
        django_capture_on_commit_callbacks):
    """No figures yet for the year: the page answers at once, says they are being computed,
    keeps the annual report's section, polls, and shows them once the worker has."""
    new_verified_case()
    worker_running()
    client = login(coordinator_a)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(dashboard_url(tf_a.code))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Angka tahun ini sedang dihitung dan tampil dalam ±1 menit." in page
    assert 'hx-trigger="every 15s"' in page and "Kasus dilaporkan" not in page
    assert 'id="laporan"' in page  # a report can be asked for meanwhile
    assert queued == [("reports.dashboard_figures_refresh", tf_a.code, YEAR)]
    poll = client.get(dashboard_url(tf_a.code), HTTP_HX_REQUEST="true")
    assert "sedang dihitung" in poll.content.decode() and "HX-Refresh" not in poll
    assert len(queued) == 1  # one refresh per interval, however often the page polls
    assert tasks.dashboard_figures_refresh(tf_a.code, YEAR) == "done"
    assert client.get(dashboard_url(tf_a.code), HTTP_HX_REQUEST="true")["HX-Refresh"] == "true"
    assert reported(client.get(dashboard_url(tf_a.code)).content.decode()) == 1


def test_without_a_worker_the_first_view_computes_the_figures_in_the_request(
        login, coordinator_a, tf_a, warm_settings, queued, new_verified_case):
    new_verified_case()
    page = login(coordinator_a).get(dashboard_url(tf_a.code)).content.decode()
    assert reported(page) == 1 and 'data-testid="as-of"' not in page and queued == []


def test_figures_still_exact_stay_recent_enough_to_show_after_the_next_change(
        login, national_coordinator, warm_settings, queued, new_verified_case, monkeypatch,
        django_capture_on_commit_callbacks):
    """A quiet hour: computed at 9.00, seen unchanged at 9.55; a change at 10.00 shows the 9.55
    figures at once instead of computing in the request."""
    client = login(national_coordinator)
    client.get(dashboard_url("nasional"))
    later(monkeypatch, 3300)
    assert 'data-testid="as-of"' not in client.get(dashboard_url("nasional")).content.decode()
    new_verified_case()
    later(monkeypatch, 3600)
    with django_capture_on_commit_callbacks(execute=True):
        page = client.get(dashboard_url("nasional")).content.decode()
    assert reported(page) == 0 and NOTICE in page and len(queued) == 1


def test_exports_the_report_and_the_api_are_exact_right_after_a_change(
        login, national_coordinator, tf_national, warm_settings, queued, new_verified_case,
        django_capture_on_commit_callbacks):
    client = login(national_coordinator)
    client.get(dashboard_url("nasional"))  # the dashboard's figures: 0
    new_verified_case()
    with django_capture_on_commit_callbacks(execute=True):
        assert NOTICE in client.get(dashboard_url("nasional")).content.decode()
    figures = client.get(reverse("reports:figures_json", args=["nasional"]) + f"?tahun={YEAR}")
    assert figures.json()["cases"]["reported"] == 1
    # what the report and the statistics API read
    assert annual_figures(tf_national, YEAR)["cases"]["reported"] == 1
    assert annual_figures(tf_national, YEAR, annexes=False)["cases"]["reported"] == 1
    # the report read the same exact figures: the dashboard has them now without a task
    page = client.get(dashboard_url("nasional")).content.decode()
    assert reported(page) == 1 and 'data-testid="as-of"' not in page


def test_the_lock_lets_one_refresh_per_figures_through(
        login, national_coordinator, province_coordinator, warm_settings, queued,
        new_verified_case, django_capture_on_commit_callbacks):
    nation, province = login(national_coordinator), Client()
    log_in(province, province_coordinator)
    nation.get(dashboard_url("nasional"))
    province.get(dashboard_url("18"))
    new_verified_case()
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(2):
            nation.get(dashboard_url("nasional"))
            province.get(dashboard_url("18"))
    assert sorted(queued) == [("reports.dashboard_figures_refresh", "18", YEAR),
                              ("reports.dashboard_figures_refresh", "nasional", YEAR)]
    tasks.dashboard_figures_refresh("nasional", YEAR)
    new_verified_case()  # within the same interval: no second task; the notice says when
    with django_capture_on_commit_callbacks(execute=True):
        page = nation.get(dashboard_url("nasional")).content.decode()
    assert reported(page) == 1 and re.search(r"dalam ±[12] menit", page)
    assert len(queued) == 2
    # the interval over (the lock expired): the next view queues the next refresh
    cache.delete(warm.figures_key("nasional", YEAR, public=False, annexes=False) + ":refresh")
    with django_capture_on_commit_callbacks(execute=True):
        nation.get(dashboard_url("nasional"))
    assert queued[-1] == ("reports.dashboard_figures_refresh", "nasional", YEAR)
    assert len(queued) == 3


def test_a_queue_that_does_not_answer_still_gives_the_page(
        login, national_coordinator, warm_settings, new_verified_case, monkeypatch,
        django_capture_on_commit_callbacks):
    def down(task, *args):
        raise QueueUnavailable("Redis down")

    monkeypatch.setattr(warm, "publish", down)
    client = login(national_coordinator)
    client.get(dashboard_url("nasional"))
    new_verified_case()
    with django_capture_on_commit_callbacks(execute=True):
        page = client.get(dashboard_url("nasional"))
    assert page.status_code == 200 and NOTICE in page.content.decode()


def monitoring_url(code, query=""):
    return reverse("monitoring:page", args=[code]) + query


def sk_cell(page, code):
    return re.search(rf'data-testid="row-{re.escape(code)}">.*?<td class="nowrap">(.*?)</td>',
                     page, re.S).group(1)


def test_the_pemantauan_rows_are_kept_a_minute_then_refreshed_by_one_task(
        login, province_coordinator, tf_a, tf_a_province, warm_settings, queued, monkeypatch,
        django_capture_on_commit_callbacks):
    client = login(province_coordinator)
    page = client.get(monitoring_url("18")).content.decode()
    assert "tidak ada SK" in sk_cell(page, tf_a.code)
    assert re.search(r'data-testid="as-of">Angka per \d\d\.\d\d WIB\.', page)

    DecreeFactory(task_force=tf_a, number="188/9/2026")
    page = client.get(monitoring_url("18")).content.decode()
    assert "tidak ada SK" in sk_cell(page, tf_a.code) and NOTICE not in page  # within a minute
    xlsx = client.get(reverse("monitoring:export", args=["18"]))  # exact, now
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert next(r for r in sheet.iter_rows(values_only=True) if r[0] == tf_a.code)[3] == \
        "188/9/2026"

    later(monkeypatch, 61)
    with django_capture_on_commit_callbacks(execute=True):
        page = client.get(monitoring_url("18")).content.decode()
        client.get(monitoring_url("18", "?urut=-kasus"))
    assert "tidak ada SK" in sk_cell(page, tf_a.code) and NOTICE in page
    assert NOTICE in client.get(monitoring_url("18"), HTTP_HX_REQUEST="true").content.decode()
    assert queued == [("reports.monitoring_rows_refresh", "18", warm_settings_year(), False)]
    assert tasks.monitoring_rows_refresh("18", warm_settings_year(), False) == "done"
    assert client.get(monitoring_url("18"), HTTP_HX_REQUEST="true")["HX-Refresh"] == "true"
    page = client.get(monitoring_url("18")).content.decode()
    assert "berlaku" in sk_cell(page, tf_a.code) and NOTICE not in page

    later(monkeypatch, 61 + warm_settings.FIGURES_STALE_SECONDS + 120)  # no worker since
    with django_capture_on_commit_callbacks(execute=True):
        page = client.get(monitoring_url("18")).content.decode()
    assert NOTICE not in page and len(queued) == 1  # read in the request


def warm_settings_year():
    return timezone.localdate().year  # the Pemantauan page's default year


def test_the_nation_pemantauan_page_warm_reads_none_of_the_rows_again(
        login, national_coordinator, tf_national, warm_settings):
    client = login(national_coordinator)
    client.get(monitoring_url("nasional"))  # sessions
    cache.delete(warm.monitoring_key("nasional", warm_settings_year(), True))
    with CaptureQueriesContext(connection) as cold:
        assert client.get(monitoring_url("nasional")).status_code == 200
    DecreeFactory(task_force=task_force("11"), number="SK/11")
    with CaptureQueriesContext(connection) as warm_queries:
        assert client.get(monitoring_url("nasional", "?urut=-kasus")).status_code == 200

    def rows(ctx):
        return [q for q in ctx.captured_queries if any(
            t in q["sql"] for t in ('FROM "gugus_tugas_decree"', 'FROM "rad_', 'FROM "meetings_',
                                    'FROM "cases_caseaccess"'))]

    assert len(rows(cold)) >= 5 and rows(warm_queries) == []
    assert len(warm_queries.captured_queries) < len(cold.captured_queries)
