from django.urls import path

from . import views

app_name = "meetings"
urlpatterns = [
    path("", views.meeting_index, name="list"),
    path("kalender/", views.meeting_calendar, name="calendar"),
    path("kalender.ics", views.meeting_ics, name="ics"),
    path("baru/", views.meeting_new, name="new"),
    path("rekomendasi/", views.board, name="board"),
    path("rekomendasi/<uuid:recommendation>/", views.recommendation_detail, name="recommendation"),
    path("rekomendasi/<uuid:recommendation>/ubah/", views.recommendation_edit,
         name="recommendation_edit"),
    path("rekomendasi/<uuid:recommendation>/tindak-lanjut/", views.follow_up_add,
         name="follow_up_add"),
    path("rekomendasi/<uuid:recommendation>/kirim/", views.send_down, name="send_down"),
    path("tindak-lanjut/<uuid:follow_up>/bukti/", views.evidence_download, name="evidence"),
    path("kepatuhan/", views.compliance, name="compliance"),
    path("aturan/", views.rule_edit, name="rule"),
    path("kesepakatan/", views.agreement_index, name="agreements"),
    path("kesepakatan/baru/", views.agreement_new, name="agreement_new"),
    path("kesepakatan/<uuid:agreement>/pindaian/", views.agreement_scan, name="agreement_scan"),
    path("pengingat/", views.reminders, name="reminders"),
    path("lampiran/<uuid:meeting_attachment>/", views.attachment_download, name="attachment"),
    path("<uuid:meeting>/", views.meeting_detail, name="detail"),
    path("<uuid:meeting>/laporan/", views.meeting_report, name="report"),
    path("<uuid:meeting>/batal/", views.meeting_cancel, name="cancel"),
    path("<uuid:meeting>/daftar-hadir/", views.attendance_sheet, name="attendance_sheet"),
    path("<uuid:meeting>/notulen.pdf", views.minutes_pdf, name="minutes"),
    path("<uuid:meeting>/lampiran/", views.attachment_add, name="attachment_add"),
    path("<uuid:meeting>/rekomendasi/", views.recommendation_add, name="recommendation_add"),
]
