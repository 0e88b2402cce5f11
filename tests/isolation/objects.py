"""How to make an object of a task force for each URL keyword that names one.

The isolation harness walks every URL under /gt/<tf_code>/; for each keyword it calls the
provider here with a task force and puts the returned value in the URL. A new view with a new
keyword fails the harness until a provider is added here: that is the point.
"""

from tests.factories import DecreeFactory, InvitationFactory, MembershipFactory, UserFactory


def _decree(tf):
    return DecreeFactory(task_force=tf).code


def _invitation(tf):
    return InvitationFactory(task_force=tf).token


def _membership(tf):
    return MembershipFactory(task_force=tf, user=UserFactory()).code


PROVIDERS = {
    "decree": _decree,
    "invitation": _invitation,
    "membership": _membership,
}
