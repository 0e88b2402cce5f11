import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gugus_tugas.settings.local")

app = Celery("gugus_tugas")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
