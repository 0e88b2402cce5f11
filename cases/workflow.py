"""The case workflow in one table: from which state each action may be taken, the state it leads
to, the permission it needs and the conditions it must meet.

The services enforce it (`require_transition`, under a lock on the case row) and the case page
reads it (`available_actions`), so a rule is written once. A case that is deleted
(`deleted_at`) takes no action at all.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from gugus_tugas.roles import Perm

from .models import Case

S = Case.Status
OPEN = (S.DRAFT, S.SUBMITTED, S.RETURNED, S.VERIFIED)  # every state but closed
ALL = (*OPEN, S.CLOSED)


def self_verifies(case: Case, user) -> bool:
    """Whether this person entered the case, or changed its content since it was last verified
    (its last editor included)."""
    authors = {case.created_by_id, case.edited_by_id, *case.editors} - {None}
    return user is not None and user.pk in authors


def four_eyes(case: Case, user) -> str | None:
    """A case is verified by someone other than the person who entered it or changed it since
    its last verification, unless its task force (with a single person for identities) allows
    self-verification."""
    if not self_verifies(case, user) or case.task_force.allow_self_verification:
        return None
    return _("Kasus ini dicatat atau diubah oleh Anda sendiri; verifikasi harus dilakukan "
             "orang lain (prinsip empat mata).")


@dataclass(frozen=True)
class Transition:
    source: str  # the case's status the action starts from
    action: str
    target: str | None  # the status it leads to; None: the status stays
    perm: Perm
    needs_reason: bool = False
    conditions: tuple[Callable[[Case, object], str | None], ...] = ()


def _rows(sources, action, target, perm, **kw) -> list[Transition]:
    return [Transition(s, action, s if target == "same" else target, perm, **kw) for s in sources]


# from-state, action, to-state, permission, conditions
TRANSITIONS: tuple[Transition, ...] = (
    # content: editing a verified case sends it back to verification (history keeps the old one)
    *_rows((S.DRAFT, S.SUBMITTED, S.RETURNED), "edit", "same", Perm.ENTER_CASES),
    Transition(S.VERIFIED, "edit", S.SUBMITTED, Perm.ENTER_CASES),
    # services and perpetrators are recorded as they happen, also after verification
    *_rows(OPEN, "record", "same", Perm.ENTER_CASES),
    *_rows(ALL, "attach", "same", Perm.ENTER_CASES),
    *_rows(OPEN, "refer", "same", Perm.ENTER_CASES),
    Transition(S.DRAFT, "submit", S.SUBMITTED, Perm.ENTER_CASES),
    Transition(S.RETURNED, "submit", S.SUBMITTED, Perm.ENTER_CASES),
    Transition(S.SUBMITTED, "verify", S.VERIFIED, Perm.VERIFY_CASES, conditions=(four_eyes,)),
    Transition(S.SUBMITTED, "return", S.RETURNED, Perm.VERIFY_CASES, needs_reason=True),
    *_rows(OPEN, "close", S.CLOSED, Perm.VERIFY_CASES, needs_reason=True),
    *_rows(ALL, "delete", None, Perm.VERIFY_CASES, needs_reason=True),
)

_BY_STATE = {(t.source, t.action): t for t in TRANSITIONS}
ACTIONS = tuple(dict.fromkeys(t.action for t in TRANSITIONS))
PERMS = {t.action: t.perm for t in TRANSITIONS}
assert all(PERMS[t.action] == t.perm for t in TRANSITIONS), "one permission per action"

_VERBS = {"edit": _l("diubah"), "record": _l("ditambah layanan atau pelakunya"),
          "attach": _l("diberi lampiran"), "refer": _l("dirujuk"),
          "submit": _l("dikirim untuk verifikasi"), "verify": _l("diverifikasi"),
          "return": _l("dikembalikan"), "close": _l("ditutup"), "delete": _l("dihapus")}


def changes_status(case: Case, action: str) -> bool:
    """Whether the action moves the case to another state (editing a verified case sends it
    back to verification): the edit pages warn of it."""
    row = transition(case, action)
    return row is not None and row.target is not None and row.target != case.status


def needs_reason(action: str) -> bool:
    return any(t.needs_reason for t in TRANSITIONS if t.action == action)


def sources(action: str) -> set[str]:
    return {t.source for t in TRANSITIONS if t.action == action}


def transition(case: Case, action: str) -> Transition | None:
    if case.is_deleted:
        return None
    return _BY_STATE.get((case.status, action))


def refusal(case: Case, action: str) -> str:
    if case.is_deleted:
        return _("Kasus ini sudah dihapus.")
    return _("Kasus berstatus %(status)s tidak dapat %(verb)s.") % {
        "status": case.get_status_display(), "verb": _VERBS.get(action, action)}


def require_transition(case: Case, action: str, *, user=None, task_force=None) -> Transition:
    """The row of the table for this case's current state, or the refusal: the owner only, the
    state must allow the action and every condition must hold. Called by the services with the
    case row locked, so the state it checks is the state it writes over."""
    if task_force is not None and case.task_force_id != task_force.pk:
        raise PermissionDenied(_("Hanya gugus tugas pemilik kasus yang dapat mengubahnya."))
    row = transition(case, action)
    if row is None:
        raise ValidationError(refusal(case, action))
    for condition in row.conditions:
        problem = condition(case, user)
        if problem:
            raise ValidationError(problem)
    return row


@dataclass(frozen=True)
class Available:
    transition: Transition
    refused: str = ""  # a condition that does not hold, shown instead of the button

    def __bool__(self):
        return not self.refused


def available_actions(case: Case, membership, user) -> dict[str, Available]:
    """What this person may do with this case now, for the page: the actions whose row exists
    for the case's state and whose permission the person holds in the owning task force. An
    action held back by a condition is present but false, with its reason."""
    if membership is None or case.is_deleted or case.task_force_id != membership.task_force_id:
        return {}
    actions = {}
    for action in ACTIONS:
        row = transition(case, action)
        if row is None or not membership.grants(row.perm):
            continue
        problems = [p for p in (c(case, user) for c in row.conditions) if p]
        actions[action] = Available(row, problems[0] if problems else "")
    return actions
