"""Decrees (SK): record, revise, and keep their sub task forces and members."""

from django.db import transaction

from ..models import Decree, DecreeMember, SubTaskForce, TaskForce
from .audit import audit_record


@transaction.atomic
def decree_create(
    *, task_force: TaskForce, data: dict, sub_task_force_names: list[str], copy_members: bool,
    acting_user,
) -> Decree:
    decree = Decree(task_force=task_force, created_by=acting_user, **data)
    decree.full_clean()
    decree.save()
    replaced = decree.replaces
    if copy_members and replaced is not None:
        mapping = {}
        for stf in replaced.sub_task_forces.all():
            mapping[stf.pk] = SubTaskForce.objects.create(
                task_force=task_force, decree=decree, name=stf.name, order=stf.order
            )
        DecreeMember.objects.bulk_create(
            DecreeMember(
                task_force=task_force, decree=decree, position=m.position, agency=m.agency,
                person_name=m.person_name, role=m.role, order=m.order,
                sub_task_force=mapping.get(m.sub_task_force_id),
            )
            for m in replaced.members.all()
        )
    else:
        SubTaskForce.objects.bulk_create(
            SubTaskForce(task_force=task_force, decree=decree, name=name, order=i + 1)
            for i, name in enumerate(sub_task_force_names)
        )
    if replaced is not None and decree.status == Decree.Status.IN_FORCE:
        replaced.status = Decree.Status.REPLACED
        replaced.save(update_fields=["status"])
    audit_record(task_force=task_force, actor=acting_user, action="decree.create", obj=decree,
                 number=decree.number)
    return decree


@transaction.atomic
def decree_update(*, decree: Decree, form, acting_user) -> Decree:
    changed = form.changed_data
    decree = form.save()
    if decree.replaces_id and decree.status == Decree.Status.IN_FORCE:
        Decree.objects.filter(pk=decree.replaces_id, status=Decree.Status.IN_FORCE).update(
            status=Decree.Status.REPLACED
        )
    audit_record(task_force=decree.task_force, actor=acting_user, action="decree.update",
                 obj=decree, fields=changed)
    return decree


@transaction.atomic
def decree_formset_save(*, decree: Decree, formset, action: str, acting_user) -> None:
    """Save a member or sub task force formset of one SK, all or nothing."""
    formset.save()
    audit_record(
        task_force=decree.task_force, actor=acting_user, action=action, obj=decree,
        added=len(formset.new_objects), changed=len(formset.changed_objects),
        deleted=len(formset.deleted_objects),
    )
