from django.contrib.admin.apps import AdminConfig


class SecureAdminConfig(AdminConfig):
    """django.contrib.admin with `gugus_tugas.admin_site.SecureAdminSite` as `admin.site`:
    allauth's login (lock-out, TOTP) and the second factor for every admin page."""

    default_site = "gugus_tugas.admin_site.SecureAdminSite"
