"""Checks shared by the entry form, the import and the services: one set of rules and messages."""

import re
from datetime import date

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from .models import age_on

NIK_RE = re.compile(r"^\d{16}$")


def clean_nik(value: str) -> str:
    """A 16-digit NIK whose birth-date part (digits 7-12, day + 40 for women) is a real date."""
    nik = re.sub(r"[\s.\-]", "", value or "")
    if not nik:
        return ""
    if not NIK_RE.match(nik):
        raise ValidationError(_("NIK harus 16 digit angka."))
    day, month = int(nik[6:8]), int(nik[8:10])
    if day > 40:
        day -= 40
    if not (1 <= day <= 31 and 1 <= month <= 12) or nik[:2] == "00" or nik[12:] == "0000":
        raise ValidationError(_("NIK tidak valid: bagian tanggal lahir atau kode wilayahnya salah."))
    return nik


def clean_text(value: str) -> str:
    """Plain text only: HTML tags are removed (and templates escape what is left)."""
    return strip_tags(value or "").strip()


def derive_age(*, birth_date: date | None, age: int | None, on: date) -> int | None:
    today = timezone.localdate()
    if birth_date is not None:
        if birth_date > today:
            raise ValidationError(_("Tanggal lahir tidak boleh di masa depan."))
        if birth_date > on:
            raise ValidationError(_("Tanggal lahir sesudah tanggal kejadian."))
        age = age_on(birth_date, on)
    if age is not None and not 0 <= age <= 120:
        raise ValidationError(_("Usia harus antara 0 dan 120 tahun."))
    return age


def check_dates(*, report_date: date, incident_date: date | None) -> None:
    today = timezone.localdate()
    if report_date > today:
        raise ValidationError(_("Tanggal lapor tidak boleh di masa depan."))
    if incident_date is not None and incident_date > report_date:
        raise ValidationError(_("Tanggal kejadian sesudah tanggal lapor."))


def initials(name: str) -> str:
    parts = [p for p in re.split(r"\s+", clean_text(name)) if p]
    return ".".join(p[0].upper() for p in parts[:3]) + "." if parts else "?"
