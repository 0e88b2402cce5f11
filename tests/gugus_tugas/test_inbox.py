"""The home page's inbox: what waits for each person, and the count in the navigation."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from cases import services as case_services
from gugus_tugas.inbox import inbox_for
from gugus_tugas.models import Membership
from gugus_tugas.roles import Role
from tests.cases.factories import CaseFactory, ReferralFactory
from tests.conftest import member
from tests.factories import DecreeFactory
from tests.meetings.factories import RecommendationFactory
from tests.rad.factories import ActivityFactory, PlanFactory

pytestmark = pytest.mark.django_db


def _membership(user, tf):
    return Membership.objects.select_related("task_force").get(user=user, task_force=tf)


def _returned_case(tf, officer, verifier):
    case = CaseFactory(task_force=tf, created_by=officer)
    case_services.case_return(case=case, task_force=tf, acting_user=verifier,
                              reason="Tanggal kejadian belum diisi", version=case.version)
    return case


def test_a_returned_case_waits_for_the_officer_who_entered_it(login, officer_a, verifier_a, tf_a):
    case = _returned_case(tf_a, officer_a, verifier_a)
    other = member(tf_a, Role.DATA_OFFICER, "petugas.lain@contoh.id", mfa=True)

    page = login(officer_a).get(reverse("task_force_home", args=[tf_a.code])).content.decode()
    assert 'data-testid="inbox-returned"' in page
    assert case.register_number in page and "Tanggal kejadian belum diisi" in page
    assert 'data-testid="inbox-count"' in page  # the navigation's badge

    assert inbox_for(user=other, membership=_membership(other, tf_a)).returned_count == 0


def test_the_verifier_sees_the_queue_without_her_own_cases(verifier_a, officer_a, tf_a):
    theirs = CaseFactory(task_force=tf_a, created_by=officer_a)
    CaseFactory(task_force=tf_a, created_by=verifier_a)  # four eyes: not hers to verify
    edited = CaseFactory(task_force=tf_a, created_by=officer_a, editors=[verifier_a.pk])
    inbox = inbox_for(user=verifier_a, membership=_membership(verifier_a, tf_a))
    assert [c.pk for c in inbox.to_verify] == [theirs.pk]
    assert inbox.to_verify_count == 1
    tf_a.allow_self_verification = True
    tf_a.save(update_fields=["allow_self_verification"])
    inbox = inbox_for(user=verifier_a, membership=_membership(verifier_a, tf_a))
    assert inbox.to_verify_count == 3 and edited in inbox.to_verify


def test_a_pending_referral_waits_for_the_receiver_not_the_sender(tf_a, tf_b, admin_b, admin_a):
    referral = ReferralFactory(case=CaseFactory(task_force=tf_a), to_task_force=tf_b)
    assert inbox_for(user=admin_b, membership=_membership(admin_b, tf_b)).referrals == [referral]
    assert inbox_for(user=admin_a, membership=_membership(admin_a, tf_a)).referrals_count == 0
    referral.status = referral.Status.ACCEPTED
    referral.save()
    assert inbox_for(user=admin_b, membership=_membership(admin_b, tf_b)).referrals_count == 0


def test_the_admin_is_told_of_the_expiring_sk_due_recommendations_and_rad(admin_a, viewer_a,
                                                                          tf_a):
    today = timezone.localdate()
    DecreeFactory(task_force=tf_a, period_start=today.year - 4, period_end=today.year,
                  date_signed=today.replace(year=today.year - 4))
    late = RecommendationFactory(meeting__task_force=tf_a, due_date=today - timedelta(days=3))
    RecommendationFactory(meeting__task_force=tf_a, due_date=today + timedelta(days=200))
    plan = PlanFactory(task_force=tf_a, in_force=True, first_year=today.year - 1,
                       last_year=today.year + 3)
    ActivityFactory(plan=plan)
    inbox = inbox_for(user=admin_a, membership=_membership(admin_a, tf_a))
    assert inbox.decree is not None and inbox.decree_days_left <= 90
    assert inbox.recommendations == [late] and inbox.overdue_count == 1
    assert inbox.rad_due_count == 1
    assert inbox.total == 3
    # the viewer has nothing to do
    assert inbox_for(user=viewer_a, membership=_membership(viewer_a, tf_a)).empty


@pytest.mark.parametrize("n", [1, 4])
def test_the_inbox_takes_a_fixed_number_of_queries(django_assert_num_queries, verifier_a,
                                                   officer_a, tf_a, tf_b, n):
    for _ in range(n):
        _returned_case(tf_a, verifier_a, officer_a)  # returned to the verifier, who entered it
        CaseFactory(task_force=tf_a, created_by=officer_a)
        ReferralFactory(case=CaseFactory(task_force=tf_b), to_task_force=tf_a)
    membership = _membership(verifier_a, tf_a)
    with django_assert_num_queries(3):  # returned, to verify, referrals
        inbox = inbox_for(user=verifier_a, membership=membership)
        assert (inbox.returned_count, inbox.to_verify_count, inbox.referrals_count) == (n, n, n)


def test_the_badge_is_loaded_on_other_pages(login, officer_a, verifier_a, tf_a):
    _returned_case(tf_a, officer_a, verifier_a)
    client = login(officer_a)
    page = client.get(reverse("cases:list", args=[tf_a.code])).content.decode()
    assert reverse("inbox_badge", args=[tf_a.code]) in page
    badge = client.get(reverse("inbox_badge", args=[tf_a.code])).content.decode()
    assert 'data-testid="inbox-count"' in badge and ">1</span>" in badge



def _decrees(tf, today, *, upcoming):
    """The SK in force ending this year and, when asked, the next one already recorded."""
    current = DecreeFactory(task_force=tf, period_start=today.year - 4, period_end=today.year,
                            date_signed=today.replace(year=today.year - 4), number="SK/lama")
    nxt = None
    for i in range(upcoming):
        nxt = DecreeFactory(task_force=tf, period_start=today.year + 1 + i,
                            period_end=today.year + 5 + i, date_signed=today, number=f"SK/baru/{i}")
    return current, nxt


def test_an_upcoming_sk_is_announced_with_its_first_day_to_who_manages_sks(login, admin_a,
                                                                           viewer_a, tf_a):
    today = timezone.localdate()
    current, upcoming = _decrees(tf_a, today, upcoming=1)
    inbox = inbox_for(user=admin_a, membership=_membership(admin_a, tf_a))
    assert inbox.upcoming_decree == upcoming and inbox.current_decree == current
    # the SK in force ends, but its successor is recorded: nothing to do about it
    assert inbox.decree is None and inbox.total == 0 and not inbox.empty
    page = login(admin_a).get(reverse("task_force_home", args=[tf_a.code])).content.decode()
    start = f"1 Januari {today.year + 1}"
    assert 'data-testid="inbox-decree-upcoming"' in page
    assert f"SK baru akan berlaku mulai {start}" in page and "SK/baru/0" in page
    assert "Sampai hari itu SK SK/lama tetap berlaku." in page
    assert 'data-testid="inbox-decree"' not in page
    viewer_page = login(viewer_a).get(reverse("task_force_home", args=[tf_a.code])).content.decode()
    assert 'data-testid="inbox-decree-upcoming"' not in viewer_page


def test_without_a_successor_the_ending_sk_is_still_a_task(admin_a, tf_a):
    _decrees(tf_a, timezone.localdate(), upcoming=0)
    inbox = inbox_for(user=admin_a, membership=_membership(admin_a, tf_a))
    assert inbox.decree is not None and inbox.upcoming_decree is None and inbox.total == 1


@pytest.mark.parametrize("upcoming", [1, 3])
def test_the_sks_take_one_query_however_many_wait(django_assert_num_queries, admin_a, tf_a,
                                                  upcoming):
    today = timezone.localdate()
    _, first = _decrees(tf_a, today, upcoming=upcoming)
    membership = _membership(admin_a, tf_a)
    with django_assert_num_queries(4):  # referrals, SKs, recommendations, the RAD plan
        inbox = inbox_for(user=admin_a, membership=membership)
    assert inbox.upcoming_decree.number == "SK/baru/0"  # the first to begin
