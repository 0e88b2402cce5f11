from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from gugus_tugas.backup import BackupError, backup


class Command(BaseCommand):
    help = ("Back up the database (pg_dump, custom format) and the private files into a new "
            "folder, with a manifest of row counts and file hashes. The encryption keys are not "
            "in it: keep FIELD_ENCRYPTION_KEYS and NIK_HASH_KEY apart (README, Backups).")

    def add_arguments(self, parser):
        parser.add_argument("target", type=Path, help="a new or empty folder")
        parser.add_argument("--database", default="default")

    def handle(self, *args, target, database, **options):
        try:
            manifest = backup(target, files_root=Path(settings.PRIVATE_STORAGE_ROOT),
                              alias=database)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"Backup in {target}: {sum(manifest['tables'].values())} rows in "
                          f"{len(manifest['tables'])} tables, {len(manifest['files'])} files. "
                          "The keys (FIELD_ENCRYPTION_KEYS, NIK_HASH_KEY) are not in it.")
