"""A coordinator asks for the annual report, follows its progress and downloads the PDF.

The Celery task runs eagerly inside the live server here (CELERY_TASK_ALWAYS_EAGER in test
settings): the page flow is the real one; a real worker is exercised by the embedded-default test.
"""

import io
from datetime import date

import pytest
from django_scopes import scopes_disabled
from playwright.sync_api import expect
from pypdf import PdfReader

from gugus_tugas.models import TaskForce
from gugus_tugas.roles import Role
from tests.cases.factories import CaseFactory, ServiceFactory, VictimFactory
from tests.conftest import member
from tests.factories import PASSWORD


@pytest.mark.django_db(transaction=True)
def test_coordinator_requests_follows_and_downloads_the_report(live_server, page, shoot):
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
    page.get_by_label("Kendala dan rekomendasi").fill("Anggaran pemulangan korban terbatas.")
    page.get_by_role("button", name="Buat laporan tahunan (PDF)").click()
    expect(page.get_by_test_id("job-status")).to_have_text("selesai")
    shoot("report_job")
    with page.expect_download() as dl:
        page.get_by_role("button", name="Unduh PDF").click()
    pdf = PdfReader(io.BytesIO(open(dl.value.path(), "rb").read()))
    text = "".join(p.extract_text() for p in pdf.pages)
    assert "LAPORAN TAHUNAN" in text and "Anggaran pemulangan korban terbatas." in text
    assert "Lampiran" in text
