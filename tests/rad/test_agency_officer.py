"""The officer of a responsible agency reports the progress of its own activities only."""

import pytest
from django.urls import reverse

from gugus_tugas.models import Membership
from gugus_tugas.roles import Role
from rad.models import ProgressReport
from rad.services import current_period
from tests.conftest import member

from .factories import ActivityFactory, PlanFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(tf_a):
    plan = PlanFactory(task_force=tf_a, in_force=True, first_year=2024, last_year=2028)
    ActivityFactory(plan=plan, number="2.1", name="Rehabilitasi sosial korban",
                    responsible_agency="Dinas Sosial")
    ActivityFactory(plan=plan, number="5.1", name="Pelatihan penyidik",
                    responsible_agency="Polresta")
    return plan


@pytest.fixture
def officer(tf_a, admin_a, login, plan):
    user = member(tf_a, Role.AGENCY_OFFICER, "dinsos@bdl.go.id")
    membership = Membership.objects.get(user=user, task_force=tf_a)
    r = login(admin_a).post(reverse("rad:officers", args=[tf_a.code]),
                            {"membership": str(membership.code), "agency": "Dinas Sosial"})
    assert r.status_code == 302
    return user


def test_the_officer_sees_and_reports_its_agencys_activities_only(login, officer, plan, tf_a):
    client = login(officer)
    page = client.get(reverse("rad:progress", args=[tf_a.code, plan.code])).content.decode()
    assert "Rehabilitasi sosial korban" in page and "Pelatihan penyidik" not in page
    own, other = plan.activities.get(number="2.1"), plan.activities.get(number="5.1")
    year, period = current_period(plan)
    data = {"achieved": "2", "tahun": year, "periode": period, "submit": "1"}
    assert client.post(reverse("rad:progress_new", args=[tf_a.code, own.code]),
                       data).status_code == 302
    assert client.post(reverse("rad:progress_new", args=[tf_a.code, other.code]),
                       data).status_code == 403
    report = ProgressReport.objects.get()
    assert report.activity == own and report.status == "submitted"
    # accepting stays with the secretariat
    assert client.post(reverse("rad:progress_accept", args=[tf_a.code, report.code])
                       ).status_code == 403
    assert client.get(reverse("cases:list", args=[tf_a.code])).status_code == 403


def test_an_officer_without_an_agency_reports_nothing(login, tf_a, plan):
    user = member(tf_a, Role.AGENCY_OFFICER, "baru@bdl.go.id")
    page = login(user).get(reverse("rad:progress", args=[tf_a.code, plan.code])).content.decode()
    assert "belum ditetapkan" in page and "Rehabilitasi sosial korban" not in page


def test_only_agency_officers_are_given_an_agency(login, admin_a, viewer_a, tf_a):
    membership = Membership.objects.get(user=viewer_a, task_force=tf_a)
    r = login(admin_a).post(reverse("rad:officers", args=[tf_a.code]),
                            {"membership": str(membership.code), "agency": "Dinas Sosial"},
                            follow=True)
    assert "Hanya pengguna dengan peran petugas instansi" in r.content.decode()
    assert not hasattr(Membership.objects.get(pk=membership.pk), "rad_agency")


def test_another_task_forces_membership_cannot_be_named(login, admin_a, admin_b, tf_a, tf_b):
    other = Membership.objects.get(user=admin_b, task_force=tf_b)
    r = login(admin_a).post(reverse("rad:officers", args=[tf_a.code]),
                            {"membership": str(other.code), "agency": "Dinas Sosial"})
    assert r.status_code == 404


def test_a_nul_character_in_a_posted_agency_or_reason_gets_a_message_and_changes_nothing(
        login, admin_a, tf_a, officer, plan):
    """Found by the forms fuzz: text with a NUL character reached PostgreSQL (a 500)."""
    from rad.models import AgencyOfficer

    client = login(admin_a)
    membership = Membership.objects.get(user=officer, task_force=tf_a)
    r = client.post(reverse("rad:officers", args=[tf_a.code]),
                    {"membership": str(membership.code), "agency": "Dinas\x00Sosial"}, follow=True)
    assert r.status_code == 200 and "Karakter null tidak diizinkan." in r.content.decode()
    assert AgencyOfficer.objects.get(membership=membership).agency == "Dinas Sosial"
    r = client.post(reverse("rad:revise", args=[tf_a.code, plan.code]),
                    {"reason": "anggaran\x00berubah"}, follow=True)
    assert r.status_code == 200 and "Karakter null tidak diizinkan." in r.content.decode()
    plan.refresh_from_db()
    assert plan.revision == 0
