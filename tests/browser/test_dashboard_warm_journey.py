"""A coordinator opens a year's dashboard that has no figures yet while a worker runs: the page
answers at once, says the figures are being computed, and shows them by itself once the worker
has computed them (reports.warm: the request never computes a whole year).

The refresh goes through Redis to a real Celery worker (in a thread of this process, on a queue
of its own), started only once the page has shown the notice."""

import time
import uuid
from datetime import date

import pytest
from celery.contrib.testing.worker import start_worker
from django.core.cache import caches
from django_scopes import scopes_disabled
from playwright.sync_api import expect

from gugus_tugas.celery import app as celery_app
from gugus_tugas.health import HEARTBEAT_KEY
from gugus_tugas.models import TaskForce
from gugus_tugas.roles import Role
from reports.selectors import figures_key
from tests.cases.factories import CaseFactory, VictimFactory
from tests.conftest import member
from tests.factories import PASSWORD


@pytest.fixture
def warm_site(settings):
    """Figures kept and refreshed by a worker (off in the other tests), a worker known to run
    (its heartbeat, in the cache the live server and the worker read), tasks on a queue of this
    test's own."""
    settings.FIGURES_CACHE_SECONDS = 600
    settings.FIGURES_STALE_SECONDS = 600
    settings.FIGURES_REFRESH_SECONDS = 60
    shared = caches.create_connection("default")  # the settings' key prefix, as the threads'
    shared.set(HEARTBEAT_KEY, time.time(), 120)
    saved = celery_app.conf.task_always_eager, celery_app.conf.task_default_queue
    queue = f"test-warm-{uuid.uuid4().hex[:10]}"
    celery_app.conf.task_always_eager, celery_app.conf.task_default_queue = False, queue
    yield queue
    celery_app.conf.task_always_eager, celery_app.conf.task_default_queue = saved
    key = figures_key("18", date.today().year - 1, public=False, annexes=False)
    for k in (HEARTBEAT_KEY, key, f"{key}:refresh"):
        shared.delete(k)


@pytest.mark.django_db(transaction=True)
def test_the_first_view_of_a_year_says_the_figures_are_coming_and_shows_them_by_itself(
        live_server, page, shoot, warm_site):
    year = date.today().year - 1
    with scopes_disabled():
        province = TaskForce.objects.get(code="18")
        member(province, Role.COORDINATOR, "koordinator@lampung.go.id")
        for tf in ("18.71", "18.04"):
            case = CaseFactory(task_force=TaskForce.objects.get(code=tf), verified=True,
                               report_date=date(year, 6, 1))
            VictimFactory(case=case, age_at_incident=15, is_child=True)
    base = live_server.url
    page.goto(f"{base}/akun/login/")
    page.locator("input[name=login]").fill("koordinator@lampung.go.id")
    page.locator("input[name=password]").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.goto(f"{base}/gt/18/laporan/?tahun={year}")
    notice = page.get_by_test_id("as-of")
    expect(notice).to_have_text(
        "Angka tahun ini sedang dihitung dan tampil dalam ±1 menit. Muat ulang")
    expect(page.get_by_text("Kasus dilaporkan")).to_have_count(0)
    # the annual report can be asked for meanwhile
    expect(page.get_by_role("button", name="Buat laporan tahunan (PDF)")).to_be_visible()
    shoot("dashboard_computing", full_page=False)
    with start_worker(celery_app, pool="solo", concurrency=1, perform_ping_check=False,
                      queues=[warm_site], shutdown_timeout=30):
        # the notice polls every 15 s and reloads the page once the figures are in: no click
        expect(page.get_by_text("Kasus dilaporkan")).to_be_visible(timeout=45_000)
    expect(page.get_by_test_id("as-of")).to_have_count(0)
    reported = page.locator(".card", has_text="Kasus dilaporkan").locator(".figure")
    expect(reported).to_have_text("2")
