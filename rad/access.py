"""Access helpers of the action plans: code *and* the request's task force in one query
(`access_object`); missing and someone else's both give 404, a role without the permission 403."""

from gugus_tugas.access import access_object
from gugus_tugas.roles import Perm

from .models import ActionPlan, Activity, ProgressReport


def access_plan(request, code, *, perm=Perm.VIEW_TASK_FORCE):
    return access_object(request, ActionPlan, code, perm=perm)


def access_activity(request, code, *, perm=Perm.MANAGE_RAD):
    return access_object(request, Activity, code, perm=perm,
                         queryset=Activity.objects.select_related("plan"))


def access_progress_report(request, code, *, perm=Perm.VIEW_TASK_FORCE):
    return access_object(request, ProgressReport, code, perm=perm,
                         queryset=ProgressReport.objects.select_related("activity__plan"))
