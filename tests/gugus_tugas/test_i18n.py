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


def test_an_english_browser_still_gets_indonesian(client, login, admin_a, tf_a):
    page = client.get(reverse("account_login"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert 'lang="id"' in page.content.decode() and page["Content-Language"] == "id"
    client = login(admin_a)
    page = client.get(reverse("task_force_home", args=[tf_a.code]),
                      HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert 'lang="id"' in page and "Catat SK baru" in page


def test_the_chosen_language_is_kept_on_the_profile_across_logout_and_login(client, admin_a,
                                                                            tf_a):
    from tests.conftest import log_in

    log_in(client, admin_a)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    admin_a.refresh_from_db()
    assert admin_a.language == "en"
    client.post(reverse("account_logout"))
    client.cookies.clear()  # another browser, or the cookie gone
    log_in(client, admin_a)
    page = client.get(reverse("task_force_home", args=[tf_a.code])).content.decode()
    assert 'lang="en"' in page and "Record a new decree" in page


def test_selects_offer_a_meaningful_empty_choice(login, admin_a, tf_a):
    page = login(admin_a).get(reverse("decree_new", args=[tf_a.code])).content.decode()
    assert "---------" not in page
    assert "— pilih —" in page


def test_the_mayor_is_written_wali_kota():
    from gugus_tugas.models import Decree

    assert dict(Decree.Issuer.choices)["walikota"] == "Wali Kota"


def test_a_request_in_english_leaves_the_next_work_on_its_thread_in_indonesian(login, admin_a,
                                                                               tf_a):
    """A worker thread (or a task run after a request) must not inherit the last person's
    language: a message written after an English page is still Indonesian."""
    from django.utils import translation

    client = login(admin_a)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    page = client.get(reverse("task_force_home", args=[tf_a.code])).content.decode()
    assert 'lang="en"' in page
    assert translation.get_language() == "id"
    message = "Hanya kegiatan RAD yang dapat mendukung kegiatan RAN."
    assert translation.gettext(message) == message
    with translation.override("en"):  # the message is translated: the check above can fail
        assert translation.gettext(message) == "Only RAD activities can support a RAN activity."
