"""Shared fixtures: a fixed cast across task forces.

- district A = Kota Bandar Lampung (18.71), under province Lampung (18);
- district B = Kota Pekanbaru (14.71), elsewhere.
Fixtures and test bodies run unscoped (like pretix's conftest); views run scoped as in production
because the middleware enters the task force's scope for every request.
"""

import uuid

import pytest
from django_scopes import scopes_disabled

from gugus_tugas.roles import Role
from gugus_tugas.scoping import rls_bypass
from gugus_tugas.totp import force_login_after_totp, totp_enable

from .factories import PASSWORD, MembershipFactory, UserFactory, task_force

TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


@pytest.fixture(autouse=True)
def _unscoped_tests(request):
    if "no_scopes_disabled" in request.keywords:
        yield
        return
    names = set(request.fixturenames)
    if not (names & {"db", "transactional_db", "live_server"}
            or request.node.get_closest_marker("django_db")):
        with scopes_disabled():
            yield
        return
    # Fixtures build rows of several task forces: both locks are lifted here, as for any
    # cross-task-force path; requests still run in the middleware's scope, which sets them again.
    with rls_bypass(reason="test fixtures and bodies"):
        yield


@pytest.fixture(autouse=True)
def _regions_present(request):
    """Regions and task forces come from a data migration; a transactional test (live server)
    flushes them at its end, so put them back for whatever test comes next on this worker."""
    names = set(request.fixturenames)
    marker = request.node.get_closest_marker("django_db")
    if names & {"transactional_db", "live_server"} or (marker and marker.kwargs.get("transaction")):
        request.getfixturevalue("transactional_db")
    elif "db" in names or marker:
        request.getfixturevalue("db")
    else:
        yield
        return
    from gugus_tugas.models import Region, TaskForce
    from gugus_tugas.regions import load_regions

    with scopes_disabled():
        if not TaskForce.objects.exists():
            load_regions(Region, TaskForce)
    yield


@pytest.fixture(autouse=True)
def _isolated_cache():
    """Each test gets its own cache key space (rate limits, TOTP codes used) in shared Redis."""
    from django.core.cache import caches

    cache = caches["default"]
    previous = cache.key_prefix
    cache.key_prefix = f"{previous}-{uuid.uuid4().hex[:10]}"
    yield
    cache.key_prefix = previous


@pytest.fixture(autouse=True)
def _default_language():
    """Every test starts in the site's language (Indonesian), whatever the one before it left."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture
def tf_a(db):
    return task_force("18.71")


@pytest.fixture
def tf_a_province(db):
    return task_force("18")


@pytest.fixture
def tf_b(db):
    return task_force("14.71")


@pytest.fixture
def tf_national(db):
    return task_force("nasional")


def member(tf, role, email, *, mfa=False):
    user = UserFactory(email=email)
    MembershipFactory(user=user, task_force=tf, role=role)
    if mfa:
        totp_enable(user, TOTP_SECRET)
    return user


@pytest.fixture
def admin_a(tf_a):
    return member(tf_a, Role.SECRETARIAT_ADMIN, "admin.a@contoh.id")


@pytest.fixture
def officer_a(tf_a):
    return member(tf_a, Role.DATA_OFFICER, "petugas.a@contoh.id", mfa=True)


@pytest.fixture
def verifier_a(tf_a):
    return member(tf_a, Role.DATA_VERIFIER, "verifikator.a@contoh.id", mfa=True)


@pytest.fixture
def coordinator_a(tf_a):
    return member(tf_a, Role.COORDINATOR, "koordinator.a@contoh.id")


@pytest.fixture
def viewer_a(tf_a):
    return member(tf_a, Role.VIEWER, "peninjau.a@contoh.id")


@pytest.fixture
def province_coordinator(tf_a_province):
    return member(tf_a_province, Role.COORDINATOR, "koordinator.prov@contoh.id")


@pytest.fixture
def national_coordinator(tf_national):
    return member(tf_national, Role.COORDINATOR, "koordinator.nas@contoh.id")


@pytest.fixture
def admin_b(tf_b):
    return member(tf_b, Role.SECRETARIAT_ADMIN, "admin.b@contoh.id")


@pytest.fixture
def officer_b(tf_b):
    return member(tf_b, Role.DATA_OFFICER, "petugas.b@contoh.id", mfa=True)


def log_in(client, user):
    """Log the test client in as after the real login (tested in test_accounts and
    test_login_entry_points): password, then the TOTP code when the person has TOTP."""
    return force_login_after_totp(client, user)


@pytest.fixture
def login(client):
    """`login(user)` logs the test client in (the login itself is tested in test_accounts)."""

    def _login(user):
        return log_in(client, user)

    return _login


__all__ = ["PASSWORD"]
