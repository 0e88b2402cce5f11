from .roles import Perm


def task_force(request):
    membership = getattr(request, "membership", None)
    perms = {p.value: bool(membership and membership.grants(p)) for p in Perm}
    return {
        "task_force": getattr(request, "task_force", None),
        "membership": membership,
        "perms_tf": perms,
    }
