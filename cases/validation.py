"""Checks shared by the entry form, the import and the services: one set of rules and messages."""

import re
import unicodedata
from datetime import date

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from .crypto import keyed_hash
from .models import Victim, age_group, age_on

NAME_MAX = 200  # the entry form's limit, and the import's

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
    """Up to three initials, one character each: letters whose capital is longer than one
    character (ß, ŉ, ligatures) must not overflow the 8-character column."""
    parts = [p for p in re.split(r"\s+", unicodedata.normalize("NFKC", clean_text(name))) if p]
    letters = []
    for part in parts[:3]:
        first = next((c for c in part if c.isalnum()), part[0])
        letters.append(first.upper()[:1])
    return ".".join(letters) + "." if letters else "?"


def nik_contradiction(nik: str, *, birth_date: date | None, sex: str) -> str | None:
    """What a valid NIK's birth-date part (DDMMYY, day + 40 for women) says against the record."""
    if not nik:
        return None
    day, month, yy = int(nik[6:8]), int(nik[8:10]), int(nik[10:12])
    nik_sex = Victim.Sex.FEMALE if day > 40 else Victim.Sex.MALE
    if day > 40:
        day -= 40
    if sex in Victim.Sex.values and sex != nik_sex:
        return _("NIK menunjukkan jenis kelamin %(nik)s, bukan %(row)s (tanggal pada NIK "
                 "perempuan ditambah 40).") % {"nik": nik_sex, "row": sex}
    if birth_date is not None and (day, month, yy) != (
            birth_date.day, birth_date.month, birth_date.year % 100):
        return _("Tanggal lahir pada NIK (%(nik)s) berbeda dari tanggal lahir %(date)s.") % {
            "nik": f"{day:02d}-{month:02d}-{yy:02d}", "date": birth_date.strftime("%d-%m-%Y")}
    return None


def victim_fields(*, name: str, sex: str, nik: str = "", birth_date: date | None = None,
                  age: int | None = None, on: date, contact: str = "") -> dict:
    """The stored fields of one victim, derived the same way for the entry form and the import:
    cleaned name and contact (encrypted by their fields), NIK, initials, age at the incident, age
    group, child or adult, and the hashes that find the same person elsewhere.

    Raises ValidationError keyed by field (name, sex, nik, birth_date, age) with every problem.
    """
    errors: dict[str, list[str]] = {}
    name = clean_text(name)
    if not name:
        errors["name"] = [_("Nama korban wajib diisi.")]
    elif len(name) > NAME_MAX:
        errors["name"] = [_("Nama paling panjang %(n)s karakter (tertulis %(len)s).")
                          % {"n": NAME_MAX, "len": len(name)}]
    if sex not in Victim.Sex.values:
        errors["sex"] = [_("Jenis kelamin harus L atau P.")]
    try:
        nik = clean_nik(nik)
    except ValidationError as e:
        errors["nik"], nik = e.messages, ""
    try:
        age = derive_age(birth_date=birth_date, age=age, on=on)
    except ValidationError as e:
        errors["birth_date" if birth_date else "age"] = e.messages
    if nik and "sex" not in errors:
        problem = nik_contradiction(nik, birth_date=birth_date, sex=sex)
        if problem:
            errors["nik"] = [problem]
    if errors:
        raise ValidationError(errors)
    return {
        "name": name, "nik": nik, "contact": clean_text(contact), "initials": initials(name),
        "sex": sex, "birth_date": birth_date, "age_at_incident": age, "age_group": age_group(age),
        "is_child": None if age is None else age < 18,
        "nik_hash": keyed_hash("nik", nik) if nik else "",
        "identity_hash": keyed_hash("id", name, birth_date.isoformat()) if birth_date else "",
    }
