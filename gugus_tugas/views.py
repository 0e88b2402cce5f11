from allauth.account.internal.flows.login import record_authentication
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.i18n import set_language as django_set_language

from .access import (
    access_decree,
    access_invitation,
    access_membership,
    require,
)
from .forms import (
    AcceptInvitationForm,
    DecreeForm,
    DecreeMemberFormSet,
    InvitationForm,
    SubTaskForceFormSet,
    TaskForceProfileForm,
    UserProfileForm,
)
from .inbox import inbox_for
from .models import AuditEvent, Invitation
from .roles import Perm
from .scoping import rls_bypass, task_force_scope
from .selectors import (
    EXPIRY_WARNING_DAYS,
    child_task_forces,
    decree_current,
    decree_list,
    decree_structure,
    identity_role_grants,
    membership_list,
    membership_list_for_user,
)
from .services.decrees import decree_create, decree_formset_save, decree_update
from .services.people import (
    InvitationError,
    invitation_accept,
    invitation_check,
    invitation_create,
    invitation_link,
    invitation_revoke,
    membership_deactivate,
)
from .services.profile import task_force_profile_update, user_language_set
from .storage import private_download


@login_required
def home(request):
    memberships = membership_list_for_user(user=request.user)
    if len(memberships) == 1:
        return redirect("task_force_home", tf_code=memberships[0].task_force.code)
    return render(request, "gugus_tugas/home.html", {"memberships": memberships})


def task_force_home(request, tf_code):
    require(request, Perm.VIEW_TASK_FORCE)
    tf = request.task_force
    inbox = inbox_for(user=request.user, membership=request.membership)
    decree = decree_current(task_force=tf)
    structure = decree_structure(decree=decree) if decree else None
    days_left = decree.days_to_expiry() if decree else None
    return render(request, "gugus_tugas/task_force_home.html", {
        "decree": decree,
        "structure": structure,
        "days_left": days_left,
        "expiry_warning": days_left is not None and days_left <= EXPIRY_WARNING_DAYS,
        "children": child_task_forces(task_force=tf) if tf.level != tf.Level.DISTRICT else None,
        "inbox": inbox,
    })


def inbox_badge(request, tf_code):
    """The navigation's count of what waits for this person (loaded by htmx after the page)."""
    require(request, Perm.VIEW_TASK_FORCE)
    inbox = inbox_for(user=request.user, membership=request.membership)
    response = render(request, "gugus_tugas/_inbox_badge.html", {"inbox": inbox})
    response["Cache-Control"] = "private, no-store"
    return response


def decree_history(request, tf_code):
    require(request, Perm.VIEW_TASK_FORCE)
    return render(request, "gugus_tugas/decree_list.html",
                  {"decrees": decree_list(task_force=request.task_force)})


def decree_new(request, tf_code):
    require(request, Perm.MANAGE_DECREES)
    tf = request.task_force
    form = DecreeForm(request.POST or None, request.FILES or None, task_force=tf)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k in DecreeForm.Meta.fields}
        try:
            decree = decree_create(
                task_force=tf, data=data,
                sub_task_force_names=form.cleaned_data["sub_task_force_names"],
                copy_members=form.cleaned_data["copy_members"], acting_user=request.user,
            )
        except ValidationError as e:
            form.add_error(None, e)
        else:
            messages.success(request, _("SK %(number)s tersimpan. Lengkapi anggotanya.")
                             % {"number": decree.number})
            return redirect("decree_members", tf_code=tf.code, decree=decree.code)
    return render(request, "gugus_tugas/decree_form.html", {"form": form}, status=_status(form))


def decree_detail(request, tf_code, decree):
    decree = access_decree(request, decree)
    return render(request, "gugus_tugas/decree_detail.html", {
        "decree": decree, "structure": decree_structure(decree=decree),
    })


def decree_edit(request, tf_code, decree):
    decree = access_decree(request, decree, perm=Perm.MANAGE_DECREES)
    form = DecreeForm(request.POST or None, request.FILES or None, instance=decree,
                      task_force=request.task_force)
    if request.method == "POST" and form.is_valid():
        decree_update(decree=decree, form=form, acting_user=request.user)
        messages.success(request, _("SK %(number)s diperbarui.") % {"number": decree.number})
        return redirect("decree_detail", tf_code=tf_code, decree=decree.code)
    return render(request, "gugus_tugas/decree_form.html", {"form": form, "decree": decree},
                  status=_status(form))


def _decree_formset_page(request, tf_code, decree, *, formset_class, prefix, action, template,
                         success):
    decree = access_decree(request, decree, perm=Perm.MANAGE_DECREES)
    formset = formset_class(request.POST or None, instance=decree, prefix=prefix)
    if request.method == "POST" and formset.is_valid():
        decree_formset_save(decree=decree, formset=formset, action=action,
                            acting_user=request.user)
        messages.success(request, success % {"number": decree.number})
        return redirect("decree_detail", tf_code=tf_code, decree=decree.code)
    return render(request, template, {"decree": decree, "formset": formset},
                  status=_status(formset))


def decree_members(request, tf_code, decree):
    return _decree_formset_page(
        request, tf_code, decree, formset_class=DecreeMemberFormSet, prefix="m",
        action="decree.members", template="gugus_tugas/decree_members.html",
        success=_("Susunan anggota SK %(number)s tersimpan."),
    )


def decree_sub_task_forces(request, tf_code, decree):
    return _decree_formset_page(
        request, tf_code, decree, formset_class=SubTaskForceFormSet, prefix="s",
        action="decree.sub_task_forces", template="gugus_tugas/decree_sub_task_forces.html",
        success=_("Sub gugus tugas SK %(number)s tersimpan."),
    )


def decree_structure_print(request, tf_code, decree):
    decree = access_decree(request, decree)
    return render(request, "gugus_tugas/decree_structure_print.html", {
        "decree": decree, "structure": decree_structure(decree=decree),
        "printed_at": timezone.localtime(),
    })


def decree_scan(request, tf_code, decree):
    decree = access_decree(request, decree)
    filename = f"SK-{decree.number}.pdf".replace("/", "-").replace(" ", "_")
    return private_download(decree.scan, filename=filename)


def people(request, tf_code):
    require(request, Perm.MANAGE_PEOPLE)
    tf = request.task_force
    form = InvitationForm(request.POST or None, inviter_membership=request.membership)
    if request.method == "POST" and form.is_valid():
        try:
            invitation = invitation_create(
                task_force=tf, email=form.cleaned_data["email"], role=form.cleaned_data["role"],
                acting_user=request.user, inviter_membership=request.membership,
            )
        except ValidationError as e:
            for fld, errs in e.message_dict.items():
                form.add_error(fld if fld in form.fields else None, errs)
        else:
            messages.success(request, _("Undangan dikirim ke %(email)s.")
                             % {"email": invitation.email})
            return redirect("people", tf_code=tf.code)
    invitations = Invitation.objects.filter(task_force=tf, accepted_at__isnull=True,
                                            revoked_at__isnull=True).select_related("invited_by")
    return render(request, "gugus_tugas/people.html", {
        "form": form, "memberships": membership_list(task_force=tf), "invitations": invitations,
        "identity_grants": identity_role_grants(task_force=tf), "now": timezone.now(),
    }, status=_status(form))


@require_POST
def invitation_cancel(request, tf_code, invitation):
    invitation = access_invitation(request, invitation)
    if invitation.is_open:
        invitation_revoke(invitation=invitation, acting_user=request.user)
        messages.success(request, _("Undangan untuk %(email)s dibatalkan.")
                         % {"email": invitation.email})
    return redirect("people", tf_code=tf_code)


@require_POST
def membership_revoke(request, tf_code, membership):
    membership = access_membership(request, membership)
    try:
        membership_deactivate(membership=membership, acting_user=request.user)
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
    else:
        messages.success(request, _("Peran %(user)s dicabut.") % {"user": membership.user})
    return redirect("people", tf_code=tf_code)


def task_force_profile(request, tf_code):
    require(request, Perm.MANAGE_PEOPLE)
    form = TaskForceProfileForm(request.POST or None, request.FILES or None,
                                instance=request.task_force)
    if request.method == "POST" and form.is_valid():
        task_force_profile_update(task_force=request.task_force, form=form,
                                  acting_user=request.user)
        messages.success(request, _("Data sekretariat tersimpan."))
        return redirect("task_force_home", tf_code=tf_code)
    return render(request, "gugus_tugas/profile_form.html", {"form": form}, status=_status(form))


def task_force_logo(request, tf_code):
    require(request, Perm.VIEW_TASK_FORCE)
    logo = request.task_force.logo
    png = logo.name.lower().endswith(".png")
    return private_download(logo, filename=f"logo.{'png' if png else 'jpg'}", as_attachment=False,
                            content_type="image/png" if png else "image/jpeg")


@login_required
def user_profile(request):
    form = UserProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Profil tersimpan."))
        return redirect("user_profile")
    return render(request, "gugus_tugas/user_profile.html", {"form": form}, status=_status(form))


@require_POST
def language_set(request):
    """The language switch: Django's (the cookie, back to `next`), and kept on the profile of
    the person logged in, so it holds after logout and login and on other devices."""
    response = django_set_language(request)
    language = request.POST.get("language", "")
    if request.user.is_authenticated and language in dict(settings.LANGUAGES):
        user_language_set(user=request.user, language=language)
    return response


def audit_log(request, tf_code):
    require(request, Perm.VIEW_AUDIT)
    events = AuditEvent.objects.filter(task_force=request.task_force).select_related("actor")[:200]
    return render(request, "gugus_tugas/audit_log.html", {"events": events})


def invitation_accept_view(request, token):
    """Public link from the invite email; the lookup by token is deliberately unscoped."""
    with rls_bypass(reason="an invitation by the secret token of its email link"):
        invitation = get_object_or_404(Invitation.objects.select_related("task_force"),
                                       token=token)
    tf = invitation.task_force
    error = None
    try:
        invitation_check(invitation)
    except InvitationError as e:
        error = str(e)
    if error:
        return render(request, "gugus_tugas/invitation_accept.html",
                      {"invitation": invitation, "error": error}, status=410)

    from .models import User

    existing = User.objects.filter(email__iexact=invitation.email).first()
    if existing is not None:
        if not request.user.is_authenticated:
            messages.info(request, _("Masuk dengan %(email)s untuk menerima undangan.")
                          % {"email": invitation.email})
            return redirect(f"{reverse('account_login')}?next={request.path}")
        if request.method == "POST":
            try:
                with task_force_scope(tf), transaction.atomic():
                    invitation_accept(invitation=invitation, user=request.user)
            except InvitationError as e:
                return render(request, "gugus_tugas/invitation_accept.html",
                              {"invitation": invitation, "error": str(e)}, status=403)
            messages.success(request, _("Anda sekarang anggota %(tf)s.") % {"tf": tf.name})
            return redirect("task_force_home", tf_code=tf.code)
        return render(request, "gugus_tugas/invitation_accept.html",
                      {"invitation": invitation, "existing": existing})

    form = AcceptInvitationForm(request.POST or None, email=invitation.email)
    if request.method == "POST" and form.is_valid():
        with task_force_scope(tf):
            user, membership = invitation_accept(
                invitation=invitation, name=form.cleaned_data["name"],
                password=form.cleaned_data["password1"],
            )
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        # The password was just set: count it as a fresh authentication, so enrolling TOTP
        # right away does not ask for the password again.
        record_authentication(request, user, "password", email=user.email, reauthenticated=True)
        messages.success(request, _("Selamat datang, %(name)s. Akun Anda sudah dibuat.")
                         % {"name": user.name})
        if membership.requires_mfa:
            return redirect("mfa_activate_totp")
        return redirect("task_force_home", tf_code=tf.code)
    return render(request, "gugus_tugas/invitation_accept.html",
                  {"invitation": invitation, "form": form}, status=_status(form))


def _status(form) -> int:
    """200 for a fresh form, 400 when a submitted form was refused (tests and htmx read it)."""
    return 400 if form.is_bound and not form.is_valid() else 200


__all__ = ["invitation_link"]
