from django import template

register = template.Library()


@register.filter
def split(value):
    return value.split()


@register.filter
def field(form, name):
    return form[name]
