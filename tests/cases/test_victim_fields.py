"""One builder of a victim's stored fields (`cases.validation.victim_fields`) for the entry form
and the import: the same person typed in either way is stored the same way, and the same NIK
rule refuses the same contradiction."""

import pytest
from django.urls import reverse

from cases.models import Victim
from tests.cases.factories import opened
from tests.cases.test_import_export import as_csv, imp
from tests.cases.test_views import entry

pytestmark = pytest.mark.django_db

DERIVED = ["initials", "sex", "birth_date", "age_at_incident", "age_group", "is_child",
           "nik_hash", "identity_hash", "name", "nik"]


def test_the_form_and_the_import_store_the_same_fields(login, officer_a, tf_a):
    login(officer_a).post(reverse("cases:new", args=[tf_a.code]), entry(**{
        "v-0-name": "  siti  aminah <b>putri</b> ", "v-0-nik": "1871014506070002"}))
    typed = Victim.objects.get()
    row = ["18.71/2024/0099", "2024-03-05", "2024-02-20", "18.71", "  siti  aminah <b>putri</b> ",
           "1871014506070002", "P", "2007-06-05", "", "18.71", "", "MY", "kerja_paksa",
           "pengaduan"]
    assert imp(tf_a, as_csv([row])).ok
    imported = Victim.objects.exclude(pk=typed.pk).get()
    with opened():
        assert {f: getattr(imported, f) for f in DERIVED} == {f: getattr(typed, f) for f in DERIVED}
    assert typed.initials == "S.A.P." and typed.is_child and typed.age_group == "13-17"


@pytest.mark.parametrize("overrides,message", [
    ({"v-0-birth_date": "2007-06-06"}, "Tanggal lahir pada NIK"),
    ({"v-0-sex": "L"}, "jenis kelamin P"),
])
def test_the_form_refuses_a_nik_that_contradicts_the_victim(login, officer_a, tf_a, overrides,
                                                             message):
    r = login(officer_a).post(reverse("cases:new", args=[tf_a.code]),
                              entry(**{"v-0-nik": "1871014506070002", **overrides}))
    assert r.status_code == 400 and message in r.content.decode()
    assert not Victim.objects.exists()
