"""Production: refuses to start with the public development keys or an email backend that does
not send (invitation and password-reset links would end up in a log)."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import (
    DEV_FIELD_ENCRYPTION_KEY,
    DEV_NIK_HASH_KEY,
    DEV_SECRET_KEY,
    STORAGES,
    env,
)

DEBUG = False


def _required(name: str, value, *, dev_value: str, hint: str = ""):
    values = value if isinstance(value, list) else [value]
    if not any(values) or dev_value in values:
        raise ImproperlyConfigured(
            f"{name} must be set to a secret of this installation for production: it is "
            f"{'empty' if not any(values) else 'the public development value'}. {hint}"
            "For development, run with DJANGO_SETTINGS_MODULE=gugus_tugas.settings.local "
            "(make run does)."
        )
    return value


SECRET_KEY = _required("DJANGO_SECRET_KEY", env("DJANGO_SECRET_KEY", default=""),
                       dev_value=DEV_SECRET_KEY)
FIELD_ENCRYPTION_KEYS = _required(
    "FIELD_ENCRYPTION_KEYS", env.list("FIELD_ENCRYPTION_KEYS", default=[]),
    dev_value=DEV_FIELD_ENCRYPTION_KEY,
    hint='Generate one with python -c "from cryptography.fernet import Fernet; '
         'print(Fernet.generate_key().decode())". ',
)
NIK_HASH_KEY = _required("NIK_HASH_KEY", env("NIK_HASH_KEY", default=""),
                         dev_value=DEV_NIK_HASH_KEY)

# Email must really be sent: EMAIL_URL is required and must not be a backend that keeps mail.
if not env("EMAIL_URL", default=""):
    raise ImproperlyConfigured(
        "EMAIL_URL must be set for production (e.g. smtp+tls://user:password@host:587): "
        "invitations and password resets are sent by email."
    )
vars().update(env.email_url("EMAIL_URL"))
NON_SENDING_EMAIL_BACKENDS = {
    "django.core.mail.backends.console.EmailBackend",
    "django.core.mail.backends.locmem.EmailBackend",
    "django.core.mail.backends.dummy.EmailBackend",
    "django.core.mail.backends.filebased.EmailBackend",
}
if EMAIL_BACKEND in NON_SENDING_EMAIL_BACKENDS:  # noqa: F405 (set by env.email_url above)
    raise ImproperlyConfigured(
        f"EMAIL_URL names {EMAIL_BACKEND}, which sends nothing: invitation links would end up "  # noqa: F405
        "in a log or a file. Use an SMTP server (smtp+tls://user:password@host:587)."
    )

# JSON logs unless told otherwise (LOG_FORMAT=text): one object per line for the log collector.
LOGGING["handlers"]["console"]["formatter"] = env("LOG_FORMAT", default="json")  # noqa: F405

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = env.bool("DJANGO_SECURE_COOKIES", default=True)
CSRF_COOKIE_SECURE = env.bool("DJANGO_SECURE_COOKIES", default=True)
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
# HSTS: one year by default; subdomains included unless the domain has plain-HTTP subdomains.
SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=365 * 24 * 3600)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env.bool("DJANGO_SECURE_HSTS_PRELOAD", default=False)
STORAGES["staticfiles"]["BACKEND"] = "whitenoise.storage.CompressedManifestStaticFilesStorage"
# Preloading is the domain owner's decision (it covers the whole registered domain and is slow to
# undo), so the flag is off by default and check --deploy is not asked to insist on it.
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]
