from django.db import models

from ..models import AuditEvent


def audit_record(*, task_force, actor, action: str, obj: models.Model | None = None, **details):
    """Append one audit row (who, what, which record). Services call this inside their atomic block."""
    return AuditEvent.objects.create(
        task_force=task_force,
        actor=actor if actor is not None and actor.is_authenticated else None,
        action=action,
        object_type=obj._meta.label if obj is not None else "",
        object_code=str(getattr(obj, "code", getattr(obj, "pk", ""))) if obj is not None else "",
        details=details,
    )
