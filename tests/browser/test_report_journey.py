"""A coordinator asks for the annual report, follows its progress and downloads the PDF.

The task goes through Redis to a real Celery worker (in a thread of this process, on a queue of
its own), started only once the page has shown the job waiting: the page must follow the job
from queued to done by itself.
"""

import hashlib
import io
import uuid
from datetime import date

import pytest
from celery.contrib.testing.worker import start_worker
from django_scopes import scopes_disabled
from playwright.sync_api import expect
from pypdf import PdfReader

from gugus_tugas.celery import app as celery_app
from gugus_tugas.models import TaskForce
from gugus_tugas.roles import Role
from tests.cases.factories import CaseFactory, ServiceFactory, VictimFactory
from tests.conftest import member
from tests.factories import PASSWORD


@pytest.fixture
def real_queue():
    """Tasks go to the broker (not run eagerly), on a queue no other test run listens to."""
    saved = celery_app.conf.task_always_eager, celery_app.conf.task_default_queue
    queue = f"test-report-{uuid.uuid4().hex[:10]}"
    celery_app.conf.task_always_eager, celery_app.conf.task_default_queue = False, queue
    yield queue
    celery_app.conf.task_always_eager, celery_app.conf.task_default_queue = saved


@pytest.mark.django_db(transaction=True)
def test_coordinator_requests_follows_and_downloads_the_report(live_server, page, shoot,
                                                                real_queue):
    with scopes_disabled():
        province = TaskForce.objects.get(code="18")
        member(province, Role.COORDINATOR, "koordinator@lampung.go.id")
        for ages, tf in (((9, 12), "18"), ((15, 30), "18.71"), ((40,), "18.04")):
            case = CaseFactory(task_force=TaskForce.objects.get(code=tf), verified=True,
                               report_date=date(2023, 6, 1))
            for age in ages:
                ServiceFactory(victim=VictimFactory(case=case, age_at_incident=age,
                                                    is_child=age < 18))
    base = live_server.url
    page.goto(f"{base}/akun/login/")
    page.locator("input[name=login]").fill("koordinator@lampung.go.id")
    page.locator("input[name=password]").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.goto(f"{base}/gt/18/laporan/?tahun=2023")
    expect(page.get_by_text("Kasus dilaporkan")).to_be_visible()
    expect(page.get_by_role("heading", name="Gugus tugas di bawahnya")).to_be_visible()
    shoot("dashboard")
    # the report's texts live on its settings page (number, foreword, obstacles, signer...)
    page.get_by_role("link", name="Pengaturan laporan", exact=False).click()
    page.get_by_label("Kendala", exact=True).fill("Anggaran pemulangan korban terbatas.")
    page.get_by_label("Nomor dokumen", exact=True).fill("400.7/012/LT/2024")
    page.get_by_role("button", name="Simpan").click()
    expect(page.get_by_text("Pengaturan laporan tahun 2023 disimpan.")).to_be_visible()
    page.goto(f"{base}/gt/18/laporan/?tahun=2023")
    page.get_by_role("button", name="Buat laporan tahunan (PDF)").click()
    expect(page.get_by_test_id("job-status")).to_have_text("antre")
    expect(page.locator("progress")).to_be_visible()
    with start_worker(celery_app, pool="solo", concurrency=1, perform_ping_check=False,
                      queues=[real_queue], shutdown_timeout=30):
        # the page polls by itself: no reload
        expect(page.get_by_test_id("job-status")).to_have_text("selesai", timeout=60_000)
    shoot("report_job")
    with page.expect_download() as dl:
        page.get_by_role("button", name="Unduh PDF").click()
    pdf = PdfReader(io.BytesIO(open(dl.value.path(), "rb").read()))
    text = "".join(p.extract_text() for p in pdf.pages)
    assert "LAPORAN TAHUNAN" in text and "Anggaran pemulangan korban terbatas." in text
    assert "DRAF" in text  # a year not finalised is marked as a draft
    assert "Lampiran" in text
    # finalising: queued, issued by the worker, followed on its own page to the edition
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Finalkan tahun ini").click()
    expect(page.get_by_test_id("finalise-status")).to_have_text("antre")
    with start_worker(celery_app, pool="solo", concurrency=1, perform_ping_check=False,
                      queues=[real_queue], shutdown_timeout=30):
        expect(page.get_by_test_id("finalise-status")).to_have_text("selesai", timeout=60_000)
    expect(page.get_by_test_id("issued")).to_contain_text("edisi 1, nomor 400.7/012/LT/2024")
    sha = page.get_by_test_id("issued-sha256").inner_text()
    with page.expect_download() as dl:
        page.get_by_role("button", name="Unduh PDF yang diterbitkan").click()
    issued = open(dl.value.path(), "rb").read()
    assert hashlib.sha256(issued).hexdigest() == sha
    assert "DRAF" not in "".join(p.extract_text() for p in PdfReader(io.BytesIO(issued)).pages)
    # the districts' cases, de-identified: sex and age group, no initials, no link to the record
    page.goto(f"{base}/gt/18/kasus/")
    page.get_by_role("button", name="Kasus di wilayah").click()
    rows = page.locator("#case-rows tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.filter(has_text="Kota Bandar Lampung").get_by_test_id("victims")).to_have_text(
        "P 13-17; P 25-44")
    expect(page.locator("#case-rows a[href*='/kasus/']")).to_have_count(0)
    shoot("cases_below")
