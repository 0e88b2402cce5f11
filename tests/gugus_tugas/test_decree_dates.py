"""SK dates mean what they say: an SK not yet begun is "akan berlaku", the one it replaces stays
in force until its first day, pages and reports of a past year name the SK in force then."""
from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from gugus_tugas.models import Decree, DecreeMember
from gugus_tugas.selectors import decree_in_force
from tests.factories import DecreeFactory, DecreeMemberFactory

from .test_decrees import members_post, sk_data

pytestmark = pytest.mark.django_db


def test_an_sk_for_a_period_not_yet_begun_is_upcoming_and_the_current_one_stays_in_force(
    login, admin_a, tf_a
):
    today = timezone.localdate()
    current = DecreeFactory(task_force=tf_a, number="SK/LAMA", period_start=today.year - 4,
                            period_end=today.year, date_signed=date(today.year - 4, 1, 2))
    client = login(admin_a)
    response = client.post(reverse("decree_new", args=[tf_a.code]), sk_data(
        number="SK/BARU", date_signed=today.isoformat(), period_start=str(today.year + 1),
        period_end=str(today.year + 5), replaces=str(current.pk)))
    assert response.status_code == 302
    current.refresh_from_db()
    assert current.status == Decree.Status.IN_FORCE
    new = Decree.objects.get(number="SK/BARU")
    assert new.state() == Decree.UPCOMING
    assert decree_in_force(tf_a, on=today) == current
    home = client.get(reverse("task_force_home", args=[tf_a.code]))
    assert home.context["decree"] == current
    history = client.get(reverse("decree_list", args=[tf_a.code])).content.decode()
    assert "akan berlaku" in history
    # On the new SK's first day it is the one in force, and the old one reads as replaced.
    first_day = date(today.year + 1, 1, 1)
    assert decree_in_force(tf_a, on=first_day) == new
    assert new.state(first_day) == Decree.Status.IN_FORCE
    assert current.state(first_day) == Decree.Status.REPLACED


def test_decree_in_force_names_the_sk_of_the_date_asked(tf_a):
    old = DecreeFactory(task_force=tf_a, number="SK/2017", period_start=2017, period_end=2021,
                        date_signed=date(2017, 3, 1), status=Decree.Status.REPLACED)
    new = DecreeFactory(task_force=tf_a, number="SK/2022", period_start=2022, period_end=2026,
                        date_signed=date(2021, 12, 20), replaces=old)
    DecreeFactory(task_force=tf_a, number="SK/DICABUT", period_start=2019, period_end=2023,
                  date_signed=date(2019, 2, 1), status=Decree.Status.REVOKED)
    assert decree_in_force(tf_a, on=date(2016, 6, 1)) is None
    assert decree_in_force(tf_a, on=date(2019, 6, 1)) == old
    assert decree_in_force(tf_a, on=date(2021, 12, 31)) == old
    assert decree_in_force(tf_a, on=date(2022, 1, 1)) == new
    assert decree_in_force(tf_a, on=date(2027, 1, 1)) is None  # lapsed, no successor


def test_the_annual_report_of_a_past_year_names_the_sk_in_force_then(tf_a):
    from reports.rendering import report_context
    from reports.selectors import annual_figures

    DecreeFactory(task_force=tf_a, number="SK/2017", period_start=2017, period_end=2021,
                  date_signed=date(2017, 3, 1), status=Decree.Status.REPLACED)
    DecreeFactory(task_force=tf_a, number="SK/2022", period_start=2022, period_end=2099,
                  date_signed=date(2021, 12, 20))
    assert report_context(tf_a, annual_figures(tf_a, 2019))["decree"].number == "SK/2017"
    assert report_context(tf_a, annual_figures(tf_a, 2023))["decree"].number == "SK/2022"


@pytest.mark.parametrize("tf_fixture,issuer,ok", [
    ("tf_national", "presiden", True), ("tf_national", "menteri", True),
    ("tf_national", "gubernur", False), ("tf_a_province", "gubernur", True),
    ("tf_a_province", "presiden", False), ("tf_a_province", "walikota", False),
    ("tf_a", "walikota", True), ("tf_a", "bupati", True), ("tf_a", "gubernur", False),
])
def test_the_issuer_must_fit_the_level_of_the_task_force(
    request, login, tf_fixture, issuer, ok
):
    from gugus_tugas.roles import Role
    from tests.conftest import member

    tf = request.getfixturevalue(tf_fixture)
    admin = member(tf, Role.SECRETARIAT_ADMIN, f"admin.{tf.code}@contoh.id")
    response = login(admin).post(reverse("decree_new", args=[tf.code]), sk_data(issuer=issuer))
    if ok:
        assert response.status_code == 302
    else:
        assert response.status_code == 400
        assert "ditetapkan oleh" in " ".join(response.context["form"].errors["issuer"])
        assert not Decree.objects.filter(task_force=tf).exists()


def test_new_member_rows_sort_after_the_existing_ones(login, admin_a, tf_a):
    decree = DecreeFactory(task_force=tf_a)
    DecreeMemberFactory(decree=decree, position="Walikota", role="ketua", order=1)
    DecreeMemberFactory(decree=decree, position="Kepala Dinas Sosial", order=2)
    rows = [{"id": str(m.pk), "decree": str(decree.pk), "position": m.position,
             "role": m.role, "order": str(m.order)} for m in decree.members.all()]
    rows += [{"position": "Kepala Dinas Kesehatan", "role": "anggota"},
             {"position": "Kepala Bappeda", "role": "anggota", "order": ""}]
    data = members_post(decree, rows)
    data["m-INITIAL_FORMS"] = "2"
    response = login(admin_a).post(reverse("decree_members", args=[tf_a.code, decree.code]), data)
    assert response.status_code == 302, response.context["formset"].errors
    assert list(DecreeMember.objects.filter(decree=decree).values_list("position", flat=True)) == [
        "Walikota", "Kepala Dinas Sosial", "Kepala Dinas Kesehatan", "Kepala Bappeda"]


def test_every_member_input_has_a_label(login, admin_a, tf_a):
    decree = DecreeFactory(task_force=tf_a)
    page = login(admin_a).get(reverse("decree_members", args=[tf_a.code, decree.code]))
    html = page.content.decode()
    assert html.count('class="cell-label" for="id_m-0-') == 7  # six fields and "hapus"
