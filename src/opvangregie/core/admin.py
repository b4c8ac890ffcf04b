"""What every admin of the project shares: history and figures are read-only in `/beheer/`.

Writes go through the services (validated, audited, versioned). A model whose services the
admin does not use is shown without add, change or delete, so `/beheer/` cannot become a
side door around the audit log (ADR 7).
"""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _


class ReadOnlyAdminMixin:
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    pass


class ReadOnlyInline(ReadOnlyAdminMixin, admin.TabularInline):
    extra = 0
    can_delete = False


# The admin is named for the product ("Opvangregie beheer"), not "Django-websitebeheer"; its
# colours come from core/templates/admin/base_site.html and opvangregie/css/admin.css.
admin.site.site_header = _("Opvangregie beheer")
admin.site.site_title = _("Opvangregie beheer")
admin.site.index_title = _("Beheer")
