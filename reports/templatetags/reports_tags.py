from django import template

register = template.Library()


@register.filter
def get(mapping, key):
    return mapping.get(key, key)


@register.filter
def isodate(value):
    """A date written as ISO text in the figures (JSON), back to a date for `|date`."""
    from datetime import date

    try:
        return date.fromisoformat(value)
    except (TypeError, ValueError):
        return value
