"""A province or the nation sees the cases held below it de-identified: sex and age group, never
names, initials or NIK, and never a link into the record."""

from datetime import date

import pytest
from django.urls import reverse

from cases.models import CaseAccess
from tests.factories import task_force

from .factories import CaseFactory, VictimFactory

pytestmark = pytest.mark.django_db


def held_case(tf, *, status="verified", name="Siti Aminah", initials="SA",
              report_date=date(2024, 4, 2), **kw):
    case = CaseFactory(task_force=tf, status=status, report_date=report_date, **kw)
    VictimFactory(case=case, name=name, initials=initials, sex="P", age_at_incident=15,
                  age_group="13-17", is_child=True)
    return case


def test_a_province_lists_its_districts_cases_without_identities(login, province_coordinator,
                                                                   tf_a, tf_b):
    mine = held_case(tf_a)
    draft = held_case(tf_a, status="draft")
    elsewhere = held_case(tf_b)  # another province's district
    body = login(province_coordinator).get(reverse("cases:below", args=["18"])).content.decode()
    assert mine.register_number in body and tf_a.name in body and "P 13-17" in body
    assert draft.register_number not in body and elsewhere.register_number not in body
    assert "Siti Aminah" not in body and ">SA" not in body and "SA (" not in body
    assert reverse("cases:detail", args=["18", mine.code]) not in body


def test_a_case_two_districts_hold_is_listed_once(login, province_coordinator, tf_a):
    case = held_case(tf_a)
    CaseAccess.objects.create(case=case, task_force=task_force("18.04"), kind="receiver")
    body = login(province_coordinator).get(reverse("cases:below", args=["18"])).content.decode()
    assert body.count(case.register_number) == 1 and "1 kasus" in body


def test_the_nation_sees_every_province_and_district(login, national_coordinator, tf_a, tf_b):
    cases = [held_case(tf_a), held_case(tf_b), held_case(task_force("18"))]
    body = login(national_coordinator).get(reverse("cases:below", args=["nasional"])).content.decode()
    assert all(c.register_number in body for c in cases)


def test_a_district_has_nothing_below(login, officer_a, tf_a):
    held_case(tf_a)
    assert login(officer_a).get(reverse("cases:below", args=[tf_a.code])).status_code == 404


def test_the_filters_apply(login, province_coordinator, tf_a):
    verified, submitted = held_case(tf_a), held_case(tf_a, status="submitted")
    url = reverse("cases:below", args=["18"]) + "?status=submitted"
    body = login(province_coordinator).get(url).content.decode()
    assert submitted.register_number in body and verified.register_number not in body


def test_a_long_list_says_more_than_the_cap_and_pages_up_to_it(
        login, national_coordinator, tf_a, monkeypatch):
    """The nation's list is not counted to the end (500,000 cases): past the cap it says "more
    than" and offers the pages up to it, newest first; below the cap the count is exact."""
    from cases import views

    cases = [held_case(tf_a, report_date=date(2024, 1, d)) for d in range(1, 8)]
    client = login(national_coordinator)
    url = reverse("cases:below", args=["nasional"])
    monkeypatch.setattr(views, "PAGE_SIZE", 2)
    monkeypatch.setattr(views, "BELOW_COUNT_CAP", 4)
    body = client.get(url).content.decode()
    assert "Lebih dari 4 kasus; saring" in body and "Halaman 1 dari 2+" in body
    assert cases[6].register_number in body and cases[5].register_number in body
    assert cases[4].register_number not in body
    last = client.get(url + "?page=9").content.decode()  # past the cap: the last page offered
    assert cases[4].register_number in last and cases[3].register_number in last
    assert cases[2].register_number not in last
    filtered = client.get(url + "?status=verified&year=2024").content.decode()
    assert "Lebih dari 4" in filtered
    monkeypatch.setattr(views, "BELOW_COUNT_CAP", 10)
    exact = client.get(url).content.decode()
    assert "7 kasus" in exact and "Lebih dari" not in exact and "Halaman 1 dari 4<" in exact
