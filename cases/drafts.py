"""The new-case form's draft, saved on the server as the officer types (htmx, every change).

Saving is frequent (every change of a field), so it writes no audit row: a draft is the person's
own unsent typing, seen by nobody else; the case it becomes is audited when it is saved.
"""

import json

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .crypto import encrypt
from .models import CaseDraft

# the form's own fields only; a draft larger than this is not a case form
SKIPPED = {"csrfmiddlewaretoken", "submit", "draft"}
MAX_FIELDS = 400
MAX_CHARS = 100_000


@transaction.atomic
def case_draft_save(*, task_force, acting_user, data: dict[str, list[str]]) -> CaseDraft:
    """Keep what the person has typed (field name -> values), encrypted, replacing her draft."""
    fields = {k: [str(v) for v in values] for k, values in data.items()
              if k not in SKIPPED and any(values)}
    text = json.dumps(fields, ensure_ascii=False)
    if len(fields) > MAX_FIELDS or len(text) > MAX_CHARS:
        raise ValidationError(_("Draf terlalu besar untuk disimpan."))
    draft, _created = CaseDraft.objects.update_or_create(
        task_force=task_force, user=acting_user,
        defaults={"data": encrypt(text), "saved_at": timezone.now()})
    return draft


def case_draft_get(*, task_force, user) -> CaseDraft | None:
    return CaseDraft.objects.filter(task_force=task_force, user=user).first()


@transaction.atomic
def case_draft_delete(*, task_force, acting_user) -> int:
    deleted, _rows = CaseDraft.objects.filter(task_force=task_force, user=acting_user).delete()
    return deleted
