"""FastSelect writes the same HTML as Django's Select (it only skips the per-option templates)."""

import pytest
from django import forms
from django.test.html import parse_html

from gugus_tugas.forms import FastSelect

CHOICES = [("", "—"), ("Aceh (11)", [("11", "Aceh (seluruh provinsi)"), ("11.01", "Kab. <Aceh> & Co")]),
           ("WNI", "WNI (Indonesia)"), (3, "tiga")]


@pytest.mark.parametrize("value", [None, "", "11.01", "WNI", 3, "nothing"])
@pytest.mark.parametrize("attrs", [{"id": "id_x"}, {"id": "id_x", "required": True, "class": "a b"}])
def test_the_same_html_as_djangos_select(value, attrs):
    ours = FastSelect(choices=CHOICES).render("x", value, attrs)
    django = forms.Select(choices=CHOICES).render("x", value, attrs)
    assert parse_html(ours) == parse_html(django)  # the same elements, attributes and text
    assert "&lt;Aceh&gt; &amp; Co" in ours
