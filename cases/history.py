"""The case history as a person reads it: field labels in Indonesian, people and places by name,
yes/no, choices by their label, dates as dates; only what a person changed (the technical
fields the system keeps in step are left out). Services' corrections and removals are shown
with their reasons."""

from datetime import date, datetime
from decimal import Decimal

from django.db import models
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from .models import Case, IdentityView, Service, Victim

# kept by the system, not changed by a person, or copies kept in step with other fields
HIDDEN = {
    Case: {"id", "code", "version", "editors", "edited_by", "updated_at", "is_official",
           "created_at", "created_by", "task_force", "register_number", "narrative", "notes",
           "year", "sequence"},
    Service: {"id", "code", "case", "task_force"},
}


def display(field, value) -> str:
    """A stored value as the person reads it."""
    if value is None or value == "":
        return "—"
    if isinstance(field, models.BooleanField):
        return _("Ya") if value else _("Tidak")
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if field.is_relation:
        related = field.related_model._base_manager.filter(pk=value).first()
        return str(related) if related is not None else "—"
    if isinstance(value, datetime):
        return formats.date_format(timezone.localtime(value), "j F Y H.i")
    if isinstance(value, date):
        return formats.date_format(value, "j F Y")
    if isinstance(value, Decimal):
        return formats.number_format(value, decimal_pos=0, use_l10n=True, force_grouping=True)
    return str(value)


def _label(model, name) -> str:
    return str(model._meta.get_field(name).verbose_name)


def readable_changes(model, newer, older) -> list[tuple[str, str, str]]:
    """(label, before, after) of each field a person changed between two historical rows."""
    hidden = HIDDEN.get(model, set())
    fields = [f.name for f in model._meta.concrete_fields if f.name not in hidden]
    delta = newer.diff_against(older, included_fields=fields)
    rows = []
    for change in delta.changes:
        field = model._meta.get_field(change.field)
        rows.append((_label(model, change.field), display(field, change.old),
                     display(field, change.new)))
    return rows


def _service_summary(record) -> str:
    field = Service._meta.get_field
    parts = [display(field("type"), record.type), display(field("status"), record.status),
             display(field("date"), record.date), record.provider_agency or "—"]
    return " · ".join(parts)


def case_history_rows(case: Case, *, limit: int = 100) -> list[dict]:
    """The case's changes and its services' changes, newest first."""
    versions = list(case.history.select_related("history_user")
                    .order_by("-history_date", "-history_id")[:limit])
    rows = []
    for newer, older in zip(versions, [*versions[1:], None], strict=False):
        if older is None:
            changes, what = [], _("kasus dicatat")
        else:
            changes, what = readable_changes(Case, newer, older), ""
            if not changes:
                continue  # a bump of the version only (a service, a victim): shown below
        rows.append({"at": newer.history_date, "user": newer.history_user,
                     "status": newer.get_status_display(), "what": what, "changes": changes,
                     "reason": ""})
    records = list(Service.history.filter(case_id=case.pk).select_related("history_user")
                   .order_by("history_date", "history_id")[: limit * 2])
    victims = {v.pk: v.initials for v in Victim._base_manager.filter(case_id=case.pk)
               .only("id", "initials")}
    previous = {}
    for record in records:
        who = victims.get(record.victim_id, "")
        before = previous.get(record.id)
        if record.history_type == "+":
            what, changes = _("layanan dicatat untuk %(v)s") % {"v": who}, [
                (_label(Service, "type"), "—", _service_summary(record))]
        elif record.history_type == "-":
            what, changes = _("layanan dihapus dari %(v)s") % {"v": who}, [
                (_label(Service, "type"), _service_summary(record), "—")]
        else:
            what = _("layanan %(v)s diperbaiki") % {"v": who}
            changes = readable_changes(Service, record, before) if before is not None else []
        previous[record.id] = record
        rows.append({"at": record.history_date, "user": record.history_user, "status": "",
                     "what": what, "changes": changes,
                     "reason": record.history_change_reason or ""})
    rows.sort(key=lambda r: r["at"], reverse=True)
    return rows[:limit]


IDENTITY_FIELDS = {"name": (Victim, "name"), "nik": (Victim, "nik"),
                   "contact": (Victim, "contact"), "narrative": (Case, "narrative"),
                   "notes": (Case, "notes")}


def identity_field_labels(names) -> str:
    """The fields an identity view showed, in the interface's language."""
    labels = []
    for name in names or []:
        model, field = IDENTITY_FIELDS.get(name, (None, None))
        labels.append(_label(model, field) if model else name)
    return ", ".join(labels)


def identity_views(case: Case, *, limit: int = 200) -> list[IdentityView]:
    views = list(IdentityView.objects.filter(case=case).select_related("user", "victim")[:limit])
    for view in views:
        view.field_labels = identity_field_labels(view.fields)
    return views
