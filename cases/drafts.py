"""The new-case form's draft, saved on the server as the officer types (htmx, every change).

Saving is frequent (every change of a field), so it writes no audit row: a draft is the person's
own unsent typing, seen by nobody else; the case it becomes is audited when it is saved.

Each rendering of the form carries a random `draft_key`. Clicking "save" blurs the field last
typed in, whose change event sends one more draft save alongside the form; should it arrive after
the case was saved, it must not bring the draft back (the officer would later be offered a case
she already saved). So a saved case marks its form's key as done (in the cache, for a day) and
saves under a done key are ignored.
"""

import json

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .crypto import encrypt
from .models import CaseDraft

# the form's own fields only; a draft larger than this is not a case form
SKIPPED = {"csrfmiddlewaretoken", "submit", "draft", "draft_key"}
DONE_SECONDS = 24 * 3600


def _done_key(task_force, user, form_key: str) -> str:
    return f"case-draft-done:{task_force.pk}:{user.pk}:{form_key}"
MAX_FIELDS = 400
MAX_CHARS = 100_000


@transaction.atomic
def case_draft_save(*, task_force, acting_user, data: dict[str, list[str]],
                    form_key: str = "") -> CaseDraft | None:
    """Keep what the person has typed (field name -> values), encrypted, replacing her draft;
    None (nothing kept) if the form it comes from was already saved as a case."""
    if form_key and cache.get(_done_key(task_force, acting_user, form_key)):
        return None
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
def case_draft_delete(*, task_force, acting_user, form_key: str = "") -> int:
    """The case was saved: drop the draft, and any late save from the same form."""
    if form_key:
        cache.set(_done_key(task_force, acting_user, form_key), 1, DONE_SECONDS)
    deleted, _rows = CaseDraft.objects.filter(task_force=task_force, user=acting_user).delete()
    return deleted
