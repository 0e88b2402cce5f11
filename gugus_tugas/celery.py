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


@signals.beat_init.connect
def first_heartbeat(sender=None, **kwargs):
    """A beat that just started beats at once, not one interval later (the health check)."""
    sender.app.send_task("gugus_tugas.beat_heartbeat")


def _log_context():
    from . import logs

    signals.task_prerun.connect(logs.task_started, weak=False)
    signals.task_postrun.connect(logs.task_finished, weak=False)


_log_context()
