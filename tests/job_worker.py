"""A real Celery worker for the job fault tests (`python -m tests.job_worker [--slow-render]
[celery worker options]`), with the test settings and whatever DATABASE_URL/REDIS_URL/JOB_* the
test passes in its environment. `--slow-render`: the first report render stalls once it has
begun (SLOW_RENDER_MARK names the file that says it did), so that the test can kill the worker
mid-render."""

import os
import sys
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gugus_tugas.settings.test")

import django  # noqa: E402

django.setup()

from gugus_tugas.celery import app  # noqa: E402

args = sys.argv[1:]
if "--slow-render" in args:
    args.remove("--slow-render")
    import reports.services

    original = reports.services.render_report
    mark = os.environ["SLOW_RENDER_MARK"]

    def stalled_render(*a, progress, **kw):
        """The first render (of any process of this worker) stalls; later ones render."""
        try:
            open(mark, "x").close()
        except FileExistsError:
            return original(*a, progress=progress, **kw)
        progress(30)
        time.sleep(600)

    reports.services.render_report = stalled_render

app.conf.task_always_eager = False  # the test settings' eager mode is for unit tests only
app.worker_main(["worker", "--loglevel=INFO", "--without-gossip", "--without-mingle", *args])
