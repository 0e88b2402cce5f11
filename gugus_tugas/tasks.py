from celery import shared_task


@shared_task(name="gugus_tugas.ping")
def ping() -> str:
    """A round trip through the broker and result backend (health checks, the embedded test)."""
    return "pong"
