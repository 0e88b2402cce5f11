"""Regions and countries as text a person types: suggestions while typing, and the server's
reading of what was typed.

The case form carries no list of 552 regions or 250 countries: each such field is a text input
whose suggestions come from a small scoped endpoint (`cases:suggest_regions`,
`cases:suggest_countries`) as the person types. What arrives is read here: a code (`18.71`,
`MY`), a suggestion as shown (`Kota Bandar Lampung (18.71)`, `Malaysia (MY)`) or a name typed in
full; anything else is refused by the form with a message. Codes are always checked against the
region table and ISO 3166-1.
"""

import re
from functools import lru_cache

from gugus_tugas.models import Region

from .countries import countries, resolve_country
from .crypto import normalise

SUGGESTIONS = 20
_CODE_IN_LABEL = re.compile(r"\(([0-9A-Za-z.]+)\)\s*$")


@lru_cache(maxsize=1)
def region_labels() -> dict[str, str]:
    """code -> label as suggested ("Provinsi Lampung (18)", "Kota Bandar Lampung (18.71)")."""
    labels = {}
    for code, name, level in Region.objects.order_by("code").values_list("code", "name", "level"):
        prefix = "Provinsi " if level == Region.Level.PROVINCE else ""
        labels[code] = f"{prefix}{name} ({code})"
    return labels


@lru_cache(maxsize=1)
def country_labels() -> dict[str, str]:
    """alpha-2 -> label as suggested ("Malaysia (MY)"), Indonesia first."""
    return {"ID": "Indonesia (ID)", **{code: f"{name} ({code})" for code, name in countries().items()}}


def _search(labels: dict[str, str], query: str, limit: int) -> list[tuple[str, str]]:
    """Labels containing every word typed, those whose name starts with the text first (all,
    up to `limit`, when nothing is typed)."""
    words = normalise(query).split()
    if not words:
        return list(labels.items())[:limit]
    hits = []
    for code, label in labels.items():
        text = normalise(label)
        if all(w in text for w in words):
            name = text.removeprefix("provinsi ").removeprefix("kabupaten ").removeprefix("kota ")
            rank = 0 if code.lower() == words[0] or name.startswith(words[0]) else 1
            hits.append((rank, code))
    hits.sort()
    return [(code, labels[code]) for _rank, code in hits[:limit]]


def region_search(query: str, limit: int = SUGGESTIONS) -> list[tuple[str, str]]:
    return _search(region_labels(), query, limit)


def country_search(query: str, limit: int = SUGGESTIONS) -> list[tuple[str, str]]:
    return _search(country_labels(), query, limit)


def _resolve(labels: dict[str, str], text: str) -> str | None:
    text = " ".join((text or "").split())
    if not text:
        return ""
    match = _CODE_IN_LABEL.search(text)
    code = match.group(1) if match else text
    for candidate in (code, code.upper()):
        if candidate in labels:
            return candidate
    wanted = normalise(text)
    named = [c for c, label in labels.items()
             if normalise(_CODE_IN_LABEL.sub("", label)) in (wanted, f"provinsi {wanted}")]
    return named[0] if len(named) == 1 else None


def region_resolve(text: str) -> str | None:
    """A region code from what was typed; "" if nothing; None if it names no region (or several)."""
    return _resolve(region_labels(), text)


def country_resolve(text: str) -> str | None:
    """An alpha-2 code ("ID" for Indonesia) from what was typed; "" if nothing; None if unknown."""
    code = _resolve(country_labels(), text)
    if code is None:  # an English name, alpha-3, "WNI"...
        found = resolve_country(text)
        code = "ID" if found == "" else found
    return code
