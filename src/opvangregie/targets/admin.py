from django.contrib import admin

from opvangregie.targets.models import Target


@admin.register(Target)
class TargetAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "scope", "safety_region", "amount", "unit", "period_start",
                    "period_end", "is_illustrative")
    list_filter = ("kind", "scope", "safety_region")
