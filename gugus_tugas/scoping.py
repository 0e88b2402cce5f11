"""The one tenancy mechanism: django-scopes managers that refuse to query outside a scope.

Every tenant-owned model declares ``objects = ScopedManager(task_force="task_force")`` (use
:func:`tenant_manager`). ``TaskForceScopeMiddleware`` runs each ``/gt/<code>/`` request inside
``scope(task_force=<that task force>)``; anything else (a Celery task, a command) enters the scope
itself with :func:`task_force_scope`. A query outside any scope raises ``ScopeError``.
"""

from contextlib import contextmanager

from django_scopes import ScopedManager, scope, scopes_disabled  # noqa: F401


def tenant_manager(**kwargs):
    return ScopedManager(task_force="task_force", **kwargs)


@contextmanager
def task_force_scope(task_force):
    """Enter the scope of one task force, or of a list of them (roll-ups of counts only)."""
    if task_force is None:
        # django-scopes reads None as "no filter": refuse instead of leaking everything.
        raise ValueError("task_force_scope() needs a task force, never None")
    if isinstance(task_force, list | tuple | set) and not task_force:
        raise ValueError("task_force_scope() needs at least one task force")
    with scope(task_force=task_force):
        yield
