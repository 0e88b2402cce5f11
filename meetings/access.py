"""Access helpers of the meetings app, on `gugus_tugas.access.access_object`: a row by code *and*
the current task force in one query (missing and someone else's: 404; lacking the role: 403)."""

from gugus_tugas.access import access_object
from gugus_tugas.roles import Perm

from .models import Agreement, FollowUp, Meeting, MeetingAttachment, Recommendation


def access_meeting(request, code, *, perm=Perm.VIEW_TASK_FORCE):
    return access_object(request, Meeting, code, perm=perm)


def access_recommendation(request, code, *, perm=Perm.VIEW_TASK_FORCE):
    return access_object(request, Recommendation, code, perm=perm,
                         queryset=Recommendation.objects.select_related(
                             "meeting", "responsible_member", "source_task_force",
                             "rad_activity__plan"))


def access_meeting_attachment(request, code, *, perm=Perm.VIEW_TASK_FORCE):
    return access_object(request, MeetingAttachment, code, perm=perm)


def access_follow_up(request, code, *, perm=Perm.VIEW_TASK_FORCE):
    return access_object(request, FollowUp, code, perm=perm)


def access_agreement(request, code, *, perm=Perm.VIEW_TASK_FORCE):
    return access_object(request, Agreement, code, perm=perm)
