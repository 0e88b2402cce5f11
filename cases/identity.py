"""The one door to victims' identities.

Encrypted fields load as `Sealed` values (`cases.crypto`): they can be saved back and compared but
not read. A value is opened only inside `identity_access(...)`, which records every field it
opens (which victim or case, which field) and, when the block ends, writes one `IdentityView` row
per victim (and one per case for the chronology and notes) with who, the page or export, and why,
plus one audit row. Pages use it through the `identity_page` decorator, which also marks the
response `Cache-Control: no-store`. Outside it, a page that prints an identity fails
(`IdentityLocked`) instead of showing it unlogged.

Files that hold identities (case attachments, import files) are stored encrypted
(`EncryptedFileStorage`) and read in plain only here: `attachment_content` inside a grant (logged),
`import_file_content` for the import job itself (the explicitly named system path).
Key rotation (`rotate_field_keys`) and duplicate checks (keyed hashes) never open anything.
"""

import json
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import wraps

from django.db import transaction
from django.utils.cache import add_never_cache_headers, patch_cache_control

from gugus_tugas.roles import Perm
from gugus_tugas.services.audit import audit_record

from .crypto import Sealed, decrypt, decrypt_bytes

ATTACHMENT_FIELD = "attachment"


@dataclass
class Grant:
    """One open door: who reads, in which task force, on which page or export, and why."""

    user: object
    task_force: object
    page: str
    purpose: str
    # (case id, victim id or None) -> names of the fields opened
    reads: dict[tuple[int, int | None], set[str]] = field(default_factory=dict)

    def note(self, case_id: int, victim_id: int | None, name: str) -> None:
        self.reads.setdefault((case_id, victim_id), set()).add(name)


_grant: ContextVar[Grant | None] = ContextVar("identity_grant", default=None)


def current_grant() -> Grant | None:
    return _grant.get()


def _owner_ids(instance) -> tuple[int, int | None]:
    """(case id, victim id or None) of a Case or Victim row, or of one of their history rows."""
    name = instance._meta.model_name.removeprefix("historical")
    if name == "victim":
        return instance.case_id, instance.id
    if name == "case":
        return instance.id, None
    raise TypeError(f"no identity owner for {instance._meta.label}")


def unseal(instance, model_field, value: Sealed):
    """Called by the encrypted fields' attribute: open the value if a door is open (and note the
    read), else hand back the sealed value, which refuses to be read."""
    grant = _grant.get()
    if grant is None:
        return value
    case_id, victim_id = _owner_ids(instance)
    grant.note(case_id, victim_id, model_field.name)
    return decrypt(value.token)


@contextmanager
def identity_access(*, user, task_force, page: str, purpose: str) -> Iterator[Grant]:
    """Open the door for one page or export. On a normal exit the reads are logged; if the block
    fails nothing was shown and nothing is logged (the request's transaction is rolled back)."""
    if _grant.get() is not None:
        raise RuntimeError("identity_access is already open")
    grant = Grant(user=user, task_force=task_force, page=page, purpose=purpose)
    token = _grant.set(grant)
    try:
        yield grant
    finally:
        _grant.reset(token)
    identity_views_record(grant=grant)


@transaction.atomic
def identity_views_record(*, grant: Grant) -> int:
    """Write the log of one opened door: one IdentityView row per victim (with the fields read),
    one per case for case-level fields and attachments, and one audit row. Returns the rows."""
    from .models import IdentityView

    if not grant.reads:
        return 0
    rows = [IdentityView(task_force=grant.task_force, case_id=case_id, victim_id=victim_id,
                         user=grant.user, page=grant.page, purpose=grant.purpose[:300],
                         fields=sorted(names))
            for (case_id, victim_id), names in sorted(grant.reads.items(),
                                                      key=lambda kv: (kv[0][0], kv[0][1] or 0))]
    IdentityView.objects.bulk_create(rows, batch_size=2000)
    audit_record(task_force=grant.task_force, actor=grant.user, action="identity.view",
                 page=grant.page, purpose=grant.purpose[:300],
                 cases=len({c for c, _v in grant.reads}),
                 victims=len({v for _c, v in grant.reads if v is not None}))
    return len(rows)


def no_store(response):
    """Identity pages and exports are never kept by a browser or a proxy."""
    add_never_cache_headers(response)
    patch_cache_control(response, no_store=True, private=True)
    response["Pragma"] = "no-cache"
    return response


def identity_page(purpose: str):
    """Decorate every view that may show identities (or serve a file holding them).

    For a person whose role may see identities, the view runs (and renders) inside an open door
    whose reads are logged against this page; for anyone else the values stay sealed. Either way
    the response is marked no-store. The view can refine the purpose (`request.identity.purpose`,
    e.g. the reason typed for an export)."""

    def decorate(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            membership = getattr(request, "membership", None)
            page = request.resolver_match.view_name if request.resolver_match else view.__name__
            if membership is not None and membership.grants(Perm.VIEW_IDENTITY):
                with identity_access(user=request.user, task_force=request.task_force,
                                     page=page, purpose=purpose) as grant:
                    request.identity = grant
                    response = view(request, *args, **kwargs)
                    if hasattr(response, "render") and not getattr(response, "is_rendered", True):
                        response.render()
            else:
                request.identity = None
                response = view(request, *args, **kwargs)
            return no_store(response)

        wrapped.identity_page = True
        return wrapped

    return decorate


def attachment_content(attachment) -> bytes:
    """The plain bytes of an attachment (often an ID scan): only inside an open door, logged."""
    grant = _grant.get()
    if grant is None:
        raise PermissionError("attachments are read only inside identity_access")
    grant.note(attachment.case_id, None, f"{ATTACHMENT_FIELD}:{attachment.filename}")
    with attachment.file.open("rb") as f:
        return decrypt_bytes(f.read())


def import_file_content(job) -> bytes:
    """The plain bytes of an uploaded import file, for the import itself (system path: the file
    is the requester's own upload; the import writes its audit row)."""
    with job.file.open("rb") as f:
        return decrypt_bytes(f.read())


def draft_content(draft, *, user) -> dict[str, list[str]]:
    """The fields of a new-case draft, for the person who typed them and nobody else (her own
    unsent input: nothing to log)."""
    if draft.user_id != user.pk:
        raise PermissionError("a case draft is read back only by its own person")
    return json.loads(decrypt(draft.data) or "{}")


@contextmanager
def maintenance_access(*, reason: str) -> Iterator[Grant]:
    """The explicitly named path for code with no person behind it that must read identities
    (tests, one-off repairs). Nothing is logged to IdentityView; say why in `reason`."""
    if not reason:
        raise ValueError("say why")
    grant = Grant(user=None, task_force=None, page="maintenance", purpose=reason)
    token = _grant.set(grant)
    try:
        yield grant
    finally:
        _grant.reset(token)
