from django.apps import AppConfig
from django.db.backends.signals import connection_created


class GugusTugasConfig(AppConfig):
    name = "gugus_tugas"
    verbose_name = "Gugus Tugas PP-TPPO"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import rls

        connection_created.connect(rls.on_connection_created, dispatch_uid="gt_rls_role")
