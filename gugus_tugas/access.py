"""Access helpers: fetch a row by code *and* the current task force in one query.

Missing and someone else's both give 404; a member whose role lacks the permission gets 403.
Views never call `<Model>.objects.get` themselves.
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from .models import Decree, DecreeMember, Invitation, Membership, SubTaskForce
from .roles import Perm


def require(request, perm: Perm) -> None:
    if request.membership is None or not request.membership.grants(perm):
        raise PermissionDenied


def access_object(request, model, code, *, perm: Perm, lookup="code", queryset=None):
    """The generic form: `model` row with `lookup`=code owned by the request's task force."""
    require(request, perm)
    qs = queryset if queryset is not None else model.objects.all()
    return get_object_or_404(qs, task_force=request.task_force, **{lookup: code})


def access_decree(request, code, *, perm=Perm.VIEW_TASK_FORCE):
    return access_object(request, Decree, code, perm=perm)


def access_sub_task_force(request, code, *, perm=Perm.MANAGE_DECREES):
    return access_object(request, SubTaskForce, code, perm=perm)


def access_decree_member(request, code, *, perm=Perm.MANAGE_DECREES):
    return access_object(request, DecreeMember, code, perm=perm)


def access_invitation(request, code, *, perm=Perm.MANAGE_PEOPLE):
    """By the invitation's `code`, never its secret token (the emailed link's)."""
    return access_object(request, Invitation, code, perm=perm)


def access_membership(request, code, *, perm=Perm.MANAGE_PEOPLE):
    return access_object(request, Membership, code, perm=perm)
