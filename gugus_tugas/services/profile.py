from django.db import transaction

from .audit import audit_record


@transaction.atomic
def task_force_profile_update(*, task_force, form, acting_user):
    """Save the secretariat's details. A change of the four-eyes setting (self-verification of
    cases) is named in the audit row with its new value."""
    changed = sorted(form.changed_data)
    task_force = form.save()
    details = {"fields": changed}
    if "allow_self_verification" in changed:
        details["allow_self_verification"] = task_force.allow_self_verification
    audit_record(task_force=task_force, actor=acting_user, action="task_force.profile",
                 obj=task_force, **details)
    return task_force


def user_language_set(*, user, language: str) -> None:
    """Keep the interface language a person chose on her profile: applied on every request
    after she logs in, on any device (gugus_tugas.middleware.PersonLanguageMiddleware)."""
    from django.conf import settings
    from django.core.exceptions import ValidationError

    if language not in dict(settings.LANGUAGES):
        raise ValidationError("unknown language")
    if user.language != language:
        user.language = language
        user.save(update_fields=["language"])
