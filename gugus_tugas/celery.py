from celery import Celery, signals

from gugus_tugas.settings import settings_module

settings_module()

app = Celery("gugus_tugas")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@signals.setup_logging.connect
def use_django_logging(**kwargs):
    """Workers and beat log through Django's LOGGING (JSON, identities masked), not Celery's own
    handlers: connecting this signal stops Celery from configuring the root logger."""


@signals.worker_init.connect
def background_queries_leave_cores_to_pages(**kwargs):
    """Before the pool starts (its processes inherit it): the worker's PostgreSQL connections plan
    with at most WORKER_MAX_PARALLEL_WORKERS_PER_GATHER parallel workers."""
    from django.conf import settings
    from django.db import connections

    n = settings.WORKER_MAX_PARALLEL_WORKERS_PER_GATHER
    if n is None:
        return
    for alias in connections:
        settings_dict = connections[alias].settings_dict
        if not settings_dict["ENGINE"].endswith("postgresql"):
            continue
        options = settings_dict.setdefault("OPTIONS", {})
        options["options"] = " ".join(filter(None, [
            options.get("options", ""), f"-c max_parallel_workers_per_gather={int(n)}"]))
    connections.close_all()


@signals.beat_init.connect
def first_heartbeat(sender=None, **kwargs):
    """A beat that just started beats at once, not one interval later (the health check)."""
    sender.app.send_task("gugus_tugas.beat_heartbeat")


def _log_context():
    from . import logs

    signals.task_prerun.connect(logs.task_started, weak=False)
    signals.task_postrun.connect(logs.task_finished, weak=False)


_log_context()
