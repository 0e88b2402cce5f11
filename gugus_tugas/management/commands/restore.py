import json
from pathlib import Path

import environ
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connections

from gugus_tugas.backup import BackupError, restore


class Command(BaseCommand):
    help = ("Restore a backup folder (`manage.py backup`) into the database and the private "
            "files folder, then check every table's row count and every file's hash against "
            "the backup's manifest. Needs the same FIELD_ENCRYPTION_KEYS and NIK_HASH_KEY as "
            "the installation that made it.")

    def add_arguments(self, parser):
        parser.add_argument("source", type=Path)
        parser.add_argument("--database-url", help="restore into this database instead "
                            "(e.g. a scratch database to test a backup)")
        parser.add_argument("--files-root", type=Path, help="instead of PRIVATE_STORAGE_ROOT")
        parser.add_argument("--replace-files", action="store_true",
                            help="empty a files folder that is not empty first")

    def handle(self, *args, source, database_url, files_root, replace_files, **options):
        if database_url:
            settings_dict = environ.Env.db_url_config(database_url)
        else:
            settings_dict = connections["default"].settings_dict
            connections["default"].close()
        try:
            problems = restore(source, settings_dict=settings_dict,
                               files_root=files_root or Path(settings.PRIVATE_STORAGE_ROOT),
                               replace_files=replace_files)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        if problems:
            raise CommandError("The restore does not match the backup: "
                               + json.dumps(problems, indent=1))
        self.stdout.write(f"Restored {source}: every table's row count and every file match.")
