"""`flush` as the table owner: the application role may not TRUNCATE (gugus_tugas/rls.py)."""

from django.core.management.commands.flush import Command as FlushCommand

from gugus_tugas import rls


class Command(FlushCommand):
    def handle(self, *args, **options):
        with rls.as_table_owner():
            super().handle(*args, **options)
