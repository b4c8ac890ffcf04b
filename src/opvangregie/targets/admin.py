"""Targets are recorded on `/opgaven/nieuw/` (through the services, audited); the admin shows
them read-only."""

from django.contrib import admin

from opvangregie.core.admin import ReadOnlyAdmin
from opvangregie.targets.models import Target


@admin.register(Target)
class TargetAdmin(ReadOnlyAdmin):
    list_display = ("name", "kind", "scope", "safety_region", "amount", "unit", "period_start",
                    "period_end", "is_illustrative")
    list_filter = ("kind", "scope", "safety_region")
