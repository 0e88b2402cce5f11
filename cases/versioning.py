"""Versions of the case data, bumped after every committed change, so cached figures are
recomputed as soon as a case, victim, service or referral they count changes.

One version per province tree and one for the nation: a task force's figures count only the cases
held within its tree, so a change bumps the nation and the provinces of the task forces holding the
case. A province's and its districts' dashboards stay cached while other provinces enter data;
the nation's follows every change.

Kept in the database (`DataVersion`), not the cache: a bump must not get lost while the cache is
unreachable, or figures cached before an outage would be served after it as if nothing had
changed. A few tiny UPDATEs after each commit; one read per figures lookup."""

from django.db import DEFAULT_DB_ALIAS, IntegrityError, transaction
from django.db.models import F

from gugus_tugas.scoping import rls_bypass

NATION = "nasional"


def scope_of(code: str) -> str:
    """The version a task force's figures follow: the nation's, or its province's."""
    return NATION if code == NATION else code.split(".")[0]


def data_version(task_force, *, using: str = DEFAULT_DB_ALIAS) -> int:
    """The version of `task_force`'s figures, on the primary (or as the replica `using` holds
    it: gugus_tugas.routers compares the two before reading figures there)."""
    from .models import DataVersion

    scope = scope_of(task_force.code)
    return (DataVersion.objects.using(using).filter(scope=scope)
            .values_list("version", flat=True).first() or 0)


def _bump(scopes) -> None:
    from .models import DataVersion

    for scope in sorted(scopes):  # a fixed order: concurrent bumps never wait on each other
        if DataVersion.objects.filter(scope=scope).update(version=F("version") + 1):
            continue
        try:
            with transaction.atomic():
                DataVersion.objects.create(scope=scope, version=1)
        except IntegrityError:  # created meanwhile by another process
            DataVersion.objects.filter(scope=scope).update(version=F("version") + 1)


def cases_changed(*, case=None, task_force=None) -> None:
    """After the commit, bump the nation and the province of every task force holding `case`
    (read then, so a referral accepted in the same transaction counts), or `task_force`'s."""
    if case is None and task_force is None:
        raise ValueError("cases_changed() needs the case or the task force that changed")
    case_id = case.pk if case is not None else None
    codes = {NATION} | ({scope_of(task_force.code)} if task_force is not None else set())

    def bump():
        from .models import CaseAccess

        holders = set()
        if case_id is not None:
            with rls_bypass(reason="the changed case's holders, by its id: codes only"):
                holders = set(CaseAccess.objects.filter(case_id=case_id)
                              .values_list("task_force__code", flat=True))
        _bump(codes | {scope_of(code) for code in holders})

    transaction.on_commit(bump)


def all_cases_changed() -> None:
    """After a bulk write that bypassed the services (`generate_scale_data`): bump the nation and
    every province, so no figure cached before it is served after it."""
    from gugus_tugas.models import TaskForce

    scopes = {scope_of(code) for code in TaskForce.objects.values_list("code", flat=True)}
    transaction.on_commit(lambda: _bump(scopes | {NATION}))
