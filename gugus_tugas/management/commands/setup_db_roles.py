"""Create the application role and put row-level security on the tenant tables now (migrate does
the same at its end; this is for a database migrated before, or to check the set-up)."""

from django.core.management.base import BaseCommand

from gugus_tugas import rls


class Command(BaseCommand):
    help = "Create DATABASE_APP_ROLE, grant it DML and lock every tenant table (PostgreSQL)."

    def add_arguments(self, parser):
        parser.add_argument("--database", default="default")

    def handle(self, *args, **options):
        count = rls.install(options["database"])
        if not count:
            self.stdout.write("Row-level security needs PostgreSQL and DATABASE_APP_ROLE: nothing done.")
            return
        self.stdout.write(f"Row-level security on {count} tenant tables for {rls.app_role()}.")
