from django.apps import AppConfig


class GugusTugasConfig(AppConfig):
    name = "gugus_tugas"
    verbose_name = "Gugus Tugas PP-TPPO"
    default_auto_field = "django.db.models.BigAutoField"

