import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_interface_is_indonesian_by_default(client):
    page = client.get(reverse("account_login")).content.decode()
    assert 'lang="id"' in page and ">Masuk<" in page.replace("\n", "").replace("  ", "")


def test_english_is_one_click_away(login, admin_a, tf_a):
    client = login(admin_a)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    page = client.get(reverse("task_force_home", args=[tf_a.code])).content.decode()
    assert 'lang="en"' in page
    assert "Record a new decree" in page and "This task force has no decree in force." in page
    assert "Catat SK baru" not in page


def test_dates_and_numbers_are_shown_the_indonesian_way(settings):
    from datetime import date

    from django.template import Context, Template
    from django.utils import translation

    with translation.override("id"):
        out = Template('{{ d|date:"j F Y" }} {{ n }} {{ f }}').render(
            Context({"d": date(2026, 11, 22), "n": 1234567, "f": 72.5}))
    assert out == "22 November 2026 1.234.567 72,5"


def test_cases_and_reports_speak_english_too(login, officer_a, coordinator_a, tf_a):
    client = login(officer_a)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    page = client.get(reverse("cases:new", args=[tf_a.code])).content.decode()
    assert "Record a case" in page and "Save and send for verification" in page
    client = login(coordinator_a)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    page = client.get(reverse("reports:dashboard", args=[tf_a.code])).content.decode()
    assert "Cases reported" in page and "Make the annual report (PDF)" in page
