from django import template

from rad.numbers import number_id
from rad.numbers import rupiah as _rupiah

register = template.Library()


@register.filter
def rupiah(value):
    """1250000 → 'Rp 1.250.000'."""
    return _rupiah(value)


@register.filter
def angka(value):
    """12.5 → '12,5'; 1250 → '1.250'."""
    return number_id(value)


@register.filter
def pct(value):
    """A percentage with a decimal comma, '—' when there is nothing to divide by."""
    if value is None:
        return "—"
    return f"{value:.1f}".replace(".", ",") + " %"


@register.filter
def get(mapping, key):
    return mapping.get(key) if mapping else None
