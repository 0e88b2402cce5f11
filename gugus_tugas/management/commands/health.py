import json
import sys

from django.core.management.base import BaseCommand

from gugus_tugas import health

CHECKS = {"database": health.check_database, "redis": health.check_redis,
          "queue": health.check_queue, "beat": health.check_beat}


class Command(BaseCommand):
    help = ("Print the health checks of /sehat/ as JSON; exit 1 when one fails (container "
            "health checks of the worker and beat: --only beat).")

    def add_arguments(self, parser):
        parser.add_argument("--only", action="append", choices=sorted(CHECKS))

    def handle(self, *args, only, **options):
        checks = {name: CHECKS[name]() for name in (only or CHECKS)}
        self.stdout.write(json.dumps(checks))
        if not all(check["ok"] for check in checks.values()):
            sys.exit(1)
