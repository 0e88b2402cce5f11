from django.urls import path

from . import monitoring_views

app_name = "monitoring"
urlpatterns = [
    path("", monitoring_views.monitoring_page, name="page"),
    path("pemantauan.xlsx", monitoring_views.monitoring_export, name="export"),
]
