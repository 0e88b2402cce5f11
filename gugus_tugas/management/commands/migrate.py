"""`migrate` as the table owner, then row-level security on every tenant table (gugus_tugas/rls.py).

Overrides Django's command (this app comes before django.core in the command lookup), so every
migrate, the test databases' included, ends with the tenant tables locked."""

from django.core.management.commands.migrate import Command as MigrateCommand

from gugus_tugas import rls


class Command(MigrateCommand):
    def handle(self, *args, **options):
        with rls.as_table_owner():
            super().handle(*args, **options)
            count = rls.install(options["database"])
        if count and options["verbosity"] >= 1:
            self.stdout.write(f"Row-level security on {count} tenant tables "
                              f"(application role {rls.app_role()}).")
