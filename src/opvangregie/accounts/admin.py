from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from opvangregie.accounts.models import User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
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
