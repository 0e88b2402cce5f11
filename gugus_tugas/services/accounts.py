"""What a platform operator (Django admin) does to another person's login: audited in every task
force where the person holds a role, and told to the person by email, so nobody's second factor
or password changes silently."""

from allauth.mfa.base.internal.flows import delete_dangling_recovery_codes
from allauth.mfa.models import Authenticator
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import TaskForce
from ..scoping import rls_bypass
from .audit import audit_record


def _account_event(*, user, acting_user, action: str, subject: str, body: str,
                   also_to: tuple[str, ...] = (), **details):
    with rls_bypass(reason="audit an operator's change in each of the person's own task forces"):
        task_forces = list(TaskForce.objects.filter(
            memberships__user=user, memberships__is_active=True).distinct())
        for tf in task_forces:
            audit_record(task_force=tf, actor=acting_user, action=action, obj=user,
                         person=user.email, by=acting_user.email, **details)
    when = timezone.localtime().strftime("%d/%m/%Y %H:%M")
    text = body % {"actor": acting_user.email, "when": when} + "\n\n" + _(
        "Jika Anda tidak memintanya, segera hubungi admin sekretariat gugus tugas Anda.")
    recipients = [user.email, *(a for a in also_to if a and a != user.email)]
    transaction.on_commit(lambda: [send_mail(subject, text, None, [to]) for to in recipients])


@transaction.atomic
def authenticator_remove(*, authenticator: Authenticator, acting_user) -> None:
    """An operator removes someone's authenticator (a lost phone): the recovery codes go with
    the TOTP, the person must enrol again before any identity or admin page."""
    user, kind = authenticator.user, authenticator.type
    authenticator.delete()
    if kind != Authenticator.Type.RECOVERY_CODES:
        delete_dangling_recovery_codes(user)
    _account_event(
        user=user, acting_user=acting_user, action="account.authenticator_remove",
        authenticator_type=kind,
        subject=_("Verifikasi dua langkah akun Anda dihapus"),
        body=_("Administrator platform (%(actor)s) menghapus aplikasi autentikator akun Anda pada "
               "%(when)s. Anda harus mengaktifkannya lagi saat masuk berikutnya."),
    )


@transaction.atomic
def user_password_set_by_operator(*, user, acting_user) -> None:
    """Record that an operator set (or disabled) someone's password in the admin."""
    _account_event(
        user=user, acting_user=acting_user, action="account.password_set_by_operator",
        usable=user.has_usable_password(),
        subject=_("Kata sandi akun Anda diubah oleh administrator"),
        body=_("Administrator platform (%(actor)s) mengubah kata sandi akun Anda pada %(when)s."),
    )


@transaction.atomic
def user_changed_by_operator(*, user, acting_user, old_email: str, changed: list[str]) -> None:
    """Record an operator's change to someone's email address or platform rights (staff,
    superuser, active): the address a password reset goes to, and who may open the admin.
    A changed address is told at the old address as well."""
    watched = [f for f in changed if f in {"email", "is_staff", "is_superuser", "is_active"}]
    if not watched:
        return
    _account_event(
        user=user, acting_user=acting_user, action="account.changed_by_operator",
        also_to=(old_email,) if "email" in watched else (),
        fields=watched, old_email=old_email if "email" in watched else None,
        subject=_("Akun Anda diubah oleh administrator"),
        body=_("Administrator platform (%(actor)s) mengubah akun Anda pada %(when)s: ")
        + ", ".join(watched) + ".",
    )
