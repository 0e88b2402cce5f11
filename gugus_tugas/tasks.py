from celery import shared_task


@shared_task(name="gugus_tugas.ping")
def ping() -> str:
    """A round trip through the broker and result backend (health checks, the embedded test)."""
    return "pong"


@shared_task(name="gugus_tugas.clear_expired_sessions")
def clear_expired_sessions() -> None:
    """Daily (Celery beat): drop idle sessions past their expiry from the session store."""
    from django.core.management import call_command

    call_command("clearsessions")
