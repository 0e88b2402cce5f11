"""The second lock on tenancy: PostgreSQL row-level security (RLS) on every tenant-owned table.

The first lock is the application's (django-scopes managers and the access helpers). This one is
the database's: even a raw SQL query or a queryset that forgot its scope gets only the rows of the
task forces the current request, task or command may reach.

How it fits together (PostgreSQL only; the embedded SQLite default keeps the application lock):

- The tables belong to the migrating role (``postgres``). The application works as
  ``settings.DATABASE_APP_ROLE`` (``gugus_app``): a role that owns nothing and has no BYPASSRLS.
  Every new connection runs ``SET ROLE gugus_app`` (:func:`on_connection_created`), except
  ``migrate`` and ``flush`` (:func:`as_table_owner`), which need the owner. A read replica's
  connections too (``DATABASE_REPLICA_URL``, gugus_tugas/routers.py), with the same state.
- After every ``migrate``, :func:`install` creates the role if missing, grants it plain DML, and
  puts ``ENABLE`` + ``FORCE ROW LEVEL SECURITY`` and one policy on every table found from the
  models (:func:`tenant_models`: every concrete model with a ``task_force`` foreign key, their
  django-simple-history tables included). A new tenant model is covered by the next migrate; the
  suite checks the catalogue against the models (tests/isolation/test_rls.py).
- What a row needs: its ``task_force`` (or another foreign key to a task force, as a referral's
  receiver) among ``app.task_forces``; rows of a case also when the case is reachable through
  ``cases_caseaccess`` (a receiver of an accepted referral), as the scoped managers read them; a
  case's own row also to the parties of its referrals; a referral's parties when the referral is
  visible; the national RAN to every region (read only). Or ``app.rls_bypass = 'on'``.
- ``app.task_forces`` is set by :func:`gugus_tugas.scoping.task_force_scope` (the one place a scope
  is entered: the middleware, Celery tasks, commands); ``app.rls_bypass`` only by
  :func:`gugus_tugas.scoping.rls_bypass`, the explicitly named cross-task-force path. Outside both
  a tenant table reads as empty and refuses writes: the lock fails closed.

The settings are session-level and restored on leaving each context, so they work the same in
autocommit (the middleware runs before ATOMIC_REQUESTS' transaction begins) and inside
transactions: a rollback reverts a setting to its value at the savepoint, which, as contexts
nest properly, is the value of the enclosing context.
"""

import threading
from contextlib import contextmanager

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections

SETTING_TASK_FORCES = "app.task_forces"
SETTING_BYPASS = "app.rls_bypass"
POLICY = "gt_tenant"

_local = threading.local()


def app_role() -> str:
    return getattr(settings, "DATABASE_APP_ROLE", "") or ""


def enabled(connection=None) -> bool:
    connection = connection or connections[DEFAULT_DB_ALIAS]
    return connection.vendor == "postgresql" and bool(app_role())


# --- the per-thread state: a stack of (task force ids, bypass) -------------------------------

def _stack() -> list:
    if not hasattr(_local, "stack"):
        _local.stack = []
    return _local.stack


def current() -> tuple[tuple[int, ...], bool]:
    stack = _stack()
    return stack[-1] if stack else ((), False)


def _sql_args(state) -> list:
    ids, bypass = state
    return ["{" + ",".join(str(int(i)) for i in ids) + "}", "on" if bypass else "off"]


SET_SQL = (f"SELECT set_config('{SETTING_TASK_FORCES}', %s, false), "
           f"set_config('{SETTING_BYPASS}', %s, false)")


def _apply(connection, state, *, quiet=False):
    """Send the state to the open connection; a closed one gets it when it opens.

    Like Django's own connection settings (SET TIME ZONE), sent on the driver's cursor: not in
    `connection.queries`, so pinned query counts measure the page's own queries (bench/rls.py
    measures this cost)."""
    if connection.connection is None or not enabled(connection):
        return
    try:
        with connection.connection.cursor() as cursor:
            cursor.execute(SET_SQL, _sql_args(state))
    except connection.Database.Error:
        # Leaving a context while its error unwinds (an aborted transaction): the rollback that
        # follows restores the value of the enclosing context.
        if not quiet:
            raise


@contextmanager
def rls_context(*, task_forces=(), bypass=False):
    """Enter a state (task force ids the rows may belong to, or the bypass) until the block ends."""
    state = (tuple(sorted({int(i) for i in task_forces})), bool(bypass))
    stack = _stack()
    previous = current()
    stack.append(state)
    connection = connections[DEFAULT_DB_ALIAS]
    if state != previous:
        _apply(connection, state)
    failed = False
    try:
        yield
    except BaseException:
        failed = True
        raise
    finally:
        stack.pop()
        if state != previous:
            _apply(connection, current(), quiet=failed)


# --- the role ----------------------------------------------------------------------------------

def _owner_depth() -> int:
    return getattr(_local, "owner_depth", 0)


@contextmanager
def as_table_owner():
    """Work as the role that logged in and owns the tables (migrate, flush, role set-up)."""
    connection = connections[DEFAULT_DB_ALIAS]
    _local.owner_depth = _owner_depth() + 1
    try:
        if connection.connection is not None and enabled(connection):
            with connection.cursor() as cursor:
                cursor.execute("RESET ROLE")
        yield
    finally:
        _local.owner_depth -= 1
        if (_owner_depth() == 0 and connection.connection is not None and enabled(connection)):
            with connection.cursor() as cursor:
                cursor.execute(f"SET ROLE {connection.ops.quote_name(app_role())}")


REPLICA_ALIAS = "replica"  # gugus_tugas.routers.REPLICA


def on_connection_created(sender, connection, **kwargs):
    """Every new connection works as the application role, with the current state."""
    if not enabled(connection) or connection.alias not in (DEFAULT_DB_ALIAS, REPLICA_ALIAS):
        return  # also skips Django's own "__no_db__" connection that creates test databases
    if _owner_depth() and connection.alias == DEFAULT_DB_ALIAS:
        return
    with connection.connection.cursor() as cursor:
        cursor.execute(f"SET ROLE {connection.ops.quote_name(app_role())}")
        cursor.execute(SET_SQL, _sql_args(current()))
    if connection.alias == REPLICA_ALIAS:
        connection.gt_rls_state = current()
        if _sync_replica not in connection.execute_wrappers:
            connection.execute_wrappers.append(_sync_replica)


def _sync_replica(execute, sql, params, many, context):
    """The replica's connection (gugus_tugas.routers) gets the current state before a query
    whenever it changed since it last got it: :func:`rls_context` sends it to the primary's
    only, as most requests never read on the replica. Sent again in every query of a
    transaction, which a rollback would make forget it (the replica's reads run in autocommit)."""
    connection = context["connection"]
    state = current()
    if state != getattr(connection, "gt_rls_state", None) or connection.in_atomic_block:
        _apply(connection, state)
        connection.gt_rls_state = state
    return execute(sql, params, many, context)


# --- what is covered, and how ------------------------------------------------------------------

def tenant_models():
    """Every concrete model that stores a `task_force` foreign key (history tables included)."""
    from django.apps import apps

    from .models import TaskForce

    found = []
    for model in apps.get_models():
        if model._meta.proxy or not model._meta.managed:
            continue
        fields = {f.name: f for f in model._meta.concrete_fields}
        field = fields.get("task_force")
        if field is not None and field.is_relation and field.related_model is TaskForce:
            found.append(model)
    return found


def tenant_tables() -> list[str]:
    return sorted(m._meta.db_table for m in tenant_models())


# The current task forces, computed once per statement: `ARRAY(SELECT unnest(...))` is an
# uncorrelated init plan. Calling the function in each row's condition instead parsed the
# setting's text into an array for every row: ~25 us a row, 12.8 s to count the nation's 500k
# cases (553 task forces in the setting) against 0.15 s now (bench/results/load.md).
TFS = "ARRAY(SELECT unnest(gt_rls_task_forces()))"
BYPASS = f"(current_setting('{SETTING_BYPASS}', true) = 'on')"


def policy_condition(model) -> str:
    """The rows of `model` the current state reaches, as SQL."""
    from cases.models import Case, Referral

    from .models import TaskForce

    def qn(name):
        return f'"{name}"'

    terms = [BYPASS]
    for field in model._meta.concrete_fields:
        if field.is_relation and field.related_model is TaskForce:
            terms.append(f"{qn(field.column)} = ANY ({TFS})")
    # `= ANY (ARRAY(SELECT ...))`, not `IN (SELECT ...)`: an uncorrelated init plan computed
    # once, which an index scan (and a BitmapOr of the terms) can use; a hashed subplan cannot.
    reached = ("ANY (ARRAY(SELECT ca.case_id FROM cases_caseaccess ca "
               "WHERE ca.task_force_id = ANY ({})))")
    base = getattr(model, "instance_type", model)  # a history model stands for its model
    if base is Case:
        terms.append(f"{qn(Case._meta.pk.column)} = {reached.format(TFS)}")
        # the case row (not its victims) of a referral a task force is a party to, as the
        # referral pages read it (`select_related("case")`) before the referral is accepted
        terms.append(f"{qn(Case._meta.pk.column)} = ANY (ARRAY(SELECT r.case_id "
                     "FROM cases_referral r))")
    elif base._meta.db_table != "cases_caseaccess":
        for field in model._meta.concrete_fields:
            if field.name == "case" and field.is_relation and field.related_model is Case:
                terms.append(f"{qn(field.column)} = {reached.format(TFS)}")
            if field.name == "referral" and field.is_relation and field.related_model is Referral:
                terms.append(f"{qn(field.column)} = ANY (ARRAY(SELECT r.id FROM cases_referral r))")
    return " OR ".join(terms)


# PARALLEL SAFE (it reads a setting, which parallel workers receive): a user function is
# PARALLEL UNSAFE by default, and one in a policy kept every query on a tenant table from using
# parallel workers: the nation's roll-ups ran 2-3x slower (counting 500k victims under the
# bypass: 730 ms, 223 ms safe, 102 ms without RLS; bench/results/load.md).
FUNCTION_SQL = f"""
CREATE OR REPLACE FUNCTION gt_rls_task_forces() RETURNS bigint[] LANGUAGE sql STABLE
  PARALLEL SAFE AS $$
  SELECT COALESCE(NULLIF(current_setting('{SETTING_TASK_FORCES}', true), ''), '{{}}')::bigint[]
$$
"""


# Rows of the national task force that every region reads (and never writes): the RAN, the
# national action plan the regions' activities point to (`Activity.ran_activity`). Public policy
# documents, no personal data.
READ_FROM_THE_NATION = {"rad.ActionPlan", "rad.Activity", "rad.ActivityYear"}
NATION_POLICY = "gt_nation_read"


def install_statements() -> list[str]:
    role = app_role()
    statements = [
        f"""DO $$ BEGIN
              CREATE ROLE "{role}" NOLOGIN NOBYPASSRLS;
            EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
            END $$""",
        f"""DO $$ BEGIN
              EXECUTE format('GRANT "{role}" TO %I', current_user);
            EXCEPTION WHEN others THEN NULL;  -- a superuser needs no membership
            END $$""",
        f'GRANT USAGE ON SCHEMA public TO "{role}"',
        f'GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO "{role}"',
        f'GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO "{role}"',
        FUNCTION_SQL,
    ]
    for model in tenant_models():
        table = f'"{model._meta.db_table}"'
        condition = policy_condition(model)
        statements += [
            f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY",
            f"ALTER TABLE {table} FORCE ROW LEVEL SECURITY",
            f"DROP POLICY IF EXISTS {POLICY} ON {table}",
            f"CREATE POLICY {POLICY} ON {table} FOR ALL USING ({condition}) "
            f"WITH CHECK ({condition})",
            f"DROP POLICY IF EXISTS {NATION_POLICY} ON {table}",
        ]
        base = getattr(model, "instance_type", model)
        if base._meta.label in READ_FROM_THE_NATION:
            statements.append(
                f"CREATE POLICY {NATION_POLICY} ON {table} FOR SELECT USING (task_force_id IN "
                f"(SELECT id FROM gugus_tugas_taskforce WHERE level = 'national'))")
    return statements


def install(using=DEFAULT_DB_ALIAS):
    """Create the role, grant it DML, and lock every tenant table (idempotent; after migrate)."""
    connection = connections[using]
    if not enabled(connection):
        return 0
    with as_table_owner(), connection.cursor() as cursor:
        for statement in install_statements():
            cursor.execute(statement)
    return len(tenant_models())
