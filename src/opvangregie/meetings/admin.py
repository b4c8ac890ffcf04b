from django.contrib import admin

from opvangregie.meetings.models import (
    Action,
    AgendaItem,
    Decision,
    LocationReport,
    Meeting,
    Proposal,
)


class AgendaItemInline(admin.TabularInline):
    model = AgendaItem
    extra = 0


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ("date", "title", "safety_region")
    list_filter = ("safety_region",)
    inlines = [AgendaItemInline]


@admin.register(Decision)
class DecisionAdmin(admin.ModelAdmin):
    list_display = ("pk", "meeting", "owner", "horizon", "status")
    list_filter = ("horizon", "status")


@admin.register(Action)
class ActionAdmin(admin.ModelAdmin):
    list_display = ("pk", "meeting", "owner", "due_date", "done_at")


@admin.register(Proposal)
class ProposalAdmin(admin.ModelAdmin):
    list_display = ("pk", "safety_region", "submitted_at", "answer", "answered_at")
    list_filter = ("answer", "safety_region")


@admin.register(LocationReport)
class LocationReportAdmin(admin.ModelAdmin):
    # No location name in the list: str() of a location never carries it either.
    list_display = ("pk", "location", "reported_on", "sentiment", "major_incidents")
