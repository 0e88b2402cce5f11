from django.contrib import admin
from django.urls import include, path, register_converter

from reports import views as report_views

from . import views
from .converters import TaskForceCodeConverter
from .second_factor import totp_activate

register_converter(TaskForceCodeConverter, "tf")

# Everything a task force owns lives under /gt/<tf_code>/ (TaskForceScopeMiddleware scopes it).
task_force_patterns = [
    path("", views.task_force_home, name="task_force_home"),
    path("kotak-masuk/jumlah/", views.inbox_badge, name="inbox_badge"),
    path("sk/", views.decree_history, name="decree_list"),
    path("sk/baru/", views.decree_new, name="decree_new"),
    path("sk/<uuid:decree>/", views.decree_detail, name="decree_detail"),
    path("sk/<uuid:decree>/ubah/", views.decree_edit, name="decree_edit"),
    path("sk/<uuid:decree>/anggota/", views.decree_members, name="decree_members"),
    path("sk/<uuid:decree>/sub-gugus-tugas/", views.decree_sub_task_forces,
         name="decree_sub_task_forces"),
    path("sk/<uuid:decree>/susunan/", views.decree_structure_print, name="decree_structure"),
    path("sk/<uuid:decree>/pindaian/", views.decree_scan, name="decree_scan"),
    path("pengguna/", views.people, name="people"),
    path("pengguna/undangan/<uuid:invitation>/batal/", views.invitation_cancel,
         name="invitation_cancel"),
    path("pengguna/<uuid:membership>/cabut/", views.membership_revoke, name="membership_revoke"),
    path("profil/", views.task_force_profile, name="task_force_profile"),
    path("profil/logo/", views.task_force_logo, name="task_force_logo"),
    path("audit/", views.audit_log, name="audit_log"),
    path("kasus/", include("cases.urls")),
    path("laporan/", include("reports.urls")),
    path("rad/", include("rad.urls")),
    path("rapat/", include("meetings.urls")),
    path("pemantauan/", include("reports.monitoring_urls")),
]

urlpatterns = [
    path("", views.home, name="home"),
    path("gt/<tf:tf_code>/", include(task_force_patterns)),
    path("undangan/<uuid:token>/", views.invitation_accept_view, name="invitation_accept"),
    path("akun/profil/", views.user_profile, name="user_profile"),
    # allauth's TOTP enrolment, also recording that this session passed the second factor
    path("akun/2fa/totp/activate/", totp_activate, name="mfa_activate_totp"),
    path("akun/", include("allauth.urls")),
    path("i18n/setlang/", views.language_set, name="set_language"),
    path("api/openapi.json", report_views.openapi, name="openapi"),
    path("admin/", admin.site.urls),
]
