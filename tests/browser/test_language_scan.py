"""The other-language scan of the journeys (tests/browser/conftest.py) can fail: a planted leak
on an English and on an Indonesian page is reported, what people typed and a part marked in
another language are not."""

import pytest

from tests.browser.conftest import language_leak_words

ENGLISH_PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Cases</title></head><body>
<h1>Cases</h1><p>Kasus</p>
<input placeholder="Cari" aria-label="Search"><input type="submit" value="Simpan">
<p data-user-text>Korban</p><p translate="no">Anggota</p>
<a href="#n">Victim 1 – Nama korban: This field is required.</a>
</body></html>"""

INDONESIAN_PAGE = """<!doctype html><html lang="id"><head><meta charset="utf-8"><title>Kasus</title></head><body>
<h1>Kasus</h1><ul class="errorlist"><li>This field is required.</li></ul>
<button title="Cases">Kasus</button><button lang="en" title="English">EN</button>
<p data-user-text>Cases</p>
</body></html>"""


def test_the_catalogs_give_both_languages_words():
    words = language_leak_words()
    assert "Kasus" in words["en"] and "Cases" in words["id"]
    assert "This field is required." in words["id"]  # Django's own English
    assert "Status" not in words["en"] and "Status" not in words["id"]  # spelt alike


@pytest.mark.parametrize("html, leaks, clean", [
    (ENGLISH_PAGE, ['"Kasus" in "Kasus" (p)', '"Cari" in "Cari" (placeholder=)',
                    '"Simpan" in "Simpan" (value=)', '"Nama korban" in "Victim 1 – Nama korban'],
     ["Korban", "Anggota", "Cases"]),
    (INDONESIAN_PAGE, ['"This field is required." in', '"Cases" in "Cases" (title=)'],
     ["English", '"Kasus"']),
])
def test_a_planted_leak_fails_the_journey(page, _fail_on_csp_violations_and_console_errors,
                                         html, leaks, clean):
    problems = _fail_on_csp_violations_and_console_errors
    page.route("http://scan.test/", lambda route: route.fulfill(
        status=200, content_type="text/html", body=html))
    page.goto("http://scan.test/")
    page.wait_for_function("document.readyState === 'complete'")
    page.evaluate("window.__axeDone || null")
    reported = "\n".join(p for p in problems if "language leak" in p)
    for leak in leaks:
        assert leak in reported
    for text in clean:
        assert text not in reported
    assert all("language leak" in p for p in problems), problems
    problems.clear()  # the planted leaks have done their job
