from django.urls import path

from . import views

app_name = "reports"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("angka.json", views.figures_json, name="figures_json"),
    path("buat/", views.report_request, name="request"),
    path("laporan/<uuid:report>/", views.job_detail, name="job"),
    path("laporan/<uuid:report>/unduh.<str:fmt>", views.job_download, name="job_download"),
    path("laporan/<uuid:report>/ulang/", views.job_retry, name="job_retry"),
    path("laporan/<uuid:report>/finalkan/", views.year_finalise, name="finalise"),
    path("finalisasi/<uuid:finalising>/", views.finalise_detail, name="finalising"),
    path("pengaturan/", views.report_settings, name="settings"),
    path("dasar-hukum/", views.legal_basis, name="legal_basis"),
    path("final/<uuid:final>/unduh.pdf", views.final_download, name="final_download"),
    path("token/", views.api_tokens, name="api_tokens"),
    path("token/<uuid:token>/cabut/", views.api_token_revoke, name="api_token_revoke"),
    path("api/<int:year>/", views.api_figures, name="api_figures"),
]
