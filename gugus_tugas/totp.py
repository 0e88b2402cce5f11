"""TOTP helpers around allauth's MFA (demo data and tests)."""

import time

from allauth.account.internal.flows.login import (
    _AUTHENTICATION_METHODS_USER_SESSION_KEY,
    AUTHENTICATION_METHODS_SESSION_KEY,
)
from allauth.mfa import app_settings
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value
from allauth.mfa.utils import decrypt


def totp_enable(user, secret: str):
    """Enrol a TOTP authenticator with a known secret (demo users, tests) plus recovery codes."""
    from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes

    auth = TOTP.activate(user, secret).instance
    RecoveryCodes.activate(user)
    return auth


def totp_code(secret: str, *, at: float | None = None) -> str:
    counter = int(at if at is not None else time.time()) // app_settings.TOTP_PERIOD
    return format_hotp_value(hotp_value(secret, counter))


def totp_code_for(user) -> str:
    from allauth.mfa.models import Authenticator

    auth = Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP)
    return totp_code(decrypt(auth.data["secret"]))


def force_login_after_totp(client, user):
    """Log a test client in as the real login would (tests, benchmarks): password, and the TOTP
    step when the person has TOTP, without typing the code. A session without that step reads no
    identity page and no admin page (`second_factor.py`)."""
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    if user.has_mfa():
        session = client.session
        session[AUTHENTICATION_METHODS_SESSION_KEY] = [
            {"method": "password", "at": time.time(), "email": user.email},
            {"method": "mfa", "at": time.time(), "type": "totp"},
        ]
        session[_AUTHENTICATION_METHODS_USER_SESSION_KEY] = str(user.pk)
        session.save()
    return client
