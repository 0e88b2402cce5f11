from django.urls import path

from . import views

app_name = "cases"
urlpatterns = [
    path("", views.case_index, name="list"),
    path("verifikasi/", views.verification_queue, name="queue"),
    path("wilayah/", views.cases_below, name="below"),
    path("baru/", views.case_new, name="new"),
    path("rujukan/", views.referrals, name="referrals"),
    path("rujukan/<uuid:referral>/terima/", views.referral_accept, name="referral_accept"),
    path("rujukan/<uuid:referral>/tolak/", views.referral_decline, name="referral_decline"),
    path("ekspor.<str:fmt>", views.case_export, name="export"),
    path("ekspor-identitas/", views.case_export_identities, name="export_identities"),
    path("impor/", views.case_import, name="import"),
    path("impor/templat.<str:fmt>", views.import_template, name="import_template"),
    path("impor/<uuid:job>/", views.import_status, name="import_status"),
    path("impor/<uuid:job>/jalankan/", views.import_commit, name="import_commit"),
    path("impor/<uuid:job>/batal/", views.import_cancel, name="import_cancel"),
    path("lampiran/<uuid:attachment>/", views.attachment_download, name="attachment"),
    path("<uuid:case>/", views.case_detail, name="detail"),
    path("<uuid:case>/ubah/", views.case_edit, name="edit"),
    path("<uuid:case>/riwayat/", views.case_history, name="history"),
    path("<uuid:case>/kirim/", views.case_submit, name="submit"),
    path("<uuid:case>/verifikasi/", views.case_verify, name="verify"),
    path("<uuid:case>/kembalikan/", views.case_return, name="return"),
    path("<uuid:case>/tutup/", views.case_close, name="close"),
    path("<uuid:case>/hapus/", views.case_delete, name="delete"),
    path("<uuid:case>/layanan/", views.service_add, name="service_add"),
    path("<uuid:case>/rujuk/", views.referral_new, name="referral_new"),
    path("<uuid:case>/rujuk/tujuan/", views.referral_targets_view, name="referral_targets"),
    path("layanan/<uuid:service>/ubah/", views.service_edit, name="service_edit"),
    path("layanan/<uuid:service>/hapus/", views.service_remove, name="service_remove"),
    path("<uuid:case>/lampiran/", views.attachment_add, name="attachment_add"),
    path("<uuid:case>/pelaku/", views.perpetrator_add, name="perpetrator_add"),
    path("korban/<uuid:victim>/ubah/", views.victim_edit, name="victim_edit"),
]
