"""What every admin of the project shares: history and figures are read-only in `/beheer/`.

Writes go through the services (validated, audited, versioned). A model whose services the
admin does not use is shown without add, change or delete, so `/beheer/` cannot become a
side door around the audit log (ADR 7).
"""

from django.contrib import admin


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
