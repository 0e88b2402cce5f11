"""Decrees (SK): record, revise, and keep their sub task forces and members."""

from django.db import transaction
from django.db.models import Max

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
    # The SK replaced stays in force until the new one's first day (`Decree.state` and
    # `decree_in_force` read the dates); mark it now only if that day has come.
    if replaced is not None and decree.status == Decree.Status.IN_FORCE and decree.has_started():
        replaced.status = Decree.Status.REPLACED
        replaced.save(update_fields=["status"])
    audit_record(task_force=task_force, actor=acting_user, action="decree.create", obj=decree,
                 number=decree.number)
    return decree


@transaction.atomic
def decree_update(*, decree: Decree, form, acting_user) -> Decree:
    changed = form.changed_data
    decree = form.save()
    if decree.replaces_id and decree.status == Decree.Status.IN_FORCE and decree.has_started():
        Decree.objects.filter(pk=decree.replaces_id, status=Decree.Status.IN_FORCE).update(
            status=Decree.Status.REPLACED
        )
    audit_record(task_force=decree.task_force, actor=acting_user, action="decree.update",
                 obj=decree, fields=changed)
    return decree


@transaction.atomic
def decree_formset_save(*, decree: Decree, formset, action: str, acting_user) -> None:
    """Save a member or sub task force formset of one SK, all or nothing. New rows left at
    the default order go after the existing ones, in the order they were typed."""
    objects = formset.save(commit=False)
    model = formset.model
    changed = [o for o in objects if o.pk]
    last = max([model.objects.filter(decree=decree).exclude(pk__in=[o.pk for o in changed])
                .aggregate(m=Max("order"))["m"] or 0] + [o.order or 0 for o in changed])
    for form in formset.forms:
        obj = form.instance
        if obj in formset.new_objects and not form.cleaned_data.get("order"):
            last += 1
            obj.order = last
    for obj in objects:
        obj.save()
    for obj in formset.deleted_objects:
        obj.delete()
    audit_record(
        task_force=decree.task_force, actor=acting_user, action=action, obj=decree,
        added=len(formset.new_objects), changed=len(formset.changed_objects),
        deleted=len(formset.deleted_objects),
    )
