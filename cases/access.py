from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from gugus_tugas.access import require
from gugus_tugas.roles import Perm

from .models import Attachment, Case, ImportJob, Referral, Service, Victim


def access_case(request, code, *, perm=Perm.VIEW_CASES):
    """A case the current task force holds (owner, or receiver of an accepted referral)."""
    require(request, perm)
    return get_object_or_404(
        Case.objects.select_related("task_force", "incident_region"),
        code=code, deleted_at__isnull=True,
    )


def access_owned_case(request, code, *, perm):
    case = access_case(request, code, perm=perm)
    if case.task_force_id != request.task_force.pk:
        raise PermissionDenied
    return case


def access_victim(request, code, *, perm=Perm.ENTER_CASES):
    require(request, perm)
    victim = get_object_or_404(Victim.objects.select_related("case"), code=code,
                               case__deleted_at__isnull=True)
    if victim.case.task_force_id != request.task_force.pk:
        raise PermissionDenied
    return victim


def access_referral(request, code, *, perm=Perm.ENTER_CASES):
    require(request, perm)
    return get_object_or_404(Referral.objects.select_related("case", "from_task_force",
                                                             "to_task_force"), code=code)


def access_attachment(request, code, *, perm=Perm.VIEW_IDENTITY):
    require(request, perm)
    return get_object_or_404(Attachment.objects.select_related("case"), code=code,
                             case__deleted_at__isnull=True)


def access_import_job(request, code, *, perm=Perm.ENTER_CASES):
    require(request, perm)
    return get_object_or_404(ImportJob, code=code, task_force=request.task_force)


def access_service(request, code, *, perm=Perm.ENTER_CASES):
    """A service of a case the task force holds, recorded by this task force (the owner's
    services by the owner, a receiver's by the receiver)."""
    require(request, perm)
    service = get_object_or_404(Service.objects.select_related("case", "victim"), code=code,
                                case__deleted_at__isnull=True)
    if service.task_force_id != request.task_force.pk:
        raise PermissionDenied
    return service
