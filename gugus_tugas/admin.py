"""Admin for platform operators: users, regions and task forces only.

Tenant-owned rows (decrees, members, cases...) are deliberately not registered: the admin runs
outside any task-force scope, and their scoped managers would refuse the query anyway.
"""

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from .models import Region, TaskForce, User
from .services.accounts import (
    authenticator_remove,
    user_changed_by_operator,
    user_password_set_by_operator,
)


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "name", "is_active", "is_staff", "last_login"]
    search_fields = ["email", "name"]
    fieldsets = [
        (None, {"fields": ["email", "name", "password", "timezone"]}),
        ("Status", {"fields": ["is_active", "is_staff", "is_superuser"]}),
    ]
    add_fieldsets = [(None, {"fields": ["email", "name", "password1", "password2"]})]
    filter_horizontal: list = []
    list_filter = ["is_active", "is_staff"]

    def save_model(self, request, obj, form, change):
        old_email = User.objects.filter(pk=obj.pk).values_list("email", flat=True).first() or ""
        super().save_model(request, obj, form, change)
        if change:
            user_changed_by_operator(user=obj, acting_user=request.user, old_email=old_email,
                                     changed=list(form.changed_data))

    def user_change_password(self, request, id, form_url=""):
        """Django's form sets the password; a successful POST is then audited and the person is
        told by email (same request transaction: ATOMIC_REQUESTS)."""
        response = super().user_change_password(request, id, form_url)
        if request.method == "POST" and response.status_code == 302:
            user = self.get_object(request, id)
            user_password_set_by_operator(user=user, acting_user=request.user)
        return response


# allauth registers Authenticator with every field, including `data`: the TOTP secret and the
# recovery-code seed (allauth stores them unencrypted by default), which would let an operator
# copy someone's second factor. Here: no secret shown, no add or change, and removal (a lost
# phone) goes through a service that audits it and emails the person.
admin.site.unregister(Authenticator)


@admin.register(Authenticator)
class AuthenticatorAdmin(admin.ModelAdmin):
    list_display = ["user", "type", "created_at", "last_used_at"]
    list_filter = ["type"]
    search_fields = ["user__email"]
    fields = ["user", "type", "created_at", "last_used_at"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def delete_model(self, request, obj):
        authenticator_remove(authenticator=obj, acting_user=request.user)

    def delete_queryset(self, request, queryset):
        for authenticator in queryset.select_related("user"):
            if Authenticator.objects.filter(pk=authenticator.pk).exists():  # codes go with TOTP
                authenticator_remove(authenticator=authenticator, acting_user=request.user)


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "kind", "parent", "timezone"]
    list_filter = ["level", "timezone"]
    search_fields = ["code", "name"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(TaskForce)
class TaskForceAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "level", "office"]
    list_filter = ["level"]
    search_fields = ["code", "name"]
    readonly_fields = ["code", "level", "region", "parent"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


# allauth's email addresses: where a password reset may be sent. Read-only here (a person's
# address is `User.email`, changed in the user form above, audited and told to the old address).
admin.site.unregister(EmailAddress)


@admin.register(EmailAddress)
class EmailAddressAdmin(admin.ModelAdmin):
    list_display = ["email", "user", "primary", "verified"]
    search_fields = ["email", "user__email"]
    fields = list_display
    readonly_fields = list_display

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
