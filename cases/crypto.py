"""Victims' identities at rest: Fernet encryption with rotation, and a keyed hash for matching.

FIELD_ENCRYPTION_KEYS lists Fernet keys newest first. Values are encrypted with the newest and
decrypted with any; `manage.py rotate_field_keys` re-encrypts everything with the newest, after
which older keys can be removed. NIK (and name + birth date) are matched through an HMAC with
NIK_HASH_KEY, never in plain text.
"""

import hashlib
import hmac
import unicodedata
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.db import models


@lru_cache(maxsize=4)
def _fernet(keys: tuple[str, ...]) -> MultiFernet:
    return MultiFernet([Fernet(k.encode() if isinstance(k, str) else k) for k in keys])


def fernet() -> MultiFernet:
    return _fernet(tuple(settings.FIELD_ENCRYPTION_KEYS))


def encrypt(value: str) -> str:
    if value in (None, ""):
        return ""
    return fernet().encrypt(value.encode("utf-8")).decode("ascii")


def decrypt(token: str) -> str:
    if not token:
        return ""
    try:
        return fernet().decrypt(token.encode("ascii")).decode("utf-8")
    except InvalidToken:
        raise ValueError("cannot decrypt a field: is FIELD_ENCRYPTION_KEYS complete?") from None


def rotate(token: str) -> str:
    return fernet().rotate(token.encode("ascii")).decode("ascii") if token else ""


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFKD", text or "").encode("ascii", "ignore").decode()
    return " ".join(text.lower().split())


def keyed_hash(*parts: str) -> str:
    message = "|".join(normalise(p) for p in parts).encode("utf-8")
    return hmac.new(settings.NIK_HASH_KEY.encode(), message, hashlib.sha256).hexdigest()


class EncryptedTextField(models.TextField):
    """Stores Fernet ciphertext; Python code sees plain text. Not searchable by design."""

    def from_db_value(self, value, expression, connection):
        return decrypt(value) if value else ""

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        return encrypt(value) if value else ""

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        return name, "cases.crypto.EncryptedTextField", args, kwargs
