"""The second factor as a property of the session, not only of the account.

A person who can reach victims' identities (a data officer or verifier) or the Django admin
(staff, superusers) must have TOTP enrolled *and* this session must have passed it: allauth records
each authentication step in the session (`get_authentication_records`), and a session counts only
when it holds an `mfa` step (the code asked at login, a re-authentication with the code, or the
enrolment itself, which checks a code). Whatever way a session was opened — a future view that
calls `login()`, a password-only form — it reads no identity and no admin page without that step.
"""

from allauth.account.authentication import get_authentication_records
from allauth.account.internal.flows.login import record_authentication
from allauth.mfa.totp.views import activate_totp as allauth_activate_totp
from django.contrib import messages
from django.shortcuts import redirect, resolve_url
from django.utils.http import urlencode
from django.utils.translation import gettext as _


def session_passed_mfa(request) -> bool:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return False
    return any(r.get("method") == "mfa" for r in get_authentication_records(request, user))


def require_second_factor(request, *, reason: str):
    """None when the person has TOTP and this session passed it; otherwise the redirect that
    gets them there: enrolment first, else the TOTP code again (then back to this page)."""
    if not request.user.has_mfa():
        messages.warning(request, reason)
        return redirect("mfa_activate_totp")
    if not session_passed_mfa(request):
        messages.info(request, _("Masukkan kode dari aplikasi autentikator untuk melanjutkan."))
        query = urlencode({"next": request.get_full_path()})
        return redirect(f"{resolve_url('mfa_reauthenticate')}?{query}")
    return None


def totp_activate(request):
    """allauth's TOTP enrolment, which checks a code from the new authenticator: the session
    that enrolled has passed the second factor, recorded here in the same request (allauth's
    `authenticator_added` signal comes on commit, after the session may have been saved)."""
    had_totp = request.user.is_authenticated and request.user.has_mfa()
    response = allauth_activate_totp(request)
    if (request.method == "POST" and not had_totp and request.user.is_authenticated
            and request.user.has_mfa()):
        record_authentication(request, request.user, "mfa", type="totp", enrolled=True)
    return response
