from axes.admin import AccessAttemptAdmin, AccessFailureLogAdmin, AccessLogAdmin
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin as DjangoGroupAdmin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils.translation import gettext_lazy as _

# Imported first so that their own registrations exist to be replaced below.
from django_otp.plugins.otp_static import admin as _otp_static_admin  # noqa: F401
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp import admin as _otp_totp_admin  # noqa: F401
from django_otp.plugins.otp_totp.models import TOTPDevice

from opvangregie.accounts import services
from opvangregie.accounts.models import Role, User
from opvangregie.core.admin import ReadOnlyAdminMixin


class AuditedAccountAdmin:
    """Users and groups stay writable in the admin, but every save and delete is audited."""

    related_fields: tuple[str, ...] = ()

    def save_model(self, request, obj, form, change):
        services.account_admin_save(
            actor=request.user, instance=obj, created=not change,
            changed_fields=list(form.changed_data),
            related={name: form.cleaned_data[name] for name in self.related_fields
                     if name in form.cleaned_data},
        )

    def delete_model(self, request, obj):
        services.account_admin_delete(actor=request.user, instance=obj)

    def delete_queryset(self, request, queryset):
        with transaction.atomic():
            for obj in queryset:
                services.account_admin_delete(actor=request.user, instance=obj)


@admin.register(User)
class UserAdmin(AuditedAccountAdmin, DjangoUserAdmin):
    list_display = ("username", "get_full_name", "role", "safety_region", "is_active")
    list_filter = ("role", "safety_region", "is_active")
    # Plain multiple selects: Django's two-box filter widget adds ARIA that axe reports as
    # not permitted (WCAG 4.1.2), and a region has a dozen municipalities at most.
    filter_horizontal = ()
    fieldsets = (
        *DjangoUserAdmin.fieldsets,
        (_("Rol en bereik"), {"fields": ("role", "safety_region", "municipalities")}),
    )
    add_fieldsets = (
        *DjangoUserAdmin.add_fieldsets,
        (_("Rol en bereik"), {"fields": ("role", "safety_region", "municipalities")}),
    )
    related_fields = ("municipalities", "groups", "user_permissions")

    def user_change_password(self, request, id, form_url=""):
        # Django's password page saves outside save_model; audit it in the same transaction.
        with transaction.atomic():
            response = super().user_change_password(request, id, form_url)
            if request.method == "POST" and response.status_code == 302:
                services.user_password_changed_in_admin(actor=request.user,
                                                        user=User.objects.get(pk=id))
        return response


admin.site.unregister(Group)


@admin.register(Group)
class GroupAdmin(AuditedAccountAdmin, DjangoGroupAdmin):
    related_fields = ("permissions",)


# --- sign-in records (django-otp, django-axes) ------------------------------------------------
# Shown read-only; the one write an administrator needs is a delete, audited: a device of a
# user who lost their phone (they set up a new one at the next sign-in), or a lockout
# (unlocks the account). The devices' secrets are never shown: no key, no QR, no codes.


class SignInRecordAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    def has_delete_permission(self, request, obj=None):
        return request.user.is_active and request.user.role == Role.ADMINISTRATOR

    def delete_model(self, request, obj):
        services.sign_in_record_delete(actor=request.user, instance=obj)

    def delete_queryset(self, request, queryset):
        with transaction.atomic():
            for obj in queryset:
                services.sign_in_record_delete(actor=request.user, instance=obj)


class DeviceAdmin(SignInRecordAdmin):
    list_display = ("user", "name", "confirmed")
    fields = ("user", "name", "confirmed")
    list_select_related = ("user",)


for device_model in (TOTPDevice, StaticDevice):
    if admin.site.is_registered(device_model):
        admin.site.unregister(device_model)
    admin.site.register(device_model, DeviceAdmin)


class LockoutAdmin(ReadOnlyAdminMixin, AccessAttemptAdmin):
    """Deleting a lockout unlocks the account (and the address)."""

    has_delete_permission = SignInRecordAdmin.has_delete_permission
    delete_model = SignInRecordAdmin.delete_model
    delete_queryset = SignInRecordAdmin.delete_queryset


class SignInLogAdmin(ReadOnlyAdminMixin, AccessLogAdmin):
    pass


class SignInFailureLogAdmin(ReadOnlyAdminMixin, AccessFailureLogAdmin):
    pass


for log_model, log_admin in ((AccessAttempt, LockoutAdmin), (AccessLog, SignInLogAdmin),
                             (AccessFailureLog, SignInFailureLogAdmin)):
    if admin.site.is_registered(log_model):
        admin.site.unregister(log_model)
    admin.site.register(log_model, log_admin)
