"""Meetings, decisions, actions and proposals are written on `/overleg/` (through the services,
with their history); the admin shows them read-only."""

from django.contrib import admin

from opvangregie.core.admin import ReadOnlyAdmin, ReadOnlyInline
from opvangregie.meetings.models import (
    Action,
    AgendaItem,
    Decision,
    LocationReport,
    Meeting,
    Proposal,
)


class AgendaItemInline(ReadOnlyInline):
    model = AgendaItem


@admin.register(Meeting)
class MeetingAdmin(ReadOnlyAdmin):
    list_display = ("date", "title", "safety_region")
    list_filter = ("safety_region",)
    inlines = [AgendaItemInline]


@admin.register(Decision)
class DecisionAdmin(ReadOnlyAdmin):
    list_display = ("pk", "meeting", "owner", "horizon", "status")
    list_filter = ("horizon", "status")


@admin.register(Action)
class ActionAdmin(ReadOnlyAdmin):
    list_display = ("pk", "meeting", "owner", "due_date", "done_at")


@admin.register(Proposal)
class ProposalAdmin(ReadOnlyAdmin):
    list_display = ("pk", "safety_region", "submitted_at", "answer", "answered_at")
    list_filter = ("answer", "safety_region")


@admin.register(LocationReport)
class LocationReportAdmin(ReadOnlyAdmin):
    # No location name in the list: str() of a location never carries it either.
    list_display = ("pk", "location", "reported_on", "sentiment", "major_incidents")
