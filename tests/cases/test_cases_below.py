"""A province or the nation sees the cases held below it de-identified: sex and age group, never
names, initials or NIK, and never a link into the record."""

from datetime import date

import pytest
from django.urls import reverse

from cases.models import CaseAccess
from tests.factories import task_force

from .factories import CaseFactory, VictimFactory

pytestmark = pytest.mark.django_db


def held_case(tf, *, status="verified", name="Siti Aminah", initials="SA", **kw):
    case = CaseFactory(task_force=tf, status=status, report_date=date(2024, 4, 2), **kw)
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
