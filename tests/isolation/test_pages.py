"""Every page under /gt/<tf_code>/, opened by every role of its own task force: no server error,
and nothing that would break the Content-Security-Policy ('self' only: no inline scripts, no
style attributes, nothing loaded from another site)."""

import re

import pytest

from gugus_tugas.roles import Role
from tests.conftest import log_in, member

from .harness import build, tenant_urls

URLS = [u for u in tenant_urls() if not u.public]
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>\s*\S", re.I)
STYLE_ATTR = re.compile(r"<[a-z][^>]*\sstyle=", re.I)
EVENT_ATTR = re.compile(r"<[a-z][^>]*\son[a-z]+=", re.I)
EXTERNAL = re.compile(r"""(?:src|href)=["']https?://(?!testserver)""", re.I)


@pytest.fixture
def own_objects(tf_a):
    from django_scopes import scopes_disabled

    from .objects import PROVIDERS

    with scopes_disabled():
        return {k: provider(tf_a) for k, provider in PROVIDERS.items()}


@pytest.mark.parametrize("url", URLS, ids=str)
def test_every_page_renders_for_every_role_within_the_csp(url, client, tf_a, own_objects):
    path = build(url, tf_a.code, own_objects)
    for role in Role.values:
        log_in(client, member(tf_a, role, f"{role}.page@contoh.id", mfa=True))
        response = client.get(path)
        assert response.status_code in (200, 302, 403, 404, 405), (path, role, response.status_code)
        if response.status_code == 200 and "html" in response.get("Content-Type", ""):
            html = response.content.decode()
            for pattern, what in ((INLINE_SCRIPT, "inline script"), (STYLE_ATTR, "style="),
                                  (EVENT_ATTR, "on…= handler"), (EXTERNAL, "external resource")):
                match = pattern.search(html)
                assert not match, f"{what} in {path} as {role}: {html[match.start():match.start() + 120]}"


def test_responses_carry_a_strict_content_security_policy(login, admin_a, tf_a):
    response = login(admin_a).get(f"/gt/{tf_a.code}/")
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "script-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert response["X-Frame-Options"] == "DENY"
