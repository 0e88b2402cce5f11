from django.apps import AppConfig


class RadConfig(AppConfig):
    name = "rad"
    default_auto_field = "django.db.models.BigAutoField"
