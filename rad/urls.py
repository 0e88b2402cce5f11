from django.urls import path

from . import views

app_name = "rad"
urlpatterns = [
    path("", views.plan_index, name="list"),
    path("baru/", views.plan_new, name="new"),
    path("wilayah/", views.comparison, name="comparison"),
    path("petugas-instansi/", views.agency_officers, name="officers"),
    path("<uuid:plan>/", views.plan_detail, name="detail"),
    path("<uuid:plan>/ubah/", views.plan_edit, name="edit"),
    path("<uuid:plan>/status/", views.plan_advance, name="advance"),
    path("<uuid:plan>/revisi/", views.plan_revise, name="revise"),
    path("<uuid:plan>/pindaian/", views.plan_scan, name="scan"),
    path("<uuid:plan>/kegiatan/baru/", views.activity_new, name="activity_new"),
    path("<uuid:plan>/kemajuan/", views.progress_entry, name="progress"),
    path("<uuid:plan>/evaluasi/", views.evaluation, name="evaluation"),
    path("<uuid:plan>/evaluasi.xlsx", views.evaluation_export, name="evaluation_export"),
    path("<uuid:plan>/matriks.pdf", views.matrix_pdf, name="matrix_pdf"),
    path("<uuid:plan>/matriks.xlsx", views.matrix_export, name="matrix_export"),
    path("<uuid:plan>/impor/", views.matrix_import_page, name="import"),
    path("<uuid:plan>/impor/templat.xlsx", views.matrix_template, name="import_template"),
    path("kegiatan/<uuid:activity>/ubah/", views.activity_edit, name="activity_edit"),
    path("kegiatan/<uuid:activity>/lapor/", views.progress_new, name="progress_new"),
    path("laporan/<uuid:rad_report>/terima/", views.progress_accept, name="progress_accept"),
    path("laporan/<uuid:rad_report>/kembalikan/", views.progress_return, name="progress_return"),
    path("laporan/<uuid:rad_report>/bukti/", views.progress_evidence, name="progress_evidence"),
]
