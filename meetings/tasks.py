from celery import shared_task

from .reminders import reminders_send


@shared_task(name="meetings.send_reminders")
def send_reminders() -> int:
    """Daily (Celery beat): reminders of recommendations due and of the meeting rule, each once."""
    return reminders_send()
