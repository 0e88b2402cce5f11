"""The new-case form on a phone and a slow line: light HTML, regions and countries typed with
suggestions, no preselected facts, an error summary, a draft kept on the server, compression."""

import gzip
import re

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from cases.models import Case, CaseDraft
from gugus_tugas.roles import Role
from tests.conftest import log_in, member

from .factories import opened
from .test_views import entry

pytestmark = pytest.mark.django_db


def new_url(tf):
    return reverse("cases:new", args=[tf.code])


def test_the_form_is_light_and_carries_no_list_of_regions(login, officer_a, tf_a):
    html = login(officer_a).get(new_url(tf_a)).content.decode()
    assert len(html.encode()) <= 60_000
    biggest = max(len(re.findall(r"<option", s)) for s in re.findall(r"<select.*?</select>", html,
                                                                      re.S))
    assert biggest < 30  # the short lists (sex, education...) only
    assert 'data-suggest="regions"' in html and 'data-suggest="countries"' in html


def test_nothing_is_preselected(login, officer_a, tf_a):
    html = login(officer_a).get(new_url(tf_a)).content.decode()
    sex = re.search(r'<select name="v-0-sex".*?</select>', html, re.S).group(0)
    assert re.findall(r'<option value="([^"]*)" selected', sex) == [""]  # the empty choice
    for name in ("incident_country", "destination_country", "v-0-nationality"):
        field = re.search(rf'<input[^>]*name="{name}"[^>]*>', html).group(0)
        assert "value=" not in field, field
    assert "Indonesia" not in re.search(r'<input[^>]*name="v-0-nationality"[^>]*>', html).group(0)


def test_sex_and_nationality_must_be_chosen(login, officer_a, tf_a):
    r = login(officer_a).post(new_url(tf_a), entry(**{"v-0-sex": "", "v-0-nationality": ""}))
    assert r.status_code == 400 and not Case.objects.exists()
    html = r.content.decode()
    assert 'href="#id_v-0-sex"' in html and 'href="#id_v-0-nationality"' in html


@pytest.mark.parametrize("typed", ["18.71", "Kota Bandar Lampung (18.71)", "kota bandar lampung"])
def test_a_region_is_taken_as_code_suggestion_or_name(login, officer_a, tf_a, typed):
    r = login(officer_a).post(new_url(tf_a), entry(
        incident_region=typed, destination_country="Malaysia (MY)",
        **{"v-0-origin_region": "Provinsi Riau (14)", "v-0-nationality": "Indonesia (ID)"}))
    assert r.status_code == 302
    case = Case.objects.get()
    assert case.incident_region_id == "18.71"
    assert case.route.get(kind="destination").country == "MY"
    victim = case.victims.get()
    assert victim.origin_region_id == "14" and victim.nationality == "WNI"


@pytest.mark.parametrize("field,typed", [("incident_region", "Atlantis"),
                                         ("incident_region", "Lampung Selatan Utara"),
                                         ("destination_country", "Narnia")])
def test_an_unknown_place_is_refused_with_a_message(login, officer_a, tf_a, field, typed):
    r = login(officer_a).post(new_url(tf_a), entry(**{field: typed}))
    assert r.status_code == 400 and not Case.objects.exists()
    assert "tidak dikenal" in r.content.decode()
    assert typed in r.content.decode()  # what was typed stays


def test_suggestions_match_what_is_typed(login, officer_a, tf_a):
    client = login(officer_a)
    url = reverse("cases:suggest_regions", args=[tf_a.code])
    r = client.get(url, {"q": "lamp"}, HTTP_HX_REQUEST="true")
    options = re.findall(r'<option value="([^"]+)">', r.content.decode())
    assert 0 < len(options) <= 20
    assert "Kota Bandar Lampung (18.71)" in options and "Provinsi Lampung (18)" in options
    assert all("lamp" in o.lower() for o in options)
    r = client.get(reverse("cases:suggest_countries", args=[tf_a.code]), {"q": "malay"},
                   HTTP_HX_REQUEST="true")
    assert re.findall(r'<option value="([^"]+)">', r.content.decode()) == ["Malaysia (MY)"]


def test_without_javascript_the_list_is_a_page_of_its_own(login, officer_a, tf_a):
    r = login(officer_a).get(reverse("cases:suggest_regions", args=[tf_a.code]), {"q": "bandar"})
    html = r.content.decode()
    assert r.status_code == 200 and "<table" in html and "<code>18.71</code>" in html
    form = login(officer_a).get(new_url(tf_a)).content.decode()
    assert reverse("cases:suggest_regions", args=[tf_a.code]) in form  # linked in <noscript>


def test_a_refused_form_opens_on_a_summary_linking_each_error(login, officer_a, tf_a):
    r = login(officer_a).post(new_url(tf_a), entry(**{"report_date": "", "v-0-name": ""}))
    html = r.content.decode()
    summary = re.search(r'<div class="error-summary".*?</div>', html, re.S).group(0)
    assert 'tabindex="-1"' in summary and "data-focus-on-load" in summary
    links = re.findall(r'href="#([^"]+)"', summary)
    assert links == ["id_report_date", "id_v-0-name"]  # in the order of the page
    for target in links:
        assert f'id="{target}"' in html
    assert html.index("error-summary") < html.index('name="report_date"')
    # a fresh form has none
    assert "error-summary" not in login(officer_a).get(new_url(tf_a)).content.decode()


def draft_post(client, tf, **data):
    return client.post(reverse("cases:draft", args=[tf.code]), data, HTTP_HX_REQUEST="true")


def test_a_draft_is_kept_encrypted_restored_and_deleted_on_save(login, officer_a, tf_a):
    client = login(officer_a)
    r = draft_post(client, tf_a, **{"report_date": "2024-03-05", "v-0-name": "Siti Aminah",
                                    "incident_region": "Kota Bandar Lampung (18.71)",
                                    "exploitation": ["kerja_paksa"], "v-TOTAL_FORMS": "1"})
    assert r.status_code == 200 and "Draf tersimpan" in r.content.decode()
    with connection.cursor() as cursor:
        cursor.execute("SELECT data FROM cases_casedraft")
        (stored,) = cursor.fetchone()
    assert "Siti" not in stored and "Lampung" not in stored
    # the connection dropped: opening the form again gives back what was typed
    html = client.get(new_url(tf_a)).content.decode()
    assert 'value="Siti Aminah"' in html and 'value="2024-03-05"' in html
    assert 'value="Kota Bandar Lampung (18.71)"' in html
    assert re.search(r'value="kerja_paksa"[^>]*checked', html)
    assert "dipulihkan dari draf" in html
    # submitted: the case is saved and the draft is gone
    assert client.post(new_url(tf_a), entry()).status_code == 302
    assert not CaseDraft.objects.exists()
    assert "Siti Aminah" not in client.get(new_url(tf_a)).content.decode()


def test_a_restored_draft_can_be_submitted_unchanged(login, officer_a, tf_a):
    client = login(officer_a)
    data = entry()
    draft_post(client, tf_a, **data)
    html = client.get(new_url(tf_a)).content.decode()
    assert 'name="v-INITIAL_FORMS" value="0"' in html
    assert client.post(new_url(tf_a), data).status_code == 302
    with opened():
        assert Case.objects.get().victims.get().name == "Siti Aminah"


def test_a_late_save_from_a_form_already_saved_does_not_bring_the_draft_back(
        login, officer_a, tf_a):
    client = login(officer_a)
    key = re.search(r'name="draft_key" value="([0-9a-f]+)"',
                    client.get(new_url(tf_a)).content.decode()).group(1)
    assert client.post(new_url(tf_a), entry(draft_key=key)).status_code == 302
    # the change event of the last field, sent alongside the submit, arrives after it
    r = draft_post(client, tf_a, draft_key=key, **{"v-0-name": "Siti Aminah"})
    assert r.status_code == 204 and not CaseDraft.objects.exists()
    # a new form (a new key) keeps its drafts again
    fresh = re.search(r'name="draft_key" value="([0-9a-f]+)"',
                      client.get(new_url(tf_a)).content.decode()).group(1)
    assert fresh != key
    assert draft_post(client, tf_a, draft_key=fresh, **{"v-0-name": "Rina"}).status_code == 200
    assert CaseDraft.objects.count() == 1


def test_nobody_else_sees_a_draft(login, officer_a, tf_a, tf_b):
    draft_post(login(officer_a), tf_a, **{"v-0-name": "Siti Aminah"})
    colleague = member(tf_a, Role.DATA_OFFICER, "petugas2.a@contoh.id", mfa=True)
    other = Client()
    log_in(other, colleague)
    assert "Siti Aminah" not in other.get(new_url(tf_a)).content.decode()
    # nor does the same person in another task force
    member_b = member(tf_b, Role.DATA_OFFICER, "petugas.a2@contoh.id", mfa=True)
    log_in(other, member_b)
    assert "Siti Aminah" not in other.get(new_url(tf_b)).content.decode()
    assert CaseDraft.objects.get().user == officer_a


def test_only_those_who_enter_cases_keep_drafts(login, viewer_a, tf_a):
    r = draft_post(login(viewer_a), tf_a, **{"v-0-name": "Siti Aminah"})
    assert r.status_code == 403 and not CaseDraft.objects.exists()


def test_an_oversized_draft_is_refused(login, officer_a, tf_a):
    r = draft_post(login(officer_a), tf_a, narrative="x" * 200_000)
    assert r.status_code == 400 and not CaseDraft.objects.exists()


def test_the_form_is_served_compressed_when_asked(login, officer_a, tf_a):
    client = login(officer_a)
    r = client.get(new_url(tf_a), HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert r.headers["Content-Encoding"] == "gzip"
    html = gzip.decompress(r.content).decode()
    assert "Catat kasus" in html and len(r.content) < len(html.encode()) / 3
    plain = client.get(new_url(tf_a))
    assert "Content-Encoding" not in plain.headers
