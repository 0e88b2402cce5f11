"""TOTP helpers around allauth's MFA (demo data and tests)."""

import time

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
