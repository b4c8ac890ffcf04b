from django.contrib import admin

from opvangregie.regions.models import (
    Indicator,
    IndicatorValue,
    Municipality,
    Province,
    SafetyRegion,
)


@admin.register(Province)
class ProvinceAdmin(admin.ModelAdmin):
    list_display = ("code", "name")


@admin.register(SafetyRegion)
class SafetyRegionAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "default_reference_date")


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "province", "safety_region", "exists_from", "exists_until")
    list_filter = ("safety_region", "province")
    search_fields = ("code", "name")


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "unit", "source")


@admin.register(IndicatorValue)
class IndicatorValueAdmin(admin.ModelAdmin):
    list_display = ("municipality", "indicator", "reference_date", "value", "is_derived")
    list_filter = ("indicator", "reference_date", "is_derived")
    search_fields = ("municipality__name",)
    readonly_fields = ("registered_at", "registered_by")
