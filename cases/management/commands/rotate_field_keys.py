"""Re-encrypt every encrypted field (cases, victims, and their history) and every encrypted file
(case attachments, waiting import files) with the newest key.

Key rotation: put the new Fernet key first in FIELD_ENCRYPTION_KEYS (keep the old ones after it),
run this command, then remove the old keys. Raw SQL on the ciphertext, so nothing else changes;
files are rewritten in place. Nothing is decrypted to text: Fernet rotates token to token.
"""

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import connection, models, transaction

from cases.crypto import EncryptedFileStorage, EncryptedTextField, rotate, rotate_bytes
from gugus_tugas.scoping import rls_bypass


class Command(BaseCommand):
    help = "Re-encrypt all encrypted fields with the newest FIELD_ENCRYPTION_KEYS key."

    def handle(self, *args, **options):
        # Every task force's rows and files: PostgreSQL's row-level security would show none.
        with rls_bypass(reason="key rotation across task forces: tokens only"):
            self.rotate(*args, **options)

    def rotate(self, *args, **options):
        total = 0
        for model in apps.get_models():
            fields = [f for f in model._meta.concrete_fields if isinstance(f, EncryptedTextField)]
            if not fields:
                continue
            table, pk = model._meta.db_table, model._meta.pk.column
            cols = ", ".join(connection.ops.quote_name(f.column) for f in fields)
            with transaction.atomic(), connection.cursor() as cur:
                cur.execute(f"SELECT {connection.ops.quote_name(pk)}, {cols} FROM "
                            f"{connection.ops.quote_name(table)}")
                rows = cur.fetchall()
                sets = ", ".join(f"{connection.ops.quote_name(f.column)} = %s" for f in fields)
                for row in rows:
                    cur.execute(
                        f"UPDATE {connection.ops.quote_name(table)} SET {sets} WHERE "
                        f"{connection.ops.quote_name(pk)} = %s",
                        [rotate(v) for v in row[1:]] + [row[0]],
                    )
                total += len(rows)
            self.stdout.write(f"{model._meta.label}: {len(rows)}")
        files = self.rotate_files()
        self.stdout.write(self.style.SUCCESS(
            f"{total} baris dan {files} berkas dienkripsi ulang dengan kunci terbaru."))

    def rotate_files(self) -> int:
        done = 0
        for model in apps.get_models():
            fields = [f for f in model._meta.concrete_fields
                      if isinstance(f, models.FileField) and isinstance(f.storage, EncryptedFileStorage)]
            for f in fields:
                names = list(model._base_manager.exclude(**{f.name: ""})
                             .values_list(f.name, flat=True))
                for name in names:
                    if not f.storage.exists(name):
                        continue
                    with f.storage.open(name, "rb") as fh:
                        token = fh.read()
                    f.storage.rewrite(name, rotate_bytes(token))
                    done += 1
                self.stdout.write(f"{model._meta.label}.{f.name}: {len(names)} berkas")
        return done
