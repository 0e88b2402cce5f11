from celery import Celery

from gugus_tugas.settings import settings_module

settings_module()

app = Celery("gugus_tugas")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
