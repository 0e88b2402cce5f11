"""ISO 3166-1 countries with Indonesian names (pycountry and its bundled translations)."""

import gettext
from functools import lru_cache

import pycountry


@lru_cache(maxsize=1)
def countries() -> dict[str, str]:
    """alpha-2 code -> Indonesian name, Indonesia itself excluded (it is the default)."""
    tr = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["id"], fallback=True)
    names = {c.alpha_2: tr.gettext(getattr(c, "common_name", None) or c.name)
             for c in pycountry.countries if c.alpha_2 != "ID"}
    return dict(sorted(names.items(), key=lambda kv: kv[1]))


def country_choices(blank_label: str = "Indonesia"):
    return [("", blank_label), *countries().items()]


def country_name(code: str) -> str:
    if not code:
        return "Indonesia"
    return countries().get(code.upper(), code)


def resolve_country(value: str) -> str | None:
    """An alpha-2 code or a name (Indonesian or English) -> alpha-2; '' for Indonesia; None if unknown."""
    value = (value or "").strip()
    if not value or value.upper() in ("ID", "IDN", "INDONESIA", "WNI"):
        return ""
    if value.upper() in countries():
        return value.upper()
    lowered = value.lower()
    for code, name in countries().items():
        if name.lower() == lowered:
            return code
    try:
        return pycountry.countries.lookup(value).alpha_2
    except LookupError:
        return None
