"""Every form of the site, fuzzed (issue 11): each page under /gt/<tf_code>/ (and the profile
page) is opened by every role of its own task force; every form found in it is submitted with
generated values (unicode, long, empty, number-ish, dates that do not exist, odd files) by the
role that was shown it. No answer may be a server error, and a refused submission (4xx) may
not leave a row behind. Bounded: FUZZ_EXAMPLES submissions per form (default 6)."""

import io
import os
import re
from datetime import date
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import resolve
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gugus_tugas.roles import Role
from tests.conftest import member
from tests.isolation.harness import build, tenant_urls

pytestmark = pytest.mark.django_db

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "6"))
URLS = [u for u in tenant_urls() if not u.public]
SKIP_ACTIONS = re.compile(r"^/(akun/logout|i18n/)")
APPS = ("gugus_tugas", "cases", "reports", "rad", "meetings", "users")
NOT_COUNTED = {"IdentityView", "AuditEvent"}  # reading logs, not what a form writes


class FormParser(HTMLParser):
    """The forms of a page: action, method, and each control with its type and options."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms, self._form, self._select, self._textarea, self._template = [], None, None, None, 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "template":
            self._template += 1
        if self._template:
            return
        if tag == "form":
            self._form = {"action": a.get("action") or "", "method": (a.get("method") or "get")
                          .lower(), "fields": {}}
            self.forms.append(self._form)
        elif self._form is None or not a.get("name"):
            if tag == "option" and self._select is not None:
                self._select["options"].append(a.get("value", ""))
                if "selected" in a:
                    self._select["selected"].append(a.get("value", ""))
            return
        elif tag == "input":
            kind = (a.get("type") or "text").lower()
            if kind in ("submit", "button", "image", "reset"):
                self._form["fields"].setdefault(a["name"], {"type": "submit", "value":
                                                            a.get("value", "")})
                return
            field = self._form["fields"].setdefault(a["name"], {"type": kind, "options": [],
                                                                "value": a.get("value", "")})
            if kind in ("checkbox", "radio"):
                field["options"].append(a.get("value", "on"))
                field.setdefault("checked", [])
                if "checked" in a:
                    field["checked"].append(a.get("value", "on"))
        elif tag == "select":
            self._select = self._form["fields"].setdefault(
                a["name"], {"type": "select", "options": [], "selected": [],
                            "multiple": "multiple" in a})
        elif tag == "textarea":
            self._textarea = self._form["fields"].setdefault(a["name"], {"type": "textarea",
                                                                         "value": ""})
        elif tag == "button" and a.get("name"):
            self._form["fields"].setdefault(a["name"], {"type": "submit",
                                                        "value": a.get("value", "")})

    def handle_endtag(self, tag):
        if tag == "template":
            self._template -= 1
        elif tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea["value"] += data


ODD = ["", " ", "0", "-1", "1e999", "NaN", "9" * 40, "2024-02-30", "0000-00-00", "31/12/9999",
       "ß" * 250, "ﬃ" * 300, "<script>alert(1)</script>", "=1+1", "@SUM(1)",
       "' OR 1=1 --", "%s%s%n", "\u202e\u0000x", "null", "true", "18.71", "nasional",
       "00000000-0000-0000-0000-000000000000"]
# names of a few words whose capitals may be longer than one character (ŉ -> ʼN, ß -> SS)
WORDS = st.one_of(
    st.lists(st.sampled_from(["ŉa", "ßb", "ﬃ", "ǆ", "İz", "Siti", "a", "Ω", "ÿ"]),
             min_size=1, max_size=5),
    st.lists(st.sampled_from(["ŉa", "ßb", "ﬃ", "ﬀ"]), min_size=3, max_size=4),
).map(" ".join)
LINE = st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp"))  # no line breaks
LONG = st.integers(min_value=150, max_value=320).flatmap(
    lambda n: st.text(alphabet=LINE, min_size=n, max_size=n))
TEXT = st.one_of(
    st.sampled_from(ODD),
    WORDS,
    st.text(max_size=40),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=180, max_size=600),
    st.from_regex(r"-?\d{1,20}([.,]\d{1,6})?([eE][+-]?\d{1,4})?", fullmatch=True),
    st.dates().map(lambda d: d.strftime("%d/%m/%Y")),
    st.dates().map(date.isoformat),
)


def _valid_pdf() -> bytes:
    from pypdf import PdfWriter

    out = io.BytesIO()
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.write(out)
    return out.getvalue()


PDF = _valid_pdf()


def _mutated_pdf(spec):
    """A valid PDF with one stretch of it replaced: a number, a name, garbage."""
    start, length, replacement = spec
    start %= len(PDF)
    return PDF[:start] + replacement + PDF[start + length:]


def _pdf_like():
    return st.one_of(
        st.tuples(st.integers(0, 10_000), st.integers(0, 12), st.one_of(
            st.from_regex(rb"-?\d{1,30}", fullmatch=True), st.binary(max_size=12),
            st.sampled_from([b"/Encrypt", b"/NoSuchDecode", b"99999999999999999999", b"obj",
                             b"<<", b"]", b"-1 0 R"]))).map(_mutated_pdf),
        st.binary(max_size=600).map(lambda b: b"%PDF-1.4\n" + b),
        st.binary(max_size=600),
        st.just(b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF"),
        st.text(max_size=300).map(lambda t: ("no_kasus,nama_korban\n" + t).encode()),
        st.binary(max_size=600).map(lambda b: b"PK\x03\x04" + b),
    )


def field_values(fields):
    draws = {}
    for name, f in fields.items():
        kind = f["type"]
        if kind == "submit":
            draws[name] = st.sampled_from([None, f["value"]])
        elif kind == "file":
            draws[name] = st.one_of(st.none(), st.tuples(
                st.sampled_from(["sk.pdf", "kasus.csv", "kasus.xlsx", "logo.png", "x"]),
                _pdf_like()))
        elif kind in ("checkbox", "radio"):
            draws[name] = st.one_of(st.none(), st.lists(st.sampled_from(f["options"]), max_size=3),
                                    TEXT)
        elif kind == "select":
            opts = st.sampled_from(f["options"]) if f["options"] else TEXT
            draws[name] = st.one_of(opts, opts, TEXT, st.lists(opts, max_size=3)
                                    if f.get("multiple") else TEXT)
        elif kind == "hidden":
            draws[name] = st.one_of(st.just(f["value"]), st.just(f["value"]), st.just(f["value"]),
                                    TEXT)
        elif re.search(r"name|nama", name):  # people's and bodies' names: odd scripts, long
            draws[name] = st.one_of(WORDS, WORDS, TEXT, LONG)
        else:
            draws[name] = st.one_of(TEXT, st.just(f.get("value", "")))
    return st.fixed_dictionaries(draws)


def rendered(fields):
    """What the form sends untouched: its values, selected options and checked boxes."""
    values = {}
    for name, f in fields.items():
        if f["type"] == "select":
            chosen = f["selected"] or f["options"][:1]
            values[name] = chosen if f.get("multiple") else (chosen[0] if chosen else "")
        elif f["type"] in ("checkbox", "radio"):
            values[name] = f["checked"] or None
        elif f["type"] in ("file", "submit"):
            values[name] = None
        else:
            values[name] = f.get("value", "")
    return values


def baseline_for(view_name, fields):
    """A submission that passes (an edit form as rendered, a new-record form as a person would
    fill it): mutating one to three of its fields reaches the services and the database, where
    wholly random forms stop at the first field's check."""
    from tests.cases.test_views import entry
    from tests.gugus_tugas.test_decrees import sk_data

    known = {"cases:new": entry, "decree_new": sk_data}
    base = rendered(fields)
    if view_name in known:
        base.update(known[view_name]())
    return base


def form_values(fields, baseline):
    names = sorted(fields)
    one = st.sampled_from(names).map(lambda n: [n])  # one field wrong: the others let it through
    some = st.lists(st.sampled_from(names), min_size=min(2, len(names)), max_size=3, unique=True)
    mutation = st.tuples(st.one_of(one, one, some), field_values(fields), st.uuids())

    def mutate(t):
        chosen, values, unique = t
        out = {**baseline, **{k: values[k] for k in chosen}}
        if "number" in out and "number" not in chosen:  # an SK number is unique per body
            out["number"] = f"{out['number']}/{unique.hex[:8]}"
        return out

    return st.one_of(mutation.map(mutate), mutation.map(mutate), mutation.map(mutate),
                     field_values(fields))


def payload(values):
    data = {}
    for name, value in values.items():
        if value is None:
            continue
        if isinstance(value, tuple):
            value = SimpleUploadedFile(value[0], value[1])
        data[name] = value
    return data


def counted_models():
    return [m for m in apps.get_models() if m._meta.app_label in APPS
            and m.__name__ not in NOT_COUNTED and not m._meta.proxy
            and m._meta.managed and not m.__name__.startswith("Historical")]


def row_counts():
    """Rows of every table a form may write, in one query."""
    from django.db import connection

    tables = [m._meta.db_table for m in counted_models()]
    sql = "SELECT " + ", ".join(f"(SELECT count(*) FROM {connection.ops.quote_name(t)})"
                                for t in tables)
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return dict(zip(tables, cursor.fetchone(), strict=True))


@pytest.fixture
def own_objects(tf_a):
    from django_scopes import scopes_disabled

    from tests.isolation.objects import PROVIDERS

    with scopes_disabled():
        objects = {k: provider(tf_a) for k, provider in PROVIDERS.items()}
        _with_files(objects["report"])
    return objects


def _with_files(code):
    """A finished report job as the worker leaves it: with its files (finalising reads them)."""
    from django.core.files.base import ContentFile

    from reports.models import ReportJob

    job = ReportJob.objects.get(code=code)
    for name, content in (("pdf", b"%PDF-1.4\n"), ("xlsx", b"PK"), ("json", b"{}")):
        getattr(job, name).save(f"r.{name}", ContentFile(content), save=False)
    job.save()
    return job.code


@pytest.fixture
def cast(tf_a):
    return {role: member(tf_a, role, f"{role}.fuzz@contoh.id", mfa=True) for role in Role.values}


def forms_on(client, path, cast):
    """(role, method, action, fields) for each distinct form of the page, as each role sees it
    (a role of None: someone not logged in)."""
    found = {}
    for role, user in cast.items():
        _log_in(client, user)
        response = client.get(path)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        parser = FormParser()
        parser.feed(response.content.decode())
        for form in parser.forms:
            action = urlsplit(form["action"]).path or path
            if SKIP_ACTIONS.match(action) or not form["fields"]:
                continue
            key = (form["method"], action, tuple(sorted(form["fields"])))
            found.setdefault(key, (role, form["fields"]))
    return [(role, method, action, fields) for (method, action, _k), (role, fields)
            in found.items()]


def _log_in(client, user):
    if user is None:
        client.logout()
    else:
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")


FUZZED = set()  # (method, URL name, fields): a form shown on several pages is fuzzed once


def fuzz(client, cast, role, method, action, fields):
    key = (method, resolve(action).view_name, tuple(sorted(fields)))
    if key in FUZZED:
        return
    FUZZED.add(key)
    _log_in(client, cast[role])

    # a filter form (GET) only reads: fewer tries, as its pages (dashboards) cost the most
    @settings(max_examples=EXAMPLES if method == "post" else max(1, EXAMPLES // 2),
              deadline=None, database=None, print_blob=True,
              suppress_health_check=list(HealthCheck))
    @given(form_values(fields, baseline_for(key[1], fields)))
    def submit(values):
        before = row_counts()
        data = payload(values)
        if method == "post":
            response = client.post(action, data)
        else:
            response = client.get(action, {k: v for k, v in data.items()
                                           if not hasattr(v, "read")})
        assert response.status_code < 500, (action, role, data)
        if response.status_code >= 400:
            after = row_counts()
            changed = {k: (before[k], after[k]) for k in before if before[k] != after[k]}
            assert not changed, f"{action} refused ({response.status_code}) but wrote {changed}"

    submit()


@pytest.mark.parametrize("url", URLS, ids=str)
def test_every_form_survives_generated_input(url, client, tf_a, own_objects, cast):
    path = build(url, tf_a.code, own_objects)
    for role, method, action, fields in forms_on(client, path, cast):
        fuzz(client, cast, role, method, action, fields)


def test_the_profile_form_survives_generated_input(client, tf_a, cast):
    for role, method, action, fields in forms_on(client, "/akun/profil/", cast):
        fuzz(client, cast, role, method, action, fields)


def test_the_invitation_form_survives_generated_input(client, tf_a):
    from tests.factories import InvitationFactory

    invitation = InvitationFactory(task_force=tf_a, email="baru.fuzz@contoh.id")
    path = f"/undangan/{invitation.token}/"
    for role, method, action, fields in forms_on(client, path, {None: None}):
        fuzz(client, {None: None}, role, method, action, fields)
    assert any(name == "invitation_accept" for _m, name, _f in FUZZED)
