from celery import shared_task


@shared_task(name="gugus_tugas.ping")
def ping() -> str:
    """A round trip through the broker and result backend (health checks, the embedded test)."""
    return "pong"


@shared_task(name="gugus_tugas.beat_heartbeat", ignore_result=True)
def beat_heartbeat() -> None:
    """Every minute (Celery beat), run by a worker: the health check's "last beat"."""
    from .health import beat_heartbeat_record

    beat_heartbeat_record()


@shared_task(name="gugus_tugas.clear_expired_sessions")
def clear_expired_sessions() -> None:
    """Daily (Celery beat): drop idle sessions past their expiry from the session store."""
    from django.core.management import call_command

    call_command("clearsessions")


@shared_task(name="gugus_tugas.notifications_send", autoretry_for=(OSError,), retry_backoff=True,
             max_retries=5)
def notifications_send(ids: list[int]) -> int:
    """Email these notifications now (each at most once)."""
    from .services.notifications import notifications_send as send

    return send(ids=ids)


@shared_task(name="gugus_tugas.notifications_digest")
def notifications_digest() -> int:
    """Daily (Celery beat): one email per person with the notifications not yet sent."""
    from .services.notifications import notifications_digest_send

    return notifications_digest_send()


class QueueUnavailable(Exception):
    """The broker cannot take the task now (Redis down): say so, do not hang or fail later."""


def publish(task, *args):  # task: a task or its name
    """Send a task from a web request, or raise QueueUnavailable within about a second.

    Celery's own publish keeps retrying the connection for seconds when the broker is down; a
    page must answer at once with a clear message instead (the worker's own reconnecting is not
    affected). Eager mode (unit tests) runs the task here."""
    from kombu.exceptions import OperationalError

    from .celery import app

    if isinstance(task, str):  # by name: services need not import the tasks that call them
        if task not in app.tasks:
            app.loader.import_default_modules()  # autodiscovery of every app's tasks module
        task = app.tasks[task]
    if app.conf.task_always_eager:
        return task.apply_async(args=args)
    try:
        with app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, interval_start=0, interval_step=0.2, timeout=2)
            return task.apply_async(args=args, retry=False, connection=conn)
    except (OperationalError, ConnectionError, OSError, RuntimeError) as exc:
        raise QueueUnavailable(str(exc)) from exc
