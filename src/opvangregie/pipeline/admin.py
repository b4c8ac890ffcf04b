from django.contrib import admin

from opvangregie.pipeline.models import (
    Broker,
    CandidateLocation,
    Criterion,
    LocationCall,
    SpeedBand,
)

# Only administrators reach the admin; they may see every candidate.
admin.site.register(Broker)
admin.site.register(LocationCall)
admin.site.register(Criterion)
admin.site.register(SpeedBand)


@admin.register(CandidateLocation)
class CandidateLocationAdmin(admin.ModelAdmin):
    list_display = ("__str__", "safety_region", "municipality", "kind", "status")
    list_filter = ("safety_region", "status")
