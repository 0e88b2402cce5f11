from django.db import models

from ..models import AuditEvent
from .notifications import notifications_for_event


def audit_record(*, task_force, actor, action: str, obj: models.Model | None = None, **details):
    """Append one audit row (who, what, which record). Services call this inside their atomic block.

    The events people must act on (a case returned, a referral received or answered) are also
    told to them by email: `notifications_for_event` records them here, once per person."""
    event = AuditEvent.objects.create(
        task_force=task_force,
        actor=actor if actor is not None and actor.is_authenticated else None,
        action=action,
        object_type=obj._meta.label if obj is not None else "",
        object_code=str(getattr(obj, "code", getattr(obj, "pk", ""))) if obj is not None else "",
        details=details,
    )
    notifications_for_event(audit_event=event, obj=obj, actor=event.actor)
    return event
