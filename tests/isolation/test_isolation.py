"""The cross-tenant harness: every URL under /gt/<tf_code>/, every tenant-owned model.

A person with no role in a task force gets 404 for every URL under it, GET and POST; a member of
A asking for B's objects through A's URLs gets 404 (or 403 where the role check comes first);
an unscoped query of any tenant-owned model raises.
"""

import pytest
from django.apps import apps
from django_scopes import ScopeError, scopes_disabled
from django_scopes.manager import DisabledQuerySet

from gugus_tugas.roles import Role
from tests.conftest import log_in, member
from tests.factories import task_force

from .harness import build, tenant_urls
from .objects import NON_OBJECT, PAGE_OWNERS, PROVIDERS

URLS = tenant_urls()
PRIVATE_URLS = [u for u in URLS if not u.public]


def test_the_harness_sees_the_tenant_urls():
    names = {u.name for u in URLS}
    assert {"task_force_home", "decree_detail", "decree_scan", "people"} <= names


@pytest.mark.parametrize("url", URLS, ids=str)
def test_every_url_keyword_has_a_provider(url):
    missing = [k for k in url.kwargs if k not in PROVIDERS]
    assert not missing, f"add a provider for {missing} to tests/isolation/objects.py"


@pytest.fixture
def objects_of(db):
    cache = {}

    def make(tf):
        if tf.pk not in cache:
            with scopes_disabled():
                cache[tf.pk] = {k: provider(tf) for k, provider in PROVIDERS.items()}
        return cache[tf.pk]

    return make


ALL_ROLES = list(Role.values)


@pytest.mark.parametrize("url", PRIVATE_URLS, ids=str)
def test_outsiders_get_404_for_every_url(url, client, tf_a, tf_b, tf_a_province, tf_national,
                                         objects_of):
    """Members of B, of A's own province and of the nation, whatever their role, learn nothing
    about A's records through A's pages: GET and POST give 404 (a province or the nation sees
    figures and de-identified lists on its own pages, never the district's).

    A page that exists only for a region above (PAGE_OWNERS) answers 404 under A to everyone,
    its own members too, so it is asked for under its owner (A's province): there the outsiders
    are A (a district below), B and the nation."""
    owner = task_force(PAGE_OWNERS.get(url.name, tf_a.code))
    path = build(url, owner.code, objects_of(owner))
    for outside in [tf for tf in (tf_a, tf_b, tf_a_province, tf_national) if tf != owner]:
        for role in ALL_ROLES:
            outsider = member(outside, role, f"{role}.{outside.code}@contoh.id", mfa=True)
            log_in(client, outsider)
            for method in ("get", "post"):
                response = getattr(client, method)(path)
                assert response.status_code == 404, (outside.code, method, path, role,
                                                     response.status_code)


@pytest.mark.parametrize("url", [u for u in PRIVATE_URLS if set(u.kwargs) - NON_OBJECT], ids=str)
def test_members_cannot_reach_other_task_forces_objects(url, client, tf_a, tf_b, objects_of):
    """A's members put B's object ids in A's URLs: 404 (or 403 before any lookup)."""
    objects_of(tf_a)
    values_b = objects_of(tf_b)
    path = build(url, tf_a.code, values_b)
    for role in ALL_ROLES:
        insider = member(tf_a, role, f"{role}.a@contoh.id", mfa=True)
        log_in(client, insider)
        for method in ("get", "post"):
            response = getattr(client, method)(path)
            # 405: a POST-only view refuses GET before any lookup (nothing learned).
            allowed = (403, 404, 405) if method == "get" else (403, 404)
            assert response.status_code in allowed, (method, path, role, response.status_code)


@pytest.mark.parametrize("url", PRIVATE_URLS, ids=str)
def test_anonymous_visitors_are_sent_to_login(url, client, tf_a, objects_of):
    path = build(url, tf_a.code, objects_of(tf_a))
    response = client.get(path)
    assert response.status_code == 302
    assert "/akun/login/" in response["Location"]


@pytest.mark.parametrize("url", [u for u in URLS if u.public], ids=str)
def test_public_tenant_urls_refuse_requests_without_credentials(url, client, tf_a, objects_of):
    path = build(url, tf_a.code, objects_of(tf_a))
    assert client.get(path).status_code in (401, 403, 404)


def tenant_models():
    # Historical (django-simple-history) models are reached only through `<row>.history` of a
    # scoped row, so they are left out here. A one-to-one `task_force` (meetings.MeetingRule) is
    # a tenant row too.
    return [m for m in apps.get_models()
            if any(f.name == "task_force" and (f.many_to_one or f.one_to_one) and f.concrete
                   for f in m._meta.get_fields())
            and not m.__name__.startswith("Historical")]


@pytest.mark.no_scopes_disabled
def test_every_model_with_a_task_force_is_scoped():
    assert "meetings.MeetingRule" in {m._meta.label for m in tenant_models()}
    unscoped = [m._meta.label for m in tenant_models()
                if not isinstance(m._default_manager.get_queryset(), DisabledQuerySet)]
    assert not unscoped, f"use tenant_manager() on {unscoped}"


@pytest.mark.no_scopes_disabled
@pytest.mark.django_db
@pytest.mark.parametrize("model", tenant_models(), ids=lambda m: m._meta.label)
def test_unscoped_queries_of_tenant_models_raise(model):
    with pytest.raises(ScopeError):
        list(model.objects.all())


# Their providers make no file to download (a 404 "no file" cannot be told from a refused lookup).
NO_FILE_PROVIDED = {"decree_scan", "task_force_logo"}


# What counts as refused when proving the way in. A 403 is refused too: the access helpers
# check the role *before* the lookup, so "not 404" would be met by any role that lacks the
# permission even if the lookup failed for every member. Exceptions, with the reason:
REFUSED = {
    # the provider's referral was sent *by* this task force; accepting is the receiver's, so
    # the sender's member gets past the lookup and is then refused (403) by the service
    "cases:referral_accept": (404,),
}


@pytest.mark.parametrize("url", [u for u in PRIVATE_URLS if u.name not in NO_FILE_PROVIDED],
                         ids=str)
def test_some_role_of_the_owning_task_force_gets_through(url, client, tf_a, tf_a_province,
                                                         objects_of):
    """The way in: at least one role of the task force that owns the objects gets past the
    role check and the lookup (neither 403 nor 404: a page, a redirect after its work, a file),
    in the district or, for the pages of a region above, in its province."""
    for tf in (tf_a, tf_a_province):
        path = build(url, tf.code, objects_of(tf))
        for role in ALL_ROLES:
            insider = member(tf, role, f"{role}.{tf.code}.in@contoh.id", mfa=True)
            log_in(client, insider)
            method = "post" if "POST" in _allowed_methods(client, path) else "get"
            status = getattr(client, method)(path).status_code
            if status not in REFUSED.get(url.name, (403, 404)):
                return
    pytest.fail(f"no role of {tf_a.code} or {tf_a_province.code} gets through {url}")


def _allowed_methods(client, path):
    response = client.get(path)
    if response.status_code == 405:
        return response.get("Allow", "")
    return "GET"
