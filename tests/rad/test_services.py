"""Writes of the action plans: bad input gets an Indonesian message and changes nothing."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from gugus_tugas.models import AuditEvent
from rad import services
from rad.models import ActionPlan, Activity, ActivityYear, ProgressReport
from rad.numbers import AmountError, parse_amount, rupiah

from .factories import ActivityFactory, ActivityYearFactory, PlanFactory, ProgressReportFactory

pytestmark = pytest.mark.django_db


def activity_data(**overrides):
    data = {"cluster": "Pencegahan", "number": "1.1", "name": "Sosialisasi di sekolah",
            "responsible_agency": "Dinas Pendidikan", "supporting_agencies": "Dinas PPPA",
            "indicator": "Sekolah yang disosialisasi", "unit": "sekolah", "baseline": "4"}
    data.update(overrides)
    return data


def messages_of(error: ValidationError) -> str:
    return " ".join(m for ms in error.message_dict.values() for m in ms)


@pytest.mark.parametrize("text,rupiah_,expected", [
    ("Rp 1.250.000", True, Decimal(1250000)), ("1250000", True, Decimal(1250000)),
    ("12,5", False, Decimal("12.5")), ("1.250", False, Decimal(1250)), (7, False, Decimal(7)),
])
def test_amounts_are_read_the_indonesian_way(text, rupiah_, expected):
    assert parse_amount(text, rupiah=rupiah_) == expected


@pytest.mark.parametrize("text,message", [("-5", "negatif"), ("sepuluh", "bukan angka"),
                                          ("12,50,3", "bukan angka")])
def test_bad_amounts_are_refused_in_indonesian(text, message):
    with pytest.raises(AmountError, match=message):
        parse_amount(text)


def test_rupiah_is_written_with_dots():
    assert rupiah(Decimal(1250000)) == "Rp 1.250.000"


def test_a_district_plan_is_a_rad_and_the_nations_a_ran(tf_a, tf_national, admin_a):
    data = {"title": "RAD", "first_year": 2022, "last_year": 2026}
    assert services.plan_create(task_force=tf_a, data=data, acting_user=admin_a).kind == "rad"
    assert services.plan_create(task_force=tf_national, data=data,
                                acting_user=admin_a).kind == "ran"
    assert AuditEvent.objects.filter(task_force=tf_a, action="rad.plan.create").count() == 1


def test_a_period_longer_than_ten_years_is_refused(tf_a, admin_a):
    with pytest.raises(ValidationError) as e:
        services.plan_create(task_force=tf_a, data={"title": "RAD", "first_year": 2020,
                                                    "last_year": 2030}, acting_user=admin_a)
    assert "paling lama 10 tahun" in messages_of(e.value)
    assert not ActionPlan.objects.exists()


def test_a_scan_that_is_not_a_pdf_is_refused(tf_a, admin_a):
    fake = SimpleUploadedFile("pergub.pdf", b"MZ not a pdf", content_type="application/pdf")
    with pytest.raises(ValidationError) as e:
        services.plan_create(task_force=tf_a, data={"title": "RAD", "first_year": 2022,
                                                    "last_year": 2026}, scan=fake,
                             acting_user=admin_a)
    assert "bukan PDF" in messages_of(e.value)
    assert not ActionPlan.objects.exists()


def test_a_target_for_a_year_outside_the_period_changes_nothing(tf_a, admin_a):
    plan = PlanFactory(task_force=tf_a)
    with pytest.raises(ValidationError) as e:
        services.activity_create(plan=plan, data=activity_data(), acting_user=admin_a,
                                 years={2023: {"target": "5"}, 2027: {"target": "5"}})
    assert "Tahun 2027 di luar periode rencana aksi (2022–2026)" in messages_of(e.value)
    assert not Activity.objects.exists() and not ActivityYear.objects.exists()


@pytest.mark.parametrize("years,message", [
    ({2023: {"target": "-3"}}, "Tidak boleh negatif"),
    ({2023: {"target": "lima"}}, "bukan angka"),
    ({2023: {"target": "5", "budget": "Rp -1.000"}}, "Tidak boleh negatif"),
    ({2023: {"target": "5", "budget": "seratus juta"}}, "bukan angka"),
    ({2023: {"target": "5", "budget_source": "pinjaman"}}, "tidak dikenal"),
])
def test_negative_or_non_numeric_amounts_change_nothing(tf_a, admin_a, years, message):
    plan = PlanFactory(task_force=tf_a)
    with pytest.raises(ValidationError) as e:
        services.activity_create(plan=plan, data=activity_data(), years=years,
                                 acting_user=admin_a)
    assert message in messages_of(e.value)
    assert not Activity.objects.exists()


def test_a_plan_cannot_shrink_its_period_past_its_targets(tf_a, admin_a):
    ay = ActivityYearFactory(activity__plan__task_force=tf_a, year=2026)
    with pytest.raises(ValidationError) as e:
        services.plan_update(plan=ay.activity.plan, data={"last_year": 2025},
                             acting_user=admin_a)
    assert "2026" in messages_of(e.value)
    ay.activity.plan.refresh_from_db()
    assert ay.activity.plan.last_year == 2026


def _advance_to_force(plan, user):
    while plan.status != ActionPlan.Status.IN_FORCE:
        plan = services.plan_advance(plan=plan, acting_user=user)
    return plan


def test_a_plan_goes_through_review_enactment_and_into_force(tf_a, admin_a):
    plan = ActivityFactory(plan__task_force=tf_a).plan
    plan = _advance_to_force(plan, admin_a)
    assert plan.legal_review_at and plan.enacted_at and plan.in_force_at


def test_a_plan_is_not_enacted_without_its_legal_basis(tf_a, admin_a):
    plan = ActivityFactory(plan__task_force=tf_a, plan__legal_number="").plan
    plan = services.plan_advance(plan=plan, acting_user=admin_a)
    with pytest.raises(ValidationError, match="dasar hukum"):
        services.plan_advance(plan=plan, acting_user=admin_a)
    plan.refresh_from_db()
    assert plan.status == ActionPlan.Status.LEGAL_REVIEW


def test_a_second_plan_in_force_for_overlapping_years_is_refused(tf_a, admin_a):
    current = ActivityFactory(plan__task_force=tf_a, plan__in_force=True).plan
    overlapping = ActivityFactory(plan__task_force=tf_a, plan__first_year=2025,
                                  plan__last_year=2029,
                                  plan__status=ActionPlan.Status.ENACTED).plan
    with pytest.raises(ValidationError) as e:
        services.plan_advance(plan=overlapping, acting_user=admin_a)
    assert "bertumpang tindih" in " ".join(e.value.messages)
    overlapping.refresh_from_db(), current.refresh_from_db()
    assert overlapping.status == "enacted" and current.status == "in_force"


def test_a_successor_after_the_period_finishes_the_old_plan(tf_a, admin_a):
    old = ActivityFactory(plan__task_force=tf_a, plan__in_force=True, plan__first_year=2018,
                          plan__last_year=2021).plan
    new = ActivityFactory(plan__task_force=tf_a, plan__status="enacted").plan
    services.plan_advance(plan=new, acting_user=admin_a)
    old.refresh_from_db()
    assert old.status == "finished" and old.finished_at is not None


def test_a_revision_keeps_the_earlier_targets_in_the_history(tf_a, admin_a):
    plan = PlanFactory(task_force=tf_a, in_force=True)
    activity = services.activity_create(plan=plan, data=activity_data(), acting_user=admin_a,
                                        years={2024: {"target": "10", "budget": "50.000.000"}})
    services.plan_revise(plan=plan, reason="Penyesuaian APBD perubahan", acting_user=admin_a)
    activity.refresh_from_db()
    services.activity_update(activity=activity, data=activity_data(), acting_user=admin_a,
                             years={2024: {"target": "8", "budget": "40.000.000"}})
    history = list(ActivityYear.history.filter(activity_id=activity.pk, year=2024)
                   .order_by("history_date"))
    assert [(h.target, h.budget) for h in history] == [(Decimal(10), Decimal(50_000_000)),
                                                        (Decimal(8), Decimal(40_000_000))]
    assert history[-1].history_change_reason == "revisi 1"


def report(activity, user, **kw):
    args = {"year": 2023, "period": 2, "data": {"achieved": "3", "spent": "Rp 10.000.000"},
            "acting_user": user, "submit": True, "today": date(2024, 1, 10)}
    args.update(kw)
    return services.progress_report_save(activity=activity, **args)


def test_progress_for_a_period_not_yet_started_is_refused(tf_a, admin_a):
    activity = ActivityYearFactory(activity__plan__task_force=tf_a,
                                   activity__plan__in_force=True, year=2024).activity
    with pytest.raises(ValidationError) as e:
        report(activity, admin_a, year=2024, period=3, today=date(2024, 5, 20))
    assert "Triwulan III 2024 belum dimulai" in messages_of(e.value)
    assert not ProgressReport.objects.exists()


def test_progress_with_a_negative_value_is_refused(tf_a, admin_a):
    activity = ActivityYearFactory(activity__plan__task_force=tf_a,
                                   activity__plan__in_force=True).activity
    with pytest.raises(ValidationError) as e:
        report(activity, admin_a, data={"achieved": "-1", "spent": "abc"})
    text = messages_of(e.value)
    assert "Capaian: Tidak boleh negatif" in text and "bukan angka" in text
    assert not ProgressReport.objects.exists()


def test_spending_above_the_plan_is_kept_and_flagged(tf_a, admin_a):
    ay = ActivityYearFactory(activity__plan__task_force=tf_a, activity__plan__in_force=True,
                             year=2023, budget=Decimal(15_000_000))
    first = report(ay.activity, admin_a, period=1, data={"achieved": "1", "spent": "10.000.000"})
    second = report(ay.activity, admin_a, period=2, data={"achieved": "1", "spent": "6.000.000"})
    assert not first.over_budget and second.over_budget
    assert AuditEvent.objects.filter(action="rad.progress.submit").count() == 2


def test_a_period_is_reported_once_and_returned_reports_can_be_corrected(tf_a, admin_a):
    activity = ActivityYearFactory(activity__plan__task_force=tf_a,
                                   activity__plan__in_force=True).activity
    r = report(activity, admin_a)
    with pytest.raises(ValidationError, match="sudah dilaporkan"):
        report(activity, admin_a)
    with pytest.raises(ValidationError):
        services.progress_report_return(report=r, reason="  ", acting_user=admin_a)
    services.progress_report_return(report=r, reason="Bukti tidak terbaca", acting_user=admin_a)
    r = report(activity, admin_a, data={"achieved": "4", "spent": "0"})
    assert r.status == "submitted" and r.achieved == 4 and r.return_reason == ""
    services.progress_report_accept(report=r, acting_user=admin_a)
    r.refresh_from_db()
    assert r.status == "accepted" and r.reviewed_by == admin_a


def test_only_submitted_reports_are_accepted(tf_a, admin_a):
    r = ProgressReportFactory(activity__plan__task_force=tf_a, status="draft")
    with pytest.raises(ValidationError):
        services.progress_report_accept(report=r, acting_user=admin_a)
