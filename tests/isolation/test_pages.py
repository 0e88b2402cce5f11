"""Every page under /gt/<tf_code>/, opened by every role of its own task force: no server error,
at least one role gets a 200 (a page that answers 404 or only redirects to its own members is
broken), and nothing that would break the Content-Security-Policy ('self' only: no inline scripts, no
style attributes, nothing loaded from another site)."""

import re

import pytest

from gugus_tugas.roles import Role
from tests.conftest import log_in, member
from tests.factories import task_force

from .harness import build, tenant_urls
from .objects import PAGE_OWNERS, PROVIDERS, furnish

URLS = [u for u in tenant_urls() if not u.public]
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>\s*\S", re.I)
STYLE_ATTR = re.compile(r"<[a-z][^>]*\sstyle=", re.I)
EVENT_ATTR = re.compile(r"<[a-z][^>]*\son[a-z]+=", re.I)
EXTERNAL = re.compile(r"""(?:src|href)=["']https?://(?!testserver)""", re.I)


def own_objects(tf):
    from django_scopes import scopes_disabled

    with scopes_disabled():
        furnish(tf)
        return {k: provider(tf) for k, provider in PROVIDERS.items()}


@pytest.mark.parametrize("url", URLS, ids=str)
def test_every_page_renders_for_every_role_within_the_csp(url, client, tf_a):
    owner = task_force(PAGE_OWNERS.get(url.name, tf_a.code))
    path = build(url, owner.code, own_objects(owner))
    answers = {}
    for role in Role.values:
        log_in(client, member(owner, role, f"{role}.page@contoh.id", mfa=True))
        response = client.get(path)
        answers[role] = response.status_code
        assert response.status_code in (200, 302, 403, 404, 405), (path, role, response.status_code)
        if response.status_code == 200 and "html" in response.get("Content-Type", ""):
            html = response.content.decode()
            for pattern, what in ((INLINE_SCRIPT, "inline script"), (STYLE_ATTR, "style="),
                                  (EVENT_ATTR, "on…= handler"), (EXTERNAL, "external resource")):
                match = pattern.search(html)
                assert not match, f"{what} in {path} as {role}: {html[match.start():match.start() + 120]}"
    # the way in: a 200 for at least one role of the owning task force; only a POST-only view
    # (405 to a GET from every role, before any check of who asks) has no page to show
    assert 200 in answers.values() or set(answers.values()) == {405}, (
        f"no role of the owning task force gets {path}: {answers}")


def test_responses_carry_a_strict_content_security_policy(login, admin_a, tf_a):
    response = login(admin_a).get(f"/gt/{tf_a.code}/")
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "script-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert response["X-Frame-Options"] == "DENY"
