"""Targets are recorded through the services (audited): regional ones on `/opgaven/nieuw/`,
national ones by the administrator here; the admin changes or deletes none."""

from django.contrib import admin

from opvangregie.core.admin import ReadOnlyAdmin
from opvangregie.targets import services
from opvangregie.targets.models import Target


@admin.register(Target)
class TargetAdmin(ReadOnlyAdmin):
    """National targets are added here through the service (audited); none is changed here."""

    fields = ("name", "kind", "scope", "safety_region", "amount", "unit", "period_start",
              "period_end", "source", "is_informal", "is_illustrative")

    def has_add_permission(self, request, obj=None):
        return True

    def save_model(self, request, obj, form, change):
        saved = services.target_create(
            actor=request.user, **{name: form.cleaned_data[name] for name in self.fields
                                   if name in form.cleaned_data})
        obj.pk = saved.pk

    list_display = ("name", "kind", "scope", "safety_region", "amount", "unit", "period_start",
                    "period_end", "is_illustrative")
    list_filter = ("kind", "scope", "safety_region")
