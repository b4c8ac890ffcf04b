from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin as DjangoGroupAdmin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from opvangregie.accounts import services
from opvangregie.accounts.models import User


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
    filter_horizontal = ("municipalities", "groups", "user_permissions")
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
