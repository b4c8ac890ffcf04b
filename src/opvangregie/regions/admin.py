"""Reference data comes from the shipped files and `import-cbs` (dated, audited); the admin
shows it read-only, so a figure is never changed in place without a trace."""

from django.contrib import admin

from opvangregie.core.admin import ReadOnlyAdmin
from opvangregie.regions.models import (
    Indicator,
    IndicatorValue,
    Municipality,
    Province,
    SafetyRegion,
)


@admin.register(Province)
class ProvinceAdmin(ReadOnlyAdmin):
    list_display = ("code", "name")


@admin.register(SafetyRegion)
class SafetyRegionAdmin(ReadOnlyAdmin):
    list_display = ("code", "name", "default_reference_date")


@admin.register(Municipality)
class MunicipalityAdmin(ReadOnlyAdmin):
    list_display = ("code", "name", "province", "safety_region", "exists_from", "exists_until")
    list_filter = ("safety_region", "province")
    search_fields = ("code", "name")


@admin.register(Indicator)
class IndicatorAdmin(ReadOnlyAdmin):
    list_display = ("code", "name", "unit", "source")


@admin.register(IndicatorValue)
class IndicatorValueAdmin(ReadOnlyAdmin):
    list_display = ("municipality", "indicator", "reference_date", "value", "is_derived")
    list_filter = ("indicator", "reference_date", "is_derived")
    search_fields = ("municipality__name",)
    readonly_fields = ("registered_at", "registered_by")
