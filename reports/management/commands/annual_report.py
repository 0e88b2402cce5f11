from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from gugus_tugas.models import TaskForce
from gugus_tugas.scoping import task_force_scope
from reports.rendering import render_report


class Command(BaseCommand):
    help = "Write a task force's annual report: PDF, or .xlsx / .json by the output's extension."

    def add_arguments(self, parser):
        parser.add_argument("--task-force", required=True)
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--output", required=True)
        parser.add_argument("--public", action="store_true",
                            help="the variant for publication (small cells hidden)")

    def handle(self, *args, task_force, year, output, public, **options):
        tf = TaskForce.objects.select_related("region").filter(code=task_force).first()
        if tf is None:
            raise CommandError(f"Gugus tugas dengan kode {task_force!r} tidak ditemukan.")
        if not 2000 <= year <= timezone.localdate().year:
            raise CommandError(f"Tahun {year} di luar jangkauan.")
        path = Path(output)
        fmt = {".xlsx": "xlsx", ".json": "json"}.get(path.suffix.lower(), "pdf")
        with task_force_scope(tf), timezone.override(tf.timezone):
            out = render_report(tf, year, public=public, formats=(fmt,))
        path.write_bytes(getattr(out, fmt))
        self.stdout.write(f"{path} ({fmt}, {path.stat().st_size} bytes)")
