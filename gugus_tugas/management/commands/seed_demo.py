import importlib

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction

DEMO_APPS = ["gugus_tugas", "cases", "meetings", "rad", "reports"]


class Command(BaseCommand):
    help = "Load demo task forces, SKs, users (and each app's demo data). Safe to run twice."

    def handle(self, *args, **options):
        for app in DEMO_APPS:
            if app not in settings.INSTALLED_APPS:
                continue
            try:
                module = importlib.import_module(f"{app}.demo")
            except ModuleNotFoundError as e:
                if e.name != f"{app}.demo":
                    raise
                continue
            with transaction.atomic():
                module.seed(self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo data ready."))
