"""The admin site behind the one login: allauth's form (lock-out, TOTP), never Django's own.

`/admin/login/` logs nobody in: it sends the visitor to allauth's login (`?next=` back), then
a staff member without TOTP to enrol, and a session that has not passed TOTP to give the code.
`has_permission` asks the same, so every admin page refuses such a session.
"""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, resolve_url
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _

from .second_factor import require_second_factor, session_passed_mfa


class SecureAdminSite(admin.AdminSite):
    def has_permission(self, request):
        return (super().has_permission(request) and request.user.has_mfa()
                and session_passed_mfa(request))

    def login(self, request, extra_context=None):
        next_url = request.GET.get("next", "")
        if not url_has_allowed_host_and_scheme(next_url, {request.get_host()},
                                               require_https=request.is_secure()):
            next_url = resolve_url("admin:index")
        if not request.user.is_authenticated:
            return redirect(f"{resolve_url('account_login')}?{urlencode({'next': next_url})}")
        if not (request.user.is_active and request.user.is_staff):
            raise PermissionDenied
        needed = require_second_factor(request, reason=_(
            "Akun staf harus memakai verifikasi dua langkah: aktifkan aplikasi autentikator "
            "sebelum membuka halaman admin."))
        if needed is not None:
            if needed.url.startswith(resolve_url("mfa_reauthenticate")):
                return redirect(f"{resolve_url('mfa_reauthenticate')}?"
                                f"{urlencode({'next': next_url})}")
            return needed
        return redirect(next_url)

