"""The location search is written on `/zoektocht/` (audited, with its status history); the
admin shows it read-only."""

from django.contrib import admin

from opvangregie.core.admin import ReadOnlyAdmin
from opvangregie.pipeline.models import (
    Broker,
    CandidateLocation,
    Criterion,
    LocationCall,
    SpeedBand,
)

# Only administrators reach the admin; they may see every candidate.
admin.site.register(Broker, ReadOnlyAdmin)
admin.site.register(LocationCall, ReadOnlyAdmin)
admin.site.register(Criterion, ReadOnlyAdmin)
admin.site.register(SpeedBand, ReadOnlyAdmin)


@admin.register(CandidateLocation)
class CandidateLocationAdmin(ReadOnlyAdmin):
    list_display = ("__str__", "safety_region", "municipality", "kind", "status")
    list_filter = ("safety_region", "status")
