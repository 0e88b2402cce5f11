"""Django's makemessages, also reading `_l("...")` (the house's `gettext_lazy as _l`): without
the keyword, xgettext skips every lazy label that is not also written with `_()` elsewhere, and
the English interface shows it in Indonesian (found by the browser journeys' language scan)."""

from django.core.management.commands import makemessages


class Command(makemessages.Command):
    xgettext_options = [*makemessages.Command.xgettext_options, "--keyword=_l"]
