"""Inputs that once answered 500 (issue 11, fuzzed forms): each now gets a message and writes
nothing; and the error pages speak Indonesian in the site's layout."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from cases.models import Case, Victim
from gugus_tugas.models import Decree, SubTaskForce
from tests.cases.factories import CaseFactory, VictimFactory, opened
from tests.cases.test_views import entry
from tests.factories import DecreeFactory, SubTaskForceFactory
from tests.gugus_tugas.test_decrees import minimal_pdf, sk_data

pytestmark = pytest.mark.django_db

EXPANDING_NAMES = ["ŉa ŉb ŉc", "ßa ßb ßc", "ﬃ ﬃ ﬃ", "ǆ ǆ ǆ ǆ"]


@pytest.mark.parametrize("name", EXPANDING_NAMES)
def test_names_whose_capitals_expand_fit_the_initials_column(login, officer_a, tf_a, name):
    r = login(officer_a).post(reverse("cases:new", args=[tf_a.code]),
                              entry(**{"v-0-name": name, "v-0-nik": ""}))
    assert r.status_code == 302
    victim = Victim.objects.get()
    with opened():
        assert victim.name == name and len(victim.initials) <= 8


@pytest.mark.parametrize("name", EXPANDING_NAMES)
def test_a_victim_edit_with_such_a_name_is_saved(login, officer_a, tf_a, name):
    victim = VictimFactory(case=CaseFactory(task_force=tf_a), sex="P")
    r = login(officer_a).post(reverse("cases:victim_edit", args=[tf_a.code, victim.code]),
                              {"name": name, "sex": "P", "age": "20", "nationality": "WNI",
                                   "version": victim.case.version})
    assert r.status_code == 302
    victim.refresh_from_db()
    with opened():
        assert victim.name == name and len(victim.initials) <= 8


def test_a_sub_task_force_name_over_200_characters_is_refused(login, admin_a, tf_a):
    r = login(admin_a).post(reverse("decree_new", args=[tf_a.code]),
                            sk_data(sub_task_force_names="Pencegahan\n" + "x" * 201))
    assert r.status_code == 400
    assert "paling panjang 200" in str(r.context["form"].errors["sub_task_force_names"])
    assert not Decree.objects.exists() and not SubTaskForce.objects.exists()


def _broken_pdfs():
    good = minimal_pdf()
    from pypdf import PdfWriter

    out = io.BytesIO()
    writer = PdfWriter()
    writer.add_blank_page(width=100, height=100)
    writer.encrypt("rahasia")
    writer.write(out)
    return {
        "encrypted": out.getvalue(),
        "truncated": good[: len(good) // 2],
        "huge xref offset": good.replace(b"startxref\n", b"startxref\n99999999999999999999"),
        "unknown filter": b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
                          b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
                          b"3 0 obj<</Type/Page/Parent 2 0 R/Contents 4 0 R>>endobj\n"
                          b"4 0 obj<</Length 3/Filter/NoSuchDecode>>stream\nabc\nendstream endobj\n"
                          b"trailer<</Root 1 0 R/Size 5>>\n%%EOF",
        "garbage after header": b"%PDF-1.7\n" + bytes(range(256)) * 40,
    }


@pytest.mark.parametrize("kind", list(_broken_pdfs()))
def test_a_malformed_or_encrypted_pdf_scan_is_refused_with_a_message(login, admin_a, tf_a, kind):
    scan = SimpleUploadedFile("sk.pdf", _broken_pdfs()[kind], content_type="application/pdf")
    r = login(admin_a).post(reverse("decree_new", args=[tf_a.code]), {**sk_data(), "scan": scan})
    assert r.status_code == 400
    assert "PDF" in str(r.context["form"].errors["scan"])
    assert not Decree.objects.exists()


def _stf_post(decree, rows, initial=()):
    data = {"s-TOTAL_FORMS": str(len(initial) + len(rows)), "s-INITIAL_FORMS": str(len(initial)),
            "s-MIN_NUM_FORMS": "0", "s-MAX_NUM_FORMS": "1000"}
    for i, (stf, name) in enumerate(initial):
        data.update({f"s-{i}-id": str(stf.pk), f"s-{i}-name": name, f"s-{i}-order": "1"})
    for i, name in enumerate(rows, start=len(initial)):
        data.update({f"s-{i}-name": name, f"s-{i}-order": "2"})
    return data


def test_the_same_sub_task_force_submitted_twice_is_refused(login, admin_a, tf_a):
    decree = DecreeFactory(task_force=tf_a)
    existing = SubTaskForceFactory(decree=decree, name="Pencegahan", order=1)
    client = login(admin_a)
    url = reverse("decree_sub_task_forces", args=[tf_a.code, decree.code])
    for data in (_stf_post(decree, ["Data", "data"], initial=[(existing, "Pencegahan")]),
                 _stf_post(decree, ["Pencegahan"], initial=[(existing, "Pencegahan")]),
                 _stf_post(decree, ["Pencegahan"]),  # the existing row left out of the post
                 _stf_post(decree, [], initial=[(existing, "Pencegahan"), (existing, "Lain")])):
        r = client.post(url, data)
        assert r.status_code == 400 and ("tidak boleh ganda" in r.content.decode()
                                         or "dua kali" in r.content.decode())
        assert list(decree.sub_task_forces.values_list("name", flat=True)) == ["Pencegahan"]


@pytest.mark.parametrize("status,path,text", [
    (404, "/gt/18.71/kasus/00000000-0000-0000-0000-000000000000/", "Halaman tidak ditemukan"),
    (403, None, "Akses ditolak"),
])
def test_error_pages_are_indonesian_in_the_site_layout(login, viewer_a, tf_a, status, path,
                                                       text):
    client = login(viewer_a)
    if path is None:  # a viewer may not enter cases
        path = reverse("cases:new", args=[tf_a.code])
    r = client.get(path)
    html = r.content.decode()
    assert r.status_code == status and text in html
    assert 'lang="id"' in html and "/static/" in html  # the site's own layout and stylesheet


def test_the_400_page_is_indonesian(client, tf_a):
    r = client.get("/", HTTP_HOST="bad host name")
    assert r.status_code == 400 and "Permintaan tidak valid" in r.content.decode()


def test_a_form_posted_without_its_csrf_token_gets_an_indonesian_page(tf_a, admin_a):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(admin_a, backend="django.contrib.auth.backends.ModelBackend")
    r = client.post(reverse("decree_new", args=[tf_a.code]), sk_data())
    assert r.status_code == 403 and "Formulir kedaluwarsa" in r.content.decode()
    assert not Decree.objects.exists()


def test_the_500_page_renders_without_a_request_or_database(tf_a):
    from django.db import connection
    from django.template import loader
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        html = loader.get_template("500.html").render()
    assert "Terjadi kesalahan di server" in html and 'lang="id"' in html
    assert not queries.captured_queries


@override_settings(DEBUG_PROPAGATE_EXCEPTIONS=False)
def test_a_server_error_shows_the_indonesian_500_page(login, admin_a, tf_a, monkeypatch, client):
    import gugus_tugas.views

    def boom(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(gugus_tugas.views, "decree_current", boom)
    login(admin_a)
    client.raise_request_exception = False
    r = client.get(reverse("task_force_home", args=[tf_a.code]))
    assert r.status_code == 500 and "Terjadi kesalahan di server" in r.content.decode()
    assert not Case.objects.exists()
