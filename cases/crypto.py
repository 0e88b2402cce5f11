"""Victims' identities at rest: Fernet encryption with rotation, and a keyed hash for matching.

FIELD_ENCRYPTION_KEYS lists Fernet keys newest first. Values are encrypted with the newest and
decrypted with any; `manage.py rotate_field_keys` re-encrypts everything with the newest, after
which older keys can be removed. NIK (and name + birth date) are matched through an HMAC with
NIK_HASH_KEY, never in plain text.

Reading is fail-closed: a value loaded from the database is a `Sealed` token, not text. Only
`cases.identity` (the one door, which logs who read what, where and why) turns it into text;
anywhere else, using it as text raises `IdentityLocked`. Files holding identities (import files,
case attachments) are stored encrypted with the same keys by `EncryptedFileStorage`.
"""

import hashlib
import hmac
import unicodedata
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import models
from django.db.models.query_utils import DeferredAttribute

from gugus_tugas.storage import PrivateStorage


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
    """Only for `cases.identity` (the one door); everything else gets `Sealed` values."""
    if not token:
        return ""
    try:
        return fernet().decrypt(token.encode("ascii")).decode("utf-8")
    except InvalidToken:
        raise ValueError("cannot decrypt a field: is FIELD_ENCRYPTION_KEYS complete?") from None


def rotate(token: str) -> str:
    return fernet().rotate(token.encode("ascii")).decode("ascii") if token else ""


def encrypt_bytes(data: bytes) -> bytes:
    return fernet().encrypt(data)


def decrypt_bytes(token: bytes) -> bytes:
    """Only for `cases.identity` (files that hold identities)."""
    try:
        return fernet().decrypt(token)
    except InvalidToken:
        raise ValueError("cannot decrypt a file: is FIELD_ENCRYPTION_KEYS complete?") from None


def rotate_bytes(token: bytes) -> bytes:
    return fernet().rotate(token)


class IdentityLocked(PermissionError):
    """A victim's identity was used outside `cases.identity.identity_access` (nothing logged)."""


class Sealed:
    """An encrypted identity value as loaded from the database. It can be saved back, compared
    and copied (history rows), but not read: as text it raises `IdentityLocked`."""

    __slots__ = ("token",)

    def __init__(self, token: str):
        self.token = token

    def _locked(self, *args):
        raise IdentityLocked("a victim's identity is read only through cases.identity "
                             "(identity_access / identity_page), which logs the access")

    __str__ = __format__ = __iter__ = __len__ = __getitem__ = __html__ = _locked
    encode = lower = upper = strip = split = replace = _locked

    def __repr__(self):
        return "<Sealed identity>"

    def __bool__(self):
        return True

    def __eq__(self, other):
        return isinstance(other, Sealed) and other.token == self.token

    def __hash__(self):
        return hash(self.token)

    def __getstate__(self):
        return self.token

    def __setstate__(self, state):
        self.token = state


class SealedAttribute(DeferredAttribute):
    """The attribute of an encrypted field: a data descriptor, so every read goes through it.
    A Sealed value is opened only inside an open identity grant (which records the read)."""

    def __get__(self, instance, cls=None):
        value = super().__get__(instance, cls)
        if instance is None or not isinstance(value, Sealed):
            return value
        from .identity import unseal  # the one door

        return unseal(instance, self.field, value)

    def __set__(self, instance, value):
        instance.__dict__[self.field.attname] = value


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFKD", text or "").encode("ascii", "ignore").decode()
    return " ".join(text.lower().split())


def keyed_hash(*parts: str) -> str:
    message = "|".join(normalise(p) for p in parts).encode("utf-8")
    return hmac.new(settings.NIK_HASH_KEY.encode(), message, hashlib.sha256).hexdigest()


class EncryptedTextField(models.TextField):
    """Stores Fernet ciphertext. Loaded values are `Sealed`; text set by code is encrypted on
    save. Not searchable by design."""

    descriptor_class = SealedAttribute

    def from_db_value(self, value, expression, connection):
        return Sealed(value) if value else ""

    def to_python(self, value):
        return value if isinstance(value, Sealed) else super().to_python(value)

    def pre_save(self, model_instance, add):
        # the stored value as it is (a Sealed token is saved back without being opened)
        return model_instance.__dict__.get(self.attname)

    def get_prep_value(self, value):
        if isinstance(value, Sealed):
            return value.token
        value = super().get_prep_value(value)
        return encrypt(value) if value else ""

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        return name, "cases.crypto.EncryptedTextField", args, kwargs


class EncryptedFileStorage(PrivateStorage):
    """Private storage whose files are Fernet tokens (FIELD_ENCRYPTION_KEYS): whatever is saved
    is encrypted before it reaches the disk; opening a file gives the token. Plain bytes come
    only from `cases.identity` (`attachment_content`, `import_file_content`)."""

    @property
    def base_location(self):
        return self._value_or_setting(self._location, settings.PRIVATE_STORAGE_ROOT)

    def _save(self, name, content):
        content.seek(0)
        return super()._save(name, ContentFile(encrypt_bytes(content.read())))

    def rewrite(self, name: str, data: bytes) -> None:
        """Replace a stored file's bytes in place (key rotation), atomically."""
        import os
        import tempfile

        path = self.path(name)
        fd, tmp = tempfile.mkstemp(dir=os.path.dirname(path))
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)


_encrypted_storage = None


def encrypted_storage() -> EncryptedFileStorage:
    """The storage of files holding identities (a callable, so migrations name it)."""
    global _encrypted_storage
    if _encrypted_storage is None:
        _encrypted_storage = EncryptedFileStorage()
    return _encrypted_storage
