"""Invitations and roles: the only way people get into a task force."""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.mail import send_mail, send_mass_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import Invitation, Membership, TaskForce
from ..roles import GRANTABLE_ROLES, MFA_REQUIRED_ROLES, Role
from ..scoping import rls_bypass
from .audit import audit_record

User = get_user_model()


def invitation_link(invitation: Invitation) -> str:
    return settings.SITE_URL.rstrip("/") + reverse("invitation_accept", args=[invitation.token])


def _validate_invite(*, task_force, email, role, inviter_membership):
    if role not in Role.values:
        raise ValidationError({"role": _("Peran tidak dikenal.")})
    if inviter_membership is not None and role not in GRANTABLE_ROLES.get(
        inviter_membership.role, frozenset()
    ):
        raise ValidationError({"role": _("Anda tidak berwenang memberikan peran ini.")})
    with rls_bypass(reason="is the invitee already a member here"):
        if Membership.objects.filter(
            task_force=task_force, user__email__iexact=email, is_active=True
        ).exists():
            raise ValidationError(
                {"email": _("%(email)s sudah menjadi anggota gugus tugas ini.") % {"email": email}}
            )


@transaction.atomic
def invitation_create(
    *, task_force: TaskForce, email: str, role: str, acting_user=None, inviter_membership=None
) -> Invitation:
    """Invite someone by email with a role. `inviter_membership` None: a command-line bootstrap."""
    email = email.strip().lower()
    _validate_invite(
        task_force=task_force, email=email, role=role, inviter_membership=inviter_membership
    )
    now = timezone.now()
    Invitation.objects.filter(task_force=task_force, email=email, accepted_at__isnull=True,
                              revoked_at__isnull=True).update(revoked_at=now)
    invitation = Invitation(
        task_force=task_force,
        email=email,
        role=role,
        invited_by=acting_user,
        created_at=now,
        expires_at=now + timedelta(days=settings.INVITE_VALID_DAYS),
    )
    invitation.full_clean()
    invitation.save()
    audit_record(task_force=task_force, actor=acting_user, action="invitation.create",
                 obj=invitation, email=email, role=role)
    link = invitation_link(invitation)
    subject = _("Undangan ke %(tf)s") % {"tf": task_force.name}
    body = _(
        "Anda diundang sebagai %(role)s di %(tf)s.\n\nBuka tautan berikut untuk menerima "
        "undangan (berlaku sampai %(until)s):\n%(link)s\n"
    ) % {
        "role": invitation.get_role_display(),
        "tf": task_force.name,
        "until": timezone.localtime(invitation.expires_at).strftime("%d/%m/%Y %H:%M"),
        "link": link,
    }
    transaction.on_commit(lambda: send_mail(subject, body, None, [email]))
    if role in MFA_REQUIRED_ROLES:
        _announce_identity_role_grant(invitation=invitation, acting_user=acting_user)
    return invitation


def identity_grant_recipients(*, task_force: TaskForce, acting_user=None) -> list[str]:
    """Every other secretariat admin of the task force and of its province: the people who can
    notice an identity role given to the wrong mailbox (four eyes on who reads identities)."""
    task_forces = [task_force]
    if task_force.level == TaskForce.Level.DISTRICT and task_force.parent_id:
        task_forces.append(task_force.parent)
    with rls_bypass(reason="the admins to tell of an identity role (emails only)"):
        admins = Membership.objects.filter(
            task_force__in=task_forces, role=Role.SECRETARIAT_ADMIN, is_active=True,
            user__is_active=True,
        )
        if acting_user is not None and acting_user.is_authenticated:
            admins = admins.exclude(user=acting_user)
        return sorted(set(admins.values_list("user__email", flat=True)))


def _announce_identity_role_grant(*, invitation: Invitation, acting_user) -> None:
    task_force = invitation.task_force
    recipients = identity_grant_recipients(task_force=task_force, acting_user=acting_user)
    if not recipients:
        return
    by = acting_user.email if acting_user is not None else _("perintah baris (command line)")
    subject = _("Peran yang dapat melihat identitas korban diberikan di %(tf)s") % {
        "tf": task_force.name}
    body = _(
        "%(by)s mengundang %(email)s sebagai %(role)s di %(tf)s pada %(when)s.\n\n"
        "Peran ini dapat melihat identitas korban (nama, NIK, kontak). Jika undangan ini tidak "
        "semestinya, batalkan di halaman Pengguna gugus tugas tersebut:\n%(people)s\n"
    ) % {
        "by": by, "email": invitation.email, "role": invitation.get_role_display(),
        "tf": task_force.name,
        "when": timezone.localtime(invitation.created_at).strftime("%d/%m/%Y %H:%M"),
        "people": settings.SITE_URL.rstrip("/") + reverse("people", args=[task_force.code]),
    }
    messages = [(subject, body, None, [address]) for address in recipients]
    transaction.on_commit(lambda: send_mass_mail(messages))


class InvitationError(Exception):
    pass


def invitation_check(invitation: Invitation) -> None:
    if invitation.revoked_at is not None:
        raise InvitationError(_("Undangan ini sudah dibatalkan. Mintalah undangan baru."))
    if invitation.accepted_at is not None:
        raise InvitationError(_("Undangan ini sudah dipakai. Silakan masuk."))
    if invitation.is_expired:
        raise InvitationError(
            _("Tautan undangan sudah kedaluwarsa. Mintalah admin sekretariat mengirim ulang.")
        )


@transaction.atomic
def invitation_accept(*, invitation: Invitation, user=None, name: str = "", password: str = ""):
    """Accept: an existing (logged-in) user gains the role; otherwise an account is created."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    invitation_check(invitation)
    if user is None:
        user = User.objects.filter(email__iexact=invitation.email).first()
        if user is None:
            user = User.objects.create_user(
                email=invitation.email, password=password, name=name,
                timezone=invitation.task_force.timezone,
            )
    elif user.email.lower() != invitation.email.lower():
        raise InvitationError(_("Undangan ini untuk alamat email lain."))
    Membership.objects.filter(user=user, task_force=invitation.task_force, is_active=True).update(
        is_active=False
    )
    membership = Membership.objects.create(
        user=user, task_force=invitation.task_force, role=invitation.role,
        created_by=invitation.invited_by,
    )
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    audit_record(task_force=invitation.task_force, actor=user, action="invitation.accept",
                 obj=invitation, role=invitation.role)
    return user, membership


@transaction.atomic
def invitation_revoke(*, invitation: Invitation, acting_user) -> None:
    invitation.revoked_at = timezone.now()
    invitation.save(update_fields=["revoked_at"])
    audit_record(task_force=invitation.task_force, actor=acting_user, action="invitation.revoke",
                 obj=invitation)


@transaction.atomic
def membership_deactivate(*, membership: Membership, acting_user) -> None:
    if membership.user_id == acting_user.pk:
        raise ValidationError(_("Anda tidak dapat mencabut peran Anda sendiri."))
    membership.is_active = False
    membership.save(update_fields=["is_active"])
    audit_record(task_force=membership.task_force, actor=acting_user,
                 action="membership.deactivate", obj=membership, role=membership.role)
