"""Pages of the action plans, as a member would use them."""

import io
from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from rad.models import ActionPlan, Activity, ActivityYear, ProgressReport

from .factories import ActivityFactory, ActivityYearFactory, PlanFactory, ProgressReportFactory

pytestmark = pytest.mark.django_db


def url(name, tf, *args):
    return reverse(f"rad:{name}", args=[tf.code, *args])


def test_the_secretariat_creates_a_plan_and_adds_an_activity(login, admin_a, tf_a):
    client = login(admin_a)
    r = client.post(url("new", tf_a), {"title": "RAD PP-TPPO Kota Bandar Lampung 2022-2026",
                                       "first_year": 2022, "last_year": 2026,
                                       "reporting": "semester", "legal_kind": "perwali",
                                       "legal_number": "12 Tahun 2022", "legal_date": ""})
    plan = ActionPlan.objects.get(task_force=tf_a)
    assert r.status_code == 302 and plan.kind == "rad" and plan.reporting == "semester"
    r = client.post(url("activity_new", tf_a, plan.code), {
        "cluster": "Pencegahan", "number": "1.1", "name": "Sosialisasi di sekolah",
        "responsible_agency": "Dinas Pendidikan", "indicator": "Sekolah", "unit": "sekolah",
        "target_2023": "12,5", "budget_2023": "Rp 1.250.000", "budget_source_2023": "dak"})
    assert r.status_code == 302
    year = ActivityYear.objects.get(activity__plan=plan)
    assert (year.target, year.budget, year.budget_source) == (Decimal("12.5"), 1250000, "dak")
    page = client.get(url("detail", tf_a, plan.code)).content.decode()
    assert "Rp 1.250.000" in page and "12,5" in page and "Sosialisasi di sekolah" in page


def test_a_bad_activity_keeps_what_was_typed_and_writes_nothing(login, admin_a, tf_a):
    plan = PlanFactory(task_force=tf_a)
    r = login(admin_a).post(url("activity_new", tf_a, plan.code), {
        "cluster": "Pencegahan", "number": "1.1", "name": "Pelatihan aparat desa",
        "responsible_agency": "DPMD", "indicator": "Aparat", "unit": "orang",
        "target_2023": "-4", "budget_2024": "banyak"})
    html = r.content.decode()
    assert r.status_code == 400
    assert "Tidak boleh negatif" in html and "bukan angka" in html
    assert "Pelatihan aparat desa" in html
    assert not Activity.objects.exists()


def test_a_ten_year_plus_period_is_refused_on_the_page(login, admin_a, tf_a):
    r = login(admin_a).post(url("new", tf_a), {"title": "RAD", "first_year": 2020,
                                               "last_year": 2031, "reporting": "quarter"})
    assert r.status_code == 400 and "paling lama 10 tahun" in r.content.decode()
    assert not ActionPlan.objects.exists()


def test_members_read_plans_but_only_the_secretariat_changes_them(login, viewer_a, tf_a):
    plan = ActivityFactory(plan__task_force=tf_a).plan
    client = login(viewer_a)
    assert client.get(url("detail", tf_a, plan.code)).status_code == 200
    assert client.get(url("evaluation", tf_a, plan.code)).status_code == 200
    assert client.get(url("new", tf_a)).status_code == 403
    assert client.post(url("advance", tf_a, plan.code)).status_code == 403


def test_progress_entry_lists_only_activities_not_yet_reported(login, admin_a, tf_a):
    from rad.services import current_period

    plan = PlanFactory(task_force=tf_a, in_force=True, first_year=2024, last_year=2028)
    done = ActivityFactory(plan=plan, name="Sudah dilaporkan")
    ActivityFactory(plan=plan, name="Belum dilaporkan")
    year, period = current_period(plan)
    ProgressReportFactory(activity=done, year=year, period=period, status="submitted")
    page = login(admin_a).get(url("progress", tf_a, plan.code)).content.decode()
    due = page.split("Menunggu diterima")[0]
    assert "Belum dilaporkan" in due and "Sudah dilaporkan" not in due


def test_progress_is_reported_accepted_and_returned_with_a_reason(login, admin_a, tf_a):
    from rad.services import current_period

    plan = PlanFactory(task_force=tf_a, in_force=True, first_year=2024, last_year=2028)
    activity = ActivityFactory(plan=plan)
    year, period = current_period(plan)
    client = login(admin_a)
    r = client.post(url("progress_new", tf_a, activity.code),
                    {"achieved": "3", "spent": "Rp 2.000.000", "narrative": "Tiga desa",
                     "tahun": year, "periode": period, "submit": "1"})
    assert r.status_code == 302
    report = ProgressReport.objects.get(activity=activity)
    assert report.status == "submitted" and report.over_budget  # nothing was planned
    client.post(url("progress_return", tf_a, report.code), {"reason": "Lampirkan daftar hadir"})
    report.refresh_from_db()
    assert report.status == "returned" and report.return_reason == "Lampirkan daftar hadir"


def test_progress_for_a_future_period_is_refused_on_the_page(login, admin_a, tf_a):
    plan = PlanFactory(task_force=tf_a, in_force=True, first_year=2024, last_year=2028)
    activity = ActivityFactory(plan=plan)
    r = login(admin_a).post(url("progress_new", tf_a, activity.code),
                            {"achieved": "3", "tahun": 2028, "periode": 4, "submit": "1"})
    assert r.status_code == 400 and "belum dimulai" in r.content.decode()
    assert not ProgressReport.objects.exists()


def _plan_with(tf, n):
    plan = PlanFactory(task_force=tf, in_force=True)
    for i in range(n):
        a = ActivityFactory(plan=plan, cluster=["Pencegahan", "Penegakan Hukum"][i % 2])
        for y in plan.years:
            ActivityYearFactory(activity=a, year=y)
        ProgressReportFactory(activity=a, year=2023, period=1 + i % 4)
    return plan


def test_the_evaluation_page_runs_a_fixed_number_of_queries(login, viewer_a, tf_a,
                                                            django_assert_num_queries):
    client = login(viewer_a)
    small, large = _plan_with(tf_a, 2), None
    client.get(url("evaluation", tf_a, small.code))  # warm sessions and caches
    with django_assert_num_queries(10) as ctx:
        r = client.get(url("evaluation", tf_a, small.code) + "?tahun=2023")
    assert r.status_code == 200
    small.status = "finished"
    small.save()
    large = _plan_with(tf_a, 20)
    with django_assert_num_queries(len(ctx.captured_queries)):
        r = client.get(url("evaluation", tf_a, large.code) + "?tahun=2023")
    assert r.status_code == 200 and "<svg" in r.content.decode()


def test_the_evaluation_shows_its_thresholds_and_exports_the_same_figures(login, viewer_a, tf_a):
    plan = PlanFactory(task_force=tf_a, in_force=True)
    ay = ActivityYearFactory(activity__plan=plan, year=2023, target=Decimal(8),
                             budget=Decimal(40_000_000))
    ProgressReportFactory(activity=ay.activity, year=2023, period=1, achieved=Decimal(2),
                          spent=Decimal(10_000_000))
    client = login(viewer_a)
    page = client.get(url("evaluation", tf_a, plan.code) + "?tahun=2023").content.decode()
    assert "80 %" in page and "Rp 10.000.000" in page
    pct = f"{2 / 8 * 100:.1f}".replace(".", ",") + " %"
    assert pct in page
    book = load_workbook(io.BytesIO(client.get(url("evaluation_export", tf_a, plan.code)).content))
    header, row = [list(r) for r in book["Kegiatan"].iter_rows(values_only=True)][:2]
    assert row[header.index("capaian_2023")] == 2
    assert row[header.index("capaian_2023_%")] == 2 / 8 * 100


def test_the_matrix_prints_as_a_pdf(login, viewer_a, tf_a):
    plan = ActivityYearFactory(activity__plan__task_force=tf_a).activity.plan
    r = login(viewer_a).get(url("matrix_pdf", tf_a, plan.code))
    assert r.status_code == 200 and r.content.startswith(b"%PDF")


def _xlsx(rows):
    wb = Workbook()
    ws = wb.active
    for row in rows:
        ws.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return SimpleUploadedFile("matriks.xlsx", buf.getvalue())


HEADER = ["sub_gugus_tugas", "kode", "kegiatan", "penanggung_jawab", "instansi_pendukung",
          "indikator", "satuan", "baseline", "target_2022", "anggaran_2022", "sumber_2022",
          "target_2023", "anggaran_2023", "sumber_2023"]


def test_the_import_dry_run_lists_every_problem_and_writes_nothing(login, admin_a, tf_a):
    plan = PlanFactory(task_force=tf_a)
    upload = _xlsx([HEADER,
                    ["Pencegahan", "1.1", "Sosialisasi", "Dinas PPPA", "", "Desa", "desa", "",
                     5, "Rp 10.000.000", "APBD", 6, "12.000.000", "APBD"],
                    ["Klaster Khayalan", "1.2", "Pelatihan", "Dinas Sosial", "", "Orang", "orang",
                     "", -1, "sepuluh", "pinjaman", "", "", ""]])
    r = login(admin_a).post(url("import", tf_a, plan.code), {"file": upload, "commit": "1"})
    html = r.content.decode()
    assert r.status_code == 400
    for column in ("sub_gugus_tugas", "target_2022", "anggaran_2022", "sumber_2022"):
        assert f"<td>3</td><td>{column}</td>" in html
    assert not Activity.objects.exists()


def test_the_import_checks_first_then_writes_all_rows(login, admin_a, tf_a):
    plan = PlanFactory(task_force=tf_a)
    rows = [HEADER, ["pencegahan", "1.1", "Sosialisasi", "Dinas PPPA", "", "Desa", "desa", "2",
                     5, "Rp 10.000.000", "APBD", 6, "12.000.000", "Dana Desa"],
            ["Penegakan Hukum", "5.1", "Pelatihan penyidik", "Polda", "Kejati", "Penyidik",
             "orang", "", 30, 50000000, "APBN", "", "", ""]]
    client = login(admin_a)
    r = client.post(url("import", tf_a, plan.code), {"file": _xlsx(rows), "check": "1"})
    assert r.status_code == 200 and "2 kegiatan siap diimpor" in r.content.decode()
    assert not Activity.objects.exists()
    r = client.post(url("import", tf_a, plan.code), {"file": _xlsx(rows), "commit": "1"})
    assert r.status_code == 302
    assert sorted(Activity.objects.values_list("number", "cluster")) == [
        ("1.1", "Pencegahan"), ("5.1", "Penegakan Hukum")]
    assert ActivityYear.objects.get(activity__number="1.1", year=2023).budget_source == "dana_desa"
    # exported back in the same layout, and read again as the same rows
    exported = load_workbook(io.BytesIO(client.get(url("matrix_export", tf_a,
                                                       plan.code)).content)).active
    got = [list(r) for r in exported.iter_rows(values_only=True)]
    assert got[0][:8] == HEADER[:8] and got[1][1] == "1.1" and got[1][9] == 10000000
    blank = load_workbook(io.BytesIO(client.get(url("import_template", tf_a,
                                                    plan.code)).content)).active
    assert blank.max_row == 1


def test_a_province_compares_its_districts_side_by_side(login, province_coordinator,
                                                        tf_a_province, tf_a):
    ActivityYearFactory(activity__plan__task_force=tf_a, activity__plan__in_force=True,
                        year=date.today().year if 2022 <= date.today().year <= 2026 else 2026)
    page = login(province_coordinator).get(url("comparison", tf_a_province)).content.decode()
    assert "Kota Bandar Lampung" in page and "tidak ada rencana aksi yang berlaku" in page


def test_the_dashboard_card_shows_the_plan_in_force(login, admin_a, tf_a):
    plan = PlanFactory(task_force=tf_a, in_force=True)
    ay = ActivityYearFactory(activity__plan=plan, year=2023, target=Decimal(4))
    ProgressReportFactory(activity=ay.activity, year=2023, achieved=Decimal(1))
    page = login(admin_a).get(reverse("reports:dashboard", args=[tf_a.code]) + "?tahun=2023")
    shown = f"{1 / 4 * 100:.1f} % / {ay.activity.reports.get().spent / ay.budget * 100:.1f} %"
    assert shown.replace(".", ",") in page.content.decode()


def test_the_plan_pages_speak_english_too(login, admin_a, tf_a):
    plan = ActivityFactory(plan__task_force=tf_a).plan
    client = login(admin_a)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    page = client.get(url("detail", tf_a, plan.code)).content.decode()
    assert "Activity matrix" in page and "Add activity" in page and "Action plans" in page


def test_a_period_a_semester_plan_does_not_have_is_refused_not_a_crash(login, admin_a, tf_a):
    plan = PlanFactory(task_force=tf_a, in_force=True, reporting="semester")
    activity = ActivityFactory(plan=plan)
    r = login(admin_a).get(url("progress_new", tf_a, activity.code) + "?tahun=2023&periode=3")
    assert r.status_code == 200
    r = login(admin_a).post(url("progress_new", tf_a, activity.code),
                            {"achieved": "1", "tahun": 2023, "periode": 3, "submit": "1"})
    assert r.status_code == 400 and "Periode tidak dikenal" in r.content.decode()


def test_the_nation_sees_which_regions_support_each_ran_activity(login, national_coordinator,
                                                                 tf_national, admin_a, tf_a):
    from rad.services import activity_create

    ran = ActivityFactory(plan__task_force=tf_national, plan__in_force=True, number="1.1",
                          name="Kampanye nasional pencegahan TPPO")
    rad_plan = PlanFactory(task_force=tf_a)
    activity_create(plan=rad_plan, acting_user=admin_a, ran_activity=ran, years={},
                    data={"cluster": "Pencegahan", "number": "1.4", "name": "Kampanye kota",
                          "responsible_agency": "Diskominfo", "indicator": "Kampanye",
                          "unit": "kali"})
    page = login(national_coordinator).get(url("comparison", tf_national)).content.decode()
    assert "Kampanye nasional pencegahan TPPO" in page
    assert f"{tf_a.name} (1.4)" in page


def test_a_ran_activity_supports_no_other_ran_activity(tf_national, national_coordinator):
    from django.core.exceptions import ValidationError

    from rad.services import activity_create

    ran = ActivityFactory(plan__task_force=tf_national, plan__in_force=True)
    with pytest.raises(ValidationError, match="Hanya kegiatan RAD"):
        activity_create(plan=ran.plan, acting_user=national_coordinator, ran_activity=ran,
                        years={}, data={"cluster": "Pencegahan", "number": "9.9", "name": "X",
                                        "responsible_agency": "KemenPPPA", "indicator": "X",
                                        "unit": "kali"})
    assert ran.plan.activities.count() == 1


def _pdf():
    from pypdf import PdfWriter

    writer, buf = PdfWriter(), io.BytesIO()
    writer.add_blank_page(width=200, height=200)
    writer.write(buf)
    return buf.getvalue()


def test_the_regulation_scan_is_checked_and_served_only_through_the_scoped_view(
        login, admin_a, admin_b, tf_a, tf_b):
    client = login(admin_a)
    data = {"title": "RAD", "first_year": 2022, "last_year": 2026, "reporting": "quarter"}
    r = client.post(url("new", tf_a), {**data, "scan": SimpleUploadedFile(
        "perwali.pdf", b"GIF89a not a pdf", content_type="application/pdf")})
    assert r.status_code == 400
    assert "Berkas bukan PDF. Unggah pindaian peraturan dalam format PDF." in r.content.decode()
    assert not ActionPlan.objects.exists()
    r = client.post(url("new", tf_a), {**data, "scan": SimpleUploadedFile(
        "perwali.pdf", _pdf(), content_type="application/pdf")})
    plan = ActionPlan.objects.get()
    download = client.get(url("scan", tf_a, plan.code))
    assert download.status_code == 200 and b"".join(download.streaming_content).startswith(b"%PDF")
    assert login(admin_b).get(url("scan", tf_a, plan.code)).status_code == 404


def test_exports_never_turn_typed_text_into_formulas(login, admin_a, tf_a):
    plan = PlanFactory(task_force=tf_a, in_force=True)
    ActivityYearFactory(activity__plan=plan, activity__name="=HYPERLINK(\"http://x\")", year=2023)
    client = login(admin_a)
    for name in ("evaluation_export", "matrix_export"):
        book = load_workbook(io.BytesIO(client.get(url(name, tf_a, plan.code)).content))
        cells = [c for ws in book for row in ws.iter_rows(values_only=True) for c in row]
        assert "'=HYPERLINK(\"http://x\")" in cells, name


def test_progress_evidence_is_checked_by_content_and_served_only_through_the_scoped_view(
        login, admin_a, admin_b, tf_a, tf_b):
    from rad.services import current_period

    plan = PlanFactory(task_force=tf_a, in_force=True, first_year=2024, last_year=2028)
    activity = ActivityFactory(plan=plan)
    year, period = current_period(plan)
    data = {"achieved": "3", "tahun": year, "periode": period, "submit": "1"}
    client = login(admin_a)
    r = client.post(url("progress_new", tf_a, activity.code), {**data, "evidence": (
        SimpleUploadedFile("bukti.pdf", b"GIF89a not a pdf", content_type="application/pdf"))})
    assert r.status_code == 400
    assert "Berkas bukan PDF. Unggah bukti kemajuan dalam format PDF." in r.content.decode()
    assert not ProgressReport.objects.exists()
    r = client.post(url("progress_new", tf_a, activity.code), {**data, "evidence": (
        SimpleUploadedFile("bukti.pdf", _pdf(), content_type="application/pdf"))})
    assert r.status_code == 302
    report = ProgressReport.objects.get()
    with pytest.raises(ValueError, match="no public URL"):
        report.evidence.url  # noqa: B018 (private storage: no address of its own)
    download = client.get(url("progress_evidence", tf_a, report.code))
    assert download.status_code == 200 and b"".join(download.streaming_content).startswith(b"%PDF")
    assert login(admin_b).get(url("progress_evidence", tf_a, report.code)).status_code == 404


def test_activities_are_grouped_by_the_sub_task_forces_of_the_sk_in_force(login, admin_a, tf_a):
    from tests.factories import DecreeFactory, SubTaskForceFactory

    stf = SubTaskForceFactory(decree=DecreeFactory(task_force=tf_a),
                              name="Klaster Pencegahan dan Edukasi")
    plan = PlanFactory(task_force=tf_a)
    client = login(admin_a)
    page = client.get(url("activity_new", tf_a, plan.code)).content.decode()
    assert "Klaster Pencegahan dan Edukasi" in page
    assert "Koordinasi dan Kerja Sama" not in page  # the national areas only without an SK
    r = client.post(url("activity_new", tf_a, plan.code), {
        "cluster": "Klaster Pencegahan dan Edukasi", "number": "1.1", "name": "Sosialisasi",
        "responsible_agency": "Dinas PPPA", "indicator": "Desa", "unit": "desa"})
    assert r.status_code == 302
    assert Activity.objects.get(plan=plan).sub_task_force == stf
    blank = load_workbook(io.BytesIO(client.get(url("import_template", tf_a, plan.code)).content))
    assert blank.active.max_row == 1
    upload = _xlsx([HEADER[:8], ["Penegakan Hukum", "1.2", "Pelatihan", "Polresta", "",
                                 "Penyidik", "orang", ""]])
    html = client.post(url("import", tf_a, plan.code), {"file": upload}).content.decode()
    assert "Sub gugus tugas “Penegakan Hukum” tidak dikenal" in html


def test_an_import_refused_by_the_services_on_one_row_writes_no_row(login, admin_a, tf_a):
    plan = PlanFactory(task_force=tf_a)
    ActivityFactory(plan=plan, number="1.1")
    rows = [HEADER[:8],
            ["Pencegahan", "1.2", "Pelatihan guru", "Dinas Pendidikan", "", "Guru", "orang", ""],
            ["Pencegahan", "1.1", "Sosialisasi", "Dinas PPPA", "", "Desa", "desa", ""]]
    r = login(admin_a).post(url("import", tf_a, plan.code), {"file": _xlsx(rows), "commit": "1"})
    html = r.content.decode()
    assert r.status_code == 400
    assert "<td>3</td><td>kode</td>" in html and "1.1 sudah dipakai" in html
    assert list(plan.activities.values_list("number", flat=True)) == ["1.1"]


def test_the_comparison_runs_a_fixed_number_of_queries(login, province_coordinator,
                                                       tf_a_province, django_assert_num_queries):
    """One district with a plan or four: the same queries (the nation's page over 553 task
    forces is measured in bench/results/rad.md)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories import task_force

    year = date.today().year
    plan_year = dict(first_year=year - 1, last_year=year + 3)

    def district_with_a_plan(code):
        plan = PlanFactory(task_force=task_force(code), in_force=True, **plan_year)
        ay = ActivityYearFactory(activity__plan=plan, year=year)
        ProgressReportFactory(activity=ay.activity, year=year, period=1)

    client = login(province_coordinator)
    district_with_a_plan("18.71")
    client.get(url("comparison", tf_a_province))  # warm sessions and caches
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url("comparison", tf_a_province)).status_code == 200
    for code in ("18.01", "18.02", "18.03"):
        district_with_a_plan(code)
    with django_assert_num_queries(len(ctx.captured_queries)):
        page = client.get(url("comparison", tf_a_province)).content.decode()
    assert page.count("RAD PP-TPPO") >= 4
