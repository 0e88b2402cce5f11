"""The second lock: PostgreSQL's row-level security refuses rows outside the current task forces
even when the code forgets the scope (gugus_tugas/rls.py). The test settings run the whole suite
with it on, as production does."""

import pytest
from django.db import DatabaseError, connection, transaction
from django.test.signals import template_rendered
from django_scopes import scopes_disabled

from cases.models import CaseAccess, Victim
from gugus_tugas import rls
from gugus_tugas.scoping import rls_bypass, task_force_scope

from ..cases.factories import CaseFactory, VictimFactory
from ..conftest import log_in

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not rls.enabled(), reason="row-level security needs PostgreSQL"),
]


def raw(sql, params=()):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def victims_by_task_force():
    return sorted(raw("SELECT task_force_id, count(*) FROM cases_victim GROUP BY task_force_id"))


@pytest.fixture
def two_task_forces(tf_a, tf_b):
    with rls_bypass(reason="test data of two task forces"):
        a = VictimFactory.create_batch(2, case=CaseFactory(task_force=tf_a))
        b = VictimFactory(case=CaseFactory(task_force=tf_b))
    return a, b


def test_every_tenant_table_found_from_the_models_is_locked():
    tables = rls.tenant_tables()
    # Found from the models: the history tables and every app's tenant rows are among them.
    assert {"cases_victim", "cases_historicalvictim", "cases_caseaccess", "meetings_meeting",
            "rad_historicalactionplan", "gugus_tugas_membership"} <= set(tables)
    locked = dict(((name, (rls_on, forced)) for name, rls_on, forced in raw(
        "SELECT relname, relrowsecurity, relforcerowsecurity FROM pg_class "
        "WHERE relkind = 'r' AND relname = ANY(%s)", [tables])))
    with_policy = {name for (name,) in raw(
        "SELECT tablename FROM pg_policies WHERE policyname = %s", [rls.POLICY])}
    not_locked = [t for t in tables if locked.get(t) != (True, True) or t not in with_policy]
    assert not not_locked, f"run migrate (gugus_tugas/rls.py installs the policies): {not_locked}"


def test_the_policies_keep_queries_parallel_and_read_the_scope_once_per_statement():
    """The nation's roll-ups scan hundreds of thousands of rows under these policies: the
    scope's function must be PARALLEL SAFE (else no query on a tenant table gets parallel
    workers) and the task-force list an init plan (else its text is parsed for every row)."""
    (parallel,), = raw("SELECT proparallel FROM pg_proc WHERE proname = 'gt_rls_task_forces'")
    assert parallel == "s"
    (condition,), = raw("SELECT qual FROM pg_policies WHERE tablename = 'cases_victim' "
                        "AND policyname = %s", [rls.POLICY])
    assert "unnest(gt_rls_task_forces())" in condition


def test_the_application_works_as_a_role_that_owns_no_table():
    (user, superuser, bypass), = raw(
        "SELECT current_user, rolsuper, rolbypassrls FROM pg_roles WHERE rolname = current_user")
    assert (user, superuser, bypass) == (rls.app_role(), False, False)
    owners = {owner for (owner,) in raw(
        "SELECT DISTINCT tableowner FROM pg_tables WHERE tablename = ANY(%s)",
        [rls.tenant_tables()])}
    assert user not in owners


def test_a_raw_query_inside_a_scope_returns_only_that_task_forces_rows(two_task_forces, tf_a):
    with task_force_scope(tf_a):
        assert victims_by_task_force() == [(tf_a.pk, 2)]


def test_a_scope_inside_the_bypass_is_held_to_its_task_force(two_task_forces, tf_a, tf_b):
    with rls_bypass(reason="the outer path of a test"):
        assert victims_by_task_force() == sorted([(tf_a.pk, 2), (tf_b.pk, 1)])
        with task_force_scope(tf_b):
            assert victims_by_task_force() == [(tf_b.pk, 1)]
        assert victims_by_task_force() == sorted([(tf_a.pk, 2), (tf_b.pk, 1)])


@pytest.mark.no_scopes_disabled
def test_outside_any_scope_a_raw_query_returns_nothing(two_task_forces):
    assert raw("SELECT count(*) FROM cases_victim") == [(0,)]
    assert raw("SELECT count(*) FROM cases_case") == [(0,)]


@pytest.mark.no_scopes_disabled
def test_a_queryset_that_forgets_the_scope_gets_only_the_scoped_rows(two_task_forces, tf_a):
    with scopes_disabled():  # the bug: the application's lock lifted without the bypass
        assert Victim.objects.count() == 0
        with task_force_scope(tf_a), scopes_disabled():
            assert set(Victim.objects.values_list("task_force_id", flat=True)) == {tf_a.pk}


@pytest.mark.no_scopes_disabled
def test_a_write_outside_the_scope_is_refused(two_task_forces, tf_a, tf_b):
    a_victims, b_victim = two_task_forces
    with task_force_scope(tf_a):
        # Another task force's row cannot be changed or deleted: it is not there.
        with connection.cursor() as cursor:
            cursor.execute("UPDATE cases_victim SET initials = 'X.' WHERE id = %s", [b_victim.pk])
            assert cursor.rowcount == 0
            cursor.execute("DELETE FROM cases_victim WHERE id = %s", [b_victim.pk])
            assert cursor.rowcount == 0
        # Nor can a row be written into it.
        with pytest.raises(DatabaseError, match="row-level security"), transaction.atomic():
            raw("UPDATE cases_victim SET task_force_id = %s, case_id = %s WHERE id = %s",
                [tf_b.pk, b_victim.case_id, a_victims[0].pk])
    with rls_bypass(reason="check what is stored"):
        assert Victim.objects.get(pk=b_victim.pk).initials == b_victim.initials
        assert Victim.objects.get(pk=a_victims[0].pk).task_force_id == tf_a.pk


def test_the_receiver_of_a_referred_case_reads_its_rows_and_no_others(two_task_forces, tf_a,
                                                                       tf_b):
    a_victims, _ = two_task_forces
    case = a_victims[0].case
    other = VictimFactory(case=CaseFactory(task_force=tf_a))
    CaseAccess.for_case(case, task_force=tf_b, kind="referral").save()
    with task_force_scope(tf_b):
        ids = {i for (i,) in raw("SELECT id FROM cases_victim")}
        cases = {i for (i,) in raw("SELECT id FROM cases_case")}
    assert {v.pk for v in a_victims} <= ids
    assert other.pk not in ids
    assert case.pk in cases and other.case_id not in cases


def test_a_request_runs_inside_its_task_forces_rows(client, officer_a, tf_a, tf_b,
                                                    two_task_forces):
    """The middleware hands the scope to the database for the request, and takes it back
    (here to the test's own bypass)."""
    log_in(client, officer_a)
    seen = {}

    def record(sender, **kwargs):
        seen.setdefault("rows", victims_by_task_force())

    template_rendered.connect(record)
    try:
        response = client.get(f"/gt/{tf_a.code}/")
    finally:
        template_rendered.disconnect(record)
    assert response.status_code == 200
    assert seen["rows"] == [(tf_a.pk, 2)]
    assert victims_by_task_force() == sorted([(tf_a.pk, 2), (tf_b.pk, 1)])


@pytest.mark.no_scopes_disabled
def test_key_rotation_reaches_every_task_forces_rows_through_the_named_path(two_task_forces,
                                                                            settings):
    """A command that forgot the bypass would re-encrypt nothing (it reads no row): the rotation
    runs as a command does, outside the test's own bypass."""
    from cryptography.fernet import Fernet
    from django.core.management import call_command

    from ..cases.factories import opened

    old = list(settings.FIELD_ENCRYPTION_KEYS)
    new_key = Fernet.generate_key().decode()
    settings.FIELD_ENCRYPTION_KEYS = [new_key, *old]
    call_command("rotate_field_keys", stdout=open("/dev/null", "w"))  # noqa: SIM115
    settings.FIELD_ENCRYPTION_KEYS = [new_key]
    with rls_bypass(reason="read back"), opened():
        names = [v.name for v in Victim.objects.all()]
    assert len(names) == 3 and all(names)
