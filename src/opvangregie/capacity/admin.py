"""The admin for administrators: locations editable, dated figures read-only history.

Figures are never changed in place (a correction is a new record, see services), so the admin
shows capacity records, housed permit holders and confirmations without add, change or delete.
"""

from django import forms
from django.contrib import admin

from opvangregie.capacity import services
from opvangregie.capacity.models import (
    CapacityRecord,
    FiguresConfirmation,
    Location,
    PermitHolderHousing,
)
from opvangregie.capacity.services import LOCATION_FIELDS
from opvangregie.core.admin import ReadOnlyAdmin
from opvangregie.core.versioning import EditConflict, form_after_conflict, version_check


class CapacityRecordInline(admin.TabularInline):
    model = CapacityRecord
    fk_name = "location"
    fields = ("valid_from", "valid_to", "places", "occupancy", "kind", "registered_at",
              "registered_by", "corrects", "reason")
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False


class LocationAdminForm(forms.ModelForm):
    """The admin's location form, refused when someone saved the location after it was opened."""

    expected_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Location
        fields = LOCATION_FIELDS

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["expected_version"].initial = self.instance.version

    def clean(self):
        data = super().clean()
        # Before the form's values are put on the instance: it still holds the stored row,
        # read locked (LocationAdmin.get_object) inside the admin's transaction.
        if self.instance.pk:
            try:
                version_check(
                    current=self.instance, expected_version=data.get("expected_version"),
                    submitted={name: data[name] for name in LOCATION_FIELDS if name in data},
                )
            except EditConflict as conflict:
                form_after_conflict(self, conflict)
        return data


@admin.register(Location)
class LocationAdmin(admin.ModelAdmin):
    form = LocationAdminForm
    list_display = ("pk", "name", "municipality", "type", "operator", "status", "is_confidential")
    list_filter = ("municipality__safety_region", "type", "status", "is_confidential")
    search_fields = ("name", "municipality__name", "municipality__code")
    readonly_fields = ("created_at", "created_by")
    list_select_related = ("municipality",)
    inlines = [CapacityRecordInline]

    def has_delete_permission(self, request, obj=None):
        return False  # figures refer to the location (PROTECT); close it with the status

    def get_object(self, request, object_id, from_field=None):
        if request.method == "POST":
            # Locked until the admin's transaction ends, so the version check cannot race.
            queryset = self.get_queryset(request).select_for_update(of=("self",))
            try:
                return queryset.get(pk=object_id)
            except (Location.DoesNotExist, ValueError):
                return None
        return super().get_object(request, object_id, from_field)

    def save_model(self, request, obj, form, change):
        # Through the services, so an admin's change is validated and audited like any other.
        fields = {name: form.cleaned_data[name] for name in LOCATION_FIELDS
                  if name in form.cleaned_data}
        if change:
            saved = services.location_update(
                location=Location.objects.get(pk=obj.pk), actor=request.user, **fields
            )
        else:
            saved = services.location_create(actor=request.user, **fields)
        obj.pk = saved.pk
        obj.created_by_id = saved.created_by_id


@admin.register(CapacityRecord)
class CapacityRecordAdmin(ReadOnlyAdmin):
    list_display = ("pk", "location", "valid_from", "valid_to", "places", "occupancy", "kind",
                    "registered_at", "registered_by", "corrects")
    list_filter = ("kind", "location__municipality")
    date_hierarchy = "registered_at"
    list_select_related = ("location__municipality", "registered_by", "corrects")


@admin.register(PermitHolderHousing)
class PermitHolderHousingAdmin(ReadOnlyAdmin):
    list_display = ("pk", "municipality", "month", "housed", "registered_at", "registered_by",
                    "corrects")
    list_filter = ("municipality__safety_region", "month")
    list_select_related = ("municipality", "registered_by", "corrects")


@admin.register(FiguresConfirmation)
class FiguresConfirmationAdmin(ReadOnlyAdmin):
    list_display = ("municipality", "confirmed_at", "confirmed_by")
    list_filter = ("municipality__safety_region",)
