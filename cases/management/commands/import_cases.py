from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from cases.importer import run_import
from gugus_tugas.models import TaskForce
from gugus_tugas.scoping import task_force_scope


class Command(BaseCommand):
    help = "Import case records (.xlsx/.csv, one row per victim) into a task force; all or nothing."

    def add_arguments(self, parser):
        parser.add_argument("--task-force", required=True)
        parser.add_argument("file")
        parser.add_argument("--dry-run", action="store_true", help="check only, write nothing")
        parser.add_argument("--verified", action="store_true", help="import as verified")

    def handle(self, *args, task_force, file, dry_run, verified, **options):
        tf = TaskForce.objects.filter(code=task_force).first()
        if tf is None:
            raise CommandError(f"Gugus tugas dengan kode {task_force!r} tidak ditemukan.")
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"Berkas {file} tidak ada.")
        with task_force_scope(tf):
            result = run_import(task_force=tf, data=path.read_bytes(), filename=path.name,
                                as_verified=verified, dry_run=dry_run)
        for note in result.notes:
            self.stdout.write(f"Catatan: {note}")
        if not result.ok:
            for e in result.errors:
                where = (f"baris {e.row}" if e.row else "berkas") + (
                    f", kolom {e.column}" if e.column else "")
                self.stderr.write(f"{where}: {e.message}")
            raise CommandError(f"{len(result.errors)} masalah; tidak ada data yang diimpor.")
        if result.duplicates:
            self.stdout.write("Peringatan: sebagian korban sudah tercatat di "
                              + ", ".join(result.duplicates))
        verb = "valid (uji coba, tidak ditulis)" if dry_run else "diimpor"
        self.stdout.write(f"{result.cases} kasus, {result.victims} korban {verb}.")
