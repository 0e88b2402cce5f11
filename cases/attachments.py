"""Case attachments (often ID scans): stored encrypted at rest (`EncryptedFileStorage`), read in
plain only through `cases.identity.attachment_content` (identity roles, logged)."""

from django.db import transaction

from gugus_tugas.services.audit import audit_record

from .models import Attachment, Case


@transaction.atomic
def attachment_add(*, case: Case, task_force, acting_user, upload, content_type: str,
                   ext: str) -> Attachment:
    """Store an uploaded file (already checked by kind and size) with the case, encrypted."""
    if case.task_force_id != task_force.pk:
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied
    att = Attachment(case=case, task_force=case.task_force, content_type=content_type,
                     filename=upload.name[:200], size=upload.size, uploaded_by=acting_user)
    att.file.save(f"{att.code}{ext}", upload, save=False)
    att.full_clean(exclude=["case", "task_force", "uploaded_by", "file"])
    att.save()
    audit_record(task_force=task_force, actor=acting_user, action="attachment.add", obj=case,
                 attachment=str(att.code), size=att.size)
    return att
