import io
import json
import re
from datetime import date

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pypdf import PdfReader

from cases.models import CaseAccess
from gugus_tugas.models import TaskForce
from gugus_tugas.scoping import task_force_scope
from reports import services
from reports.models import ApiToken, ReportJob
from reports.rendering import render_report
from reports.selectors import annual_figures
from tests.cases.factories import CaseFactory, ExploitationFactory, ServiceFactory, VictimFactory
from tests.factories import task_force

pytestmark = pytest.mark.django_db
YEAR = 2023


def official_case(tf, *, ages=(15,), sexes=None, year=YEAR, served=True, **kw):
    case = CaseFactory(task_force=tf, verified=True, report_date=date(year, 5, 17), **kw)
    for i, age in enumerate(ages):
        v = VictimFactory(case=case, age_at_incident=age, is_child=age < 18,
                          age_group="13-17" if age < 18 else "25-44",
                          sex=(sexes or "P" * len(ages))[i])
        if served:
            ServiceFactory(victim=v, type="pengaduan")
    ExploitationFactory(case=case, type="kerja_paksa")
    return case


def test_figures_count_only_verified_cases_and_include_the_districts(tf_a, tf_a_province):
    official_case(tf_a, ages=(15, 30), sexes="PL")
    official_case(tf_a_province, ages=(40,), served=False)
    CaseFactory(task_force=tf_a, report_date=date(YEAR, 3, 1))  # submitted: not counted
    official_case(task_force("14.71"))  # another province
    district = annual_figures(tf_a, YEAR)
    province = annual_figures(tf_a_province, YEAR)
    assert district["cases"] == {"reported": 1, "served": 1, "awaiting_verification": 1}
    assert (district["victims"]["total"], district["victims"]["children"],
            district["victims"]["male"]) == (2, 1, 1)
    assert province["cases"]["reported"] == 2 and province["cases"]["served"] == 1
    assert province["victims"]["total"] == 3
    assert annual_figures(task_force("nasional"), YEAR)["victims"]["total"] == 4
    # members of the province see their districts' exact counts, and a district with no victim
    # at all shows 0, not "< 5" (finding 3 of issue 10: internal figures were suppressed)
    rows = {r["code"]: r for r in province["below"]}
    assert (rows["18.71"]["victims"], rows["18.71"]["cases"], rows["18.71"]["children"]) == (2, 1, 1)
    assert rows["18.04"]["victims"] == 0 and rows["18.04"]["by_age_group"]["0-5"] == 0
    assert district["victims"]["by_age_group"] == {"0-5": 0, "6-12": 0, "13-17": 1, "18-24": 0,
                                                   "25-44": 1, "45-59": 0, "60+": 0}
    assert "small_cells" not in district and "small_cells" not in province


def test_a_referred_victim_is_counted_once_in_every_roll_up(tf_a, tf_a_province):
    case = official_case(tf_a)
    CaseAccess.objects.create(case=case, task_force=task_force("18.04"), kind="receiver")
    assert annual_figures(tf_a_province, YEAR)["victims"]["total"] == 1
    assert annual_figures(task_force("18.04"), YEAR)["victims"]["total"] == 1
    assert annual_figures(task_force("nasional"), YEAR)["victims"]["total"] == 1


def test_the_five_year_trend_ends_at_the_year(tf_a):
    for year, n in zip(range(2013, 2018), (29, 51, 4, 2, 2), strict=True):
        official_case(tf_a, ages=tuple([20] * n), year=year)
    assert annual_figures(tf_a, 2017)["victims"]["by_year"] == {
        "2013": 29, "2014": 51, "2015": 4, "2016": 2, "2017": 2}


def test_a_year_without_data_says_so(tf_a):
    out = render_report(tf_a, 2019, formats=("pdf",))
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(out.pdf)).pages)
    assert "Tidak ada kasus terverifikasi yang dilaporkan pada tahun 2019" in text


def test_pdf_json_and_xlsx_carry_the_same_figures(tf_a_province):
    for ages in ((9, 12, 14), (15, 16, 17), (19, 23), (27, 31, 40)):
        official_case(tf_a_province, ages=ages)
    out = render_report(tf_a_province, YEAR)
    figures = json.loads(out.json)
    assert figures["cases"] == {"reported": 4, "served": 4, "awaiting_verification": 0}
    assert (figures["victims"]["children"], figures["victims"]["adults"]) == (6, 5)
    reader = PdfReader(io.BytesIO(out.pdf))
    text = "".join(p.extract_text() for p in reader.pages)
    assert "LAPORAN TAHUNAN" in text and "Daftar Isi" in text and "Kelembagaan" in text
    assert "Anak / dewasa" in text and "6 / 5" in text
    # every page but the cover carries its number out of the total
    pages = len(reader.pages)
    assert pages > 2
    for number, page in enumerate(reader.pages[1:], start=2):
        assert f"Halaman {number} dari {pages}" in " ".join(page.extract_text().split())
    assert "Halaman 1 dari" not in " ".join(reader.pages[0].extract_text().split())
    # PDF/A-3 with the tables and the figures embedded
    assert set(reader.attachments) == {f"laporan-tahunan-18-{YEAR}.xlsx",
                                       f"laporan-tahunan-18-{YEAR}.json"}
    embedded = json.loads(reader.attachments[f"laporan-tahunan-18-{YEAR}.json"][0])
    assert embedded["victims"] == figures["victims"]
    from openpyxl import load_workbook

    ws = load_workbook(io.BytesIO(out.xlsx))["Ringkasan"]
    summary = {r[0]: r[1] for r in ws.iter_rows(values_only=True)}
    assert summary["anak"] == 6 and summary["kasus dilaporkan"] == 4


def test_the_public_variant_hides_small_cells_and_leaves_zeros_alone(tf_a):
    official_case(tf_a, ages=(15, 16, 30))
    f = annual_figures(tf_a, YEAR, public=True)
    exact = annual_figures(tf_a, YEAR)
    assert exact["victims"]["total"] == 3 and exact["victims"]["by_age_group"]["13-17"] == 2
    assert f["victims"]["total"] == "< 5"  # a total of 1-4 is a small cell too
    assert f["victims"]["by_age_group"]["13-17"] == "< 5"
    assert f["victims"]["children"] == "< 5" and f["victims"]["adults"] == "< 5"
    assert f["victims"]["by_age_group"]["0-5"] == 0 and f["victims"]["male"] == 0
    assert f["small_cells"]["primary"] == "< 5" and f["small_cells"]["secondary"] == "×"


def test_asking_twice_while_one_runs_gives_the_same_job(tf_a, coordinator_a):
    with task_force_scope(tf_a):
        a, created_a = services.report_job_request(task_force=tf_a, year=YEAR, variant="internal",
                                                   obstacles="", acting_user=coordinator_a)
        b, created_b = services.report_job_request(task_force=tf_a, year=YEAR, variant="internal",
                                                   obstacles="", acting_user=coordinator_a)
    assert a.pk == b.pk and created_a and not created_b


def test_the_task_claims_a_job_once_and_renders_it(tf_a, coordinator_a):
    from reports.tasks import annual_report_render

    official_case(tf_a)
    with task_force_scope(tf_a):
        job, _ = services.report_job_request(task_force=tf_a, year=YEAR, variant="internal",
                                             obstacles="Anggaran terbatas.", acting_user=coordinator_a)
    assert annual_report_render.apply(args=[job.pk]).get() == "done"
    assert annual_report_render.apply(args=[job.pk]).get() == "skipped"  # a second delivery
    job.refresh_from_db()
    assert job.status == "done" and job.pdf.read(5) == b"%PDF-"
    text = "".join(p.extract_text() for p in PdfReader(job.pdf.open("rb")).pages)
    assert "Anggaran terbatas." in text


def test_a_render_that_fails_leaves_a_failed_job_with_a_reason(tf_a, coordinator_a, monkeypatch):
    from reports.tasks import annual_report_render

    monkeypatch.setattr("reports.services.render_report",
                        lambda *a, **k: (_ for _ in ()).throw(RuntimeError("font hilang")))
    with task_force_scope(tf_a):
        job, _ = services.report_job_request(task_force=tf_a, year=YEAR, variant="internal",
                                             obstacles="", acting_user=coordinator_a)
    with pytest.raises(RuntimeError):
        annual_report_render.apply(args=[job.pk], throw=True)
    job.refresh_from_db()
    assert job.status == "failed" and "font hilang" in job.error


def test_a_job_whose_worker_died_is_taken_over_or_marked_failed(tf_a, coordinator_a, settings):
    from datetime import timedelta

    from django.utils import timezone

    with task_force_scope(tf_a):
        job, _ = services.report_job_request(task_force=tf_a, year=YEAR, variant="internal",
                                             obstacles="", acting_user=coordinator_a)
    ReportJob.objects.filter(pk=job.pk).update(status="running",
                                               started_at=timezone.now() - timedelta(minutes=2))
    assert services.report_job_claim(job.pk)  # redelivered after the worker was killed
    ReportJob.objects.filter(pk=job.pk).update(
        started_at=timezone.now() - timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT + 120))
    assert services.report_jobs_expire_stuck() == 1
    job.refresh_from_db()
    assert job.status == "failed" and "Pekerja berhenti" in job.error


def test_the_report_page_flow(login, coordinator_a, tf_a, django_capture_on_commit_callbacks):
    official_case(tf_a)
    client = login(coordinator_a)
    page = client.get(reverse("reports:dashboard", args=[tf_a.code]), {"tahun": YEAR})
    assert page.status_code == 200 and "Kasus dilaporkan" in page.content.decode()
    r = client.post(reverse("reports:request", args=[tf_a.code]),
                    {"tahun": YEAR, "variant": "internal", "obstacles": ""})
    job = ReportJob.objects.get()
    assert r.url == reverse("reports:job", args=[tf_a.code, job.code])
    job.refresh_from_db()
    assert job.status == "done"  # eager in tests
    pdf = client.get(reverse("reports:job_download", args=[tf_a.code, job.code, "pdf"]))
    assert b"".join(pdf.streaming_content).startswith(b"%PDF-")


def test_the_province_dashboard_shows_its_districts_exact_counts(login, province_coordinator, tf_a):
    official_case(tf_a, ages=(15, 16, 30))
    page = login(province_coordinator).get(
        reverse("reports:dashboard", args=["18"]), {"tahun": YEAR}).content.decode()
    row = re.search(rf"<tr><td[^>]*>{re.escape(tf_a.name)}</td>(.*?)</tr>", page).group(1)
    assert re.findall(r">([^<]*)</td>", row) == ["1", "1", "3", "2", "1", "3", "0"]
    assert "&lt; 5" not in page and "×" not in page


def test_the_public_report_marks_and_explains_hidden_cells(tf_a, tf_a_province):
    official_case(tf_a, ages=(15, 30, 31, 32, 33, 34))
    out = render_report(tf_a_province, YEAR, public=True)
    row = next(r for r in out.figures["below"] if r["code"] == tf_a.code)
    # children 1 is small; adults (5) is hidden so that it cannot be 6 - adults
    assert (row["victims"], row["children"], row["adults"]) == (6, "< 5", "×")
    text = " ".join("".join(p.extract_text() for p in PdfReader(io.BytesIO(out.pdf)).pages).split())
    assert "versi ini untuk publikasi" in text and "“×”: disamarkan" in text
    assert json.loads(out.json)["small_cells"]["secondary"] == "×"
    from openpyxl import load_workbook

    ws = load_workbook(io.BytesIO(out.xlsx))["Wilayah di bawah"]
    rows = {r[0]: r for r in ws.iter_rows(values_only=True)}
    assert rows[tf_a.code][4:7] == (6, "< 5", "×")


def test_viewers_see_the_dashboard_but_cannot_export(login, viewer_a, tf_a):
    client = login(viewer_a)
    assert client.get(reverse("reports:dashboard", args=[tf_a.code])).status_code == 200
    assert client.post(reverse("reports:request", args=[tf_a.code]),
                       {"tahun": YEAR, "variant": "internal"}).status_code == 403


def test_the_command_writes_pdf_xlsx_and_json(tf_a, tmp_path):
    official_case(tf_a, ages=(15, 30))
    for ext in ("pdf", "xlsx", "json"):
        call_command("annual_report", "--task-force", "18.71", "--year", str(YEAR),
                     "--output", str(tmp_path / f"r.{ext}"))
    data = json.loads((tmp_path / "r.json").read_text())
    assert data["task_force"] == "18.71" and data["year"] == YEAR
    assert data["cases"] == {"reported": 1, "served": 1, "awaiting_verification": 0}
    assert set(data) >= {"meetings", "recommendations", "rad"}
    assert (tmp_path / "r.pdf").read_bytes().startswith(b"%PDF-")


def _make_token(client, tf, kind):
    page = client.post(reverse("reports:api_tokens", args=[tf.code]), {"name": kind, "kind": kind})
    assert page.status_code == 200
    return re.search(r'data-testid="new-token">([^<]+)<', page.content.decode()).group(1)


def test_the_api_needs_this_task_forces_token_and_applies_small_cells(client, login, admin_a, tf_a, tf_b):
    official_case(tf_a, ages=(15, 30))
    admin = login(admin_a)
    raw = _make_token(admin, tf_a, "publication")
    official = _make_token(admin, tf_a, "official")
    # the token page says which kind each token is
    page = admin.get(reverse("reports:api_tokens", args=[tf_a.code])).content.decode()
    kinds = re.findall(r'data-testid="token-kind">([^<]+)<', page)
    assert sorted(kinds) == ["publikasi (sel kecil disamarkan)", "sistem resmi (angka tepat)"]
    token = ApiToken.objects.get(task_force=tf_a, kind="publication")
    client.logout()
    url = reverse("reports:api_figures", args=[tf_a.code, YEAR])
    assert client.get(url).status_code == 401
    assert client.get(url, HTTP_AUTHORIZATION="Bearer gt_wrong").status_code == 401
    r = client.get(url, HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert r.status_code == 200 and r.json()["victims"]["by_age_group"]["13-17"] == "< 5"
    assert r.json()["public"] is True
    # an official system (SIMFONI PPA) reads the exact figures
    exact = client.get(url, HTTP_AUTHORIZATION=f"Bearer {official}").json()
    assert exact["public"] is False and exact["victims"]["by_age_group"]["13-17"] == 1
    assert "small_cells" not in exact
    other = reverse("reports:api_figures", args=[tf_b.code, YEAR])
    assert client.get(other, HTTP_AUTHORIZATION=f"Bearer {raw}").status_code == 401
    ApiToken.objects.filter(pk=token.pk).update(revoked_at="2026-01-01T00:00Z")
    assert client.get(url, HTTP_AUTHORIZATION=f"Bearer {raw}").status_code == 401


def test_the_api_answers_get_and_head_only(client, tf_a):
    official_case(tf_a)
    raw = ApiToken.new_raw()
    ApiToken.objects.create(task_force=tf_a, name="x", kind="official", prefix=raw[3:11],
                            digest=ApiToken.digest_of(raw))
    url = reverse("reports:api_figures", args=[tf_a.code, YEAR])
    auth = {"HTTP_AUTHORIZATION": f"Bearer {raw}"}
    assert client.get(url, **auth).status_code == 200
    assert client.head(url, **auth).status_code == 200
    for method in ("options", "trace", "post", "put", "patch", "delete"):
        r = getattr(client, method)(url, **auth)
        assert r.status_code == 405, method
        assert not r.content.startswith(b"{"), method  # no figures
    assert client.options(reverse("openapi")).status_code == 405


def test_the_openapi_describes_what_the_api_answers(client, tf_a):
    spec = client.get(reverse("openapi")).json()
    assert spec["openapi"].startswith("3.")
    (route, item), = spec["paths"].items()
    operation = item["get"]
    assert set(item) == {"get"}  # nothing else is answered
    params = {p["name"]: p for p in operation["parameters"]}
    pattern = re.compile(params["task_force"]["schema"]["pattern"])
    for code in TaskForce.objects.values_list("code", flat=True):
        assert pattern.fullmatch(code), code
    for wrong in ("18.7", "abc", "18/71", "", "1871"):
        assert not pattern.fullmatch(wrong), wrong
    body = operation["responses"]["200"]["content"]["application/json"]["schema"]
    assert body["properties"]["task_force"]["pattern"] == pattern.pattern
    # the 404 for a year out of range is documented, and is what the API answers
    raw = ApiToken.new_raw()
    ApiToken.objects.create(task_force=tf_a, name="x", prefix=raw[3:11],
                            digest=ApiToken.digest_of(raw))
    url = route.replace("{task_force}", tf_a.code).replace("{year}", "1999")
    r = client.get(url, HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert r.status_code == 404 and "404" in operation["responses"]
    assert set(r.json()) == set(operation["responses"]["404"]["content"]["application/json"]
                                ["schema"]["required"])
    assert params["year"]["schema"]["minimum"] == 2000


def test_cached_figures_follow_every_change_of_case_data(tf_a, officer_a, verifier_a, settings,
                                                         django_capture_on_commit_callbacks):
    from cases import services as case_services

    settings.FIGURES_CACHE_SECONDS = 600
    assert annual_figures(tf_a, YEAR)["cases"]["reported"] == 0
    with django_capture_on_commit_callbacks(execute=True):
        with task_force_scope(tf_a):
            case = case_services.case_create(
                task_force=tf_a, acting_user=officer_a, report_date=date(YEAR, 4, 1),
                victims=[case_services.VictimData(name="Ani", sex="P", age=15)], submit=True)
    assert annual_figures(tf_a, YEAR)["cases"] == {"reported": 0, "served": 0,
                                                   "awaiting_verification": 1}
    with django_capture_on_commit_callbacks(execute=True):
        case_services.case_verify(case=case, task_force=tf_a, acting_user=verifier_a)
    assert annual_figures(tf_a, YEAR)["cases"]["reported"] == 1


def test_a_change_refreshes_the_holders_provinces_and_the_nation_only(
        tf_a, tf_b, officer_a, officer_b, settings,
        django_capture_on_commit_callbacks):
    """Figures are cached per province tree: Riau's data entry leaves Lampung's cached figures
    alone, but a case referred to Lampung refreshes both, and the nation follows everything."""
    from cases import services as case_services

    settings.FIGURES_CACHE_SECONDS = 600
    # annexes=False: the case figures alone (the monitoring annex is read fresh, like meetings)
    lampung, riau, nation = task_force("18"), task_force("14"), task_force("nasional")
    for tf in (lampung, riau, nation, tf_a):
        annual_figures(tf, YEAR, annexes=False)

    def cached(tf):
        with CaptureQueriesContext(connection) as ctx:
            annual_figures(tf, YEAR, annexes=False)
        # the version read only; meetings and the action plan (meetings_, rad_ tables) are
        # read fresh, outside this cache
        case_queries = [q for q in ctx.captured_queries
                        if '"rad_' not in q["sql"] and "meetings_" not in q["sql"]]
        return len(case_queries) == 1

    def new_case(tf, user):
        with django_capture_on_commit_callbacks(execute=True), task_force_scope(tf):
            return case_services.case_create(
                task_force=tf, acting_user=user, report_date=date(YEAR, 4, 1),
                victims=[case_services.VictimData(name="Ani", sex="P", age=15)])

    case = new_case(tf_b, officer_b)  # Pekanbaru, Riau
    assert cached(lampung) and cached(tf_a)
    assert not cached(riau) and not cached(nation)
    with django_capture_on_commit_callbacks(execute=True), task_force_scope(tf_b):
        referral = case_services.referral_create(case=case, task_force=tf_b, to_task_force=tf_a,
                                                 reason="Pemulangan", acting_user=officer_b)
    with django_capture_on_commit_callbacks(execute=True):
        case_services.referral_accept(referral=referral, task_force=tf_a, acting_user=officer_b)
    assert not cached(lampung) and not cached(tf_a) and not cached(riau)


def test_the_nation_annex_counts_each_province_with_its_districts(tf_a, tf_a_province):
    official_case(tf_a_province, ages=(30,) * 6)  # held by the province itself
    official_case(tf_a, ages=(15,) * 5, sexes="PPPLL")  # held by one of its districts
    referred = official_case(task_force("14.71"), ages=(20,) * 5)
    CaseAccess.objects.create(case=referred, task_force=tf_a, kind="receiver")
    figures = annual_figures(task_force("nasional"), YEAR)
    rows = {r["code"]: r for r in figures["below"]}
    assert len(rows) == 38 and figures["victims"]["total"] == 16
    lampung, riau = rows["18"], rows["14"]
    # the referred case is in both provinces' rows and once in the nation's total
    assert (lampung["cases"], lampung["victims"], lampung["children"]) == (3, 16, 5)
    assert (riau["cases"], riau["victims"]) == (1, 5)
    assert lampung["by_age_group"]["25-44"] == 11 and lampung["services"]["pengaduan"] == 16
    assert rows["11"]["victims"] == 0


def test_the_province_report_has_an_annex_per_district(tf_a, tf_a_province):
    official_case(tf_a, ages=(15, 16, 30, 31, 32, 33))
    out = render_report(tf_a_province, YEAR, formats=("pdf",))
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(out.pdf)).pages)
    districts = list(tf_a_province.children.order_by("code"))
    for n, district in enumerate(districts, start=1):
        assert f"Lampiran {n}. {district.name}" in text
    row = next(r for r in out.figures["below"] if r["code"] == tf_a.code)
    assert (row["victims"], row["children"], row["adults"]) == (6, 2, 4)  # exact inside
    # each annex is reachable from the PDF's bookmarks
    def titles(items):
        for item in items:
            yield from titles(item) if isinstance(item, list) else [item.title]

    bookmarks = list(titles(PdfReader(io.BytesIO(out.pdf)).outline))
    for n, district in enumerate(districts, start=1):
        assert f"Lampiran {n}. {district.name} ({district.code})" in bookmarks
