import os
import signal
import subprocess
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Serve the site with a Celery worker beside it (the embedded default of `make run`)."

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", default="8000")

    def handle(self, *args, host, port, **options):
        if settings.CELERY_BROKER_URL.startswith("filesystem://"):
            for key in ("data_folder_in", "processed_folder", "control_folder"):
                os.makedirs(settings.CELERY_BROKER_TRANSPORT_OPTIONS[key], exist_ok=True)
            os.makedirs(settings.CELERY_RESULT_BACKEND.removeprefix("file://"), exist_ok=True)
        worker = subprocess.Popen(
            # -B: beat inside the worker, for the job sweeper (gugus_tugas.jobs) and daily chores
            [sys.executable, "-m", "celery", "-A", "gugus_tugas", "worker", "--pool=solo", "-B",
             "--loglevel=INFO", "--without-gossip", "--without-mingle", "--without-heartbeat"],
            env=os.environ.copy(),
        )
        self.stdout.write(f"Celery worker started (pid {worker.pid})")
        # Stop the worker too when we are stopped (Ctrl-C or SIGTERM).
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
        try:
            call_command("runserver", f"{host}:{port}", use_reloader=False)
        finally:
            worker.send_signal(signal.SIGTERM)
            try:
                worker.wait(timeout=10)
            except subprocess.TimeoutExpired:
                worker.kill()
