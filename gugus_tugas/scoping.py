"""The one tenancy mechanism: django-scopes managers that refuse to query outside a scope, and on
PostgreSQL the same scope handed to row-level security (`gugus_tugas/rls.py`).

Every tenant-owned model declares ``objects = ScopedManager(task_force="task_force")`` (use
:func:`tenant_manager`). ``TaskForceScopeMiddleware`` runs each ``/gt/<code>/`` request inside
:func:`task_force_scope`; anything else (a Celery task, a command) enters the scope itself with
the same function. A query outside any scope raises ``ScopeError``; on PostgreSQL a query that
escapes the managers (raw SQL, ``scopes_disabled()``) still gets only that scope's rows.

The few legitimate cross-task-force paths (roll-ups, duplicate checks, job sweepers, demo and
scale data) use :func:`rls_bypass` with a reason: it disables both locks for its block, and it is
the only thing that sets the database's bypass. tests/isolation/test_unscoped_code.py lists them.
"""

from contextlib import contextmanager

from django_scopes import ScopedManager, scope, scopes_disabled  # noqa: F401

from . import rls


def tenant_manager(**kwargs):
    return ScopedManager(task_force="task_force", **kwargs)


def _ids(task_force):
    items = task_force if isinstance(task_force, list | tuple | set) else [task_force]
    return [getattr(item, "pk", item) for item in items]


@contextmanager
def task_force_scope(task_force):
    """Enter the scope of one task force, or of a list of them (roll-ups of counts only).

    Also the database's: inside, PostgreSQL shows only rows of these task forces (and cases they
    hold through CaseAccess), whatever an outer :func:`rls_bypass` said."""
    if task_force is None:
        # django-scopes reads None as "no filter": refuse instead of leaking everything.
        raise ValueError("task_force_scope() needs a task force, never None")
    if isinstance(task_force, list | tuple | set) and not task_force:
        raise ValueError("task_force_scope() needs at least one task force")
    with rls.rls_context(task_forces=_ids(task_force)), scope(task_force=task_force):
        yield


@contextmanager
def rls_bypass(*, reason: str):
    """The explicitly named cross-task-force path: no scope, and PostgreSQL's row-level security
    lifted for the block. `reason` says why it cannot leak another task force's rows."""
    if not reason:
        raise ValueError("rls_bypass() needs a reason")
    with rls.rls_context(bypass=True), scopes_disabled():
        yield
