"""Writes to locations and their dated figures: validated, audited, one transaction each.

Callers (views, uploads) decide *whether* the user may write, through the scoped selectors;
services decide *how*, and never overwrite a figure: a correction is a new record.
`registered_at` is only passed when loading history (the demo scenario, migrations of old
spreadsheets); forms and uploads register at the current time.
"""

from dataclasses import dataclass
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from opvangregie.audit.services import acting_user, audit_record
from opvangregie.capacity.models import (
    CapacityKind,
    CapacityRecord,
    FiguresConfirmation,
    Location,
    PermitHolderHousing,
)

LOCATION_FIELDS = (
    "name", "address", "municipality", "type", "for_asylum_seekers", "for_ukrainians",
    "for_permit_holders", "operator", "status", "is_confidential",
)


def _location_snapshot(location: Location) -> dict:
    # The audit keeps no name or address: the log is read by more people than the location.
    return {
        "municipality": location.municipality_id,
        "type": location.type,
        "status": location.status,
        "is_confidential": location.is_confidential,
        "name_released_from": _moment(location.name_released_from),
        "address_released_from": _moment(location.address_released_from),
    }


def _moment(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


@transaction.atomic
def location_create(*, actor, **fields) -> Location:
    location = Location(created_by=acting_user(actor),
                        **fields)
    location.full_clean()
    location.save()
    audit_record(actor=actor, action="create", instance=location,
                 after=_location_snapshot(location))
    return location


@transaction.atomic
def location_update(*, location: Location, actor, **fields) -> Location:
    before = _location_snapshot(location)
    for name, value in fields.items():
        if name not in LOCATION_FIELDS:
            raise ValueError(f"unknown location field {name}")
        setattr(location, name, value)
    location.full_clean()
    location.save()
    audit_record(actor=actor, action="update", instance=location, before=before,
                 after=_location_snapshot(location))
    return location


RELEASE_FIELD_LABELS = {"name": gettext_lazy("naam"), "address": gettext_lazy("adres")}


@transaction.atomic
def location_release_widen(
    *, actor, location: Location, fields, released_from: datetime, reason: str
) -> bool:
    """Make more fields of a confidential location public from `released_from` on.

    A release only ever widens: a field already public (or public earlier) keeps its moment,
    and nothing is taken back. Returns whether anything changed; a change is audited with
    the moments before and after, so it shows in the location's history.
    """
    fields = set(fields)
    unknown = fields - set(RELEASE_FIELD_LABELS)
    if unknown:
        raise ValueError(f"unknown release fields {unknown}")
    if not reason.strip():
        raise ValidationError({"reason": _("Noem het besluit waarop de vrijgave berust.")})
    if not location.is_confidential:
        return False  # everything is public already
    before = _location_snapshot(location)
    widened = []
    for name in sorted(fields):
        attribute = f"{name}_released_from"
        current = getattr(location, attribute)
        if current is None or released_from < current:
            setattr(location, attribute, released_from)
            widened.append(name)
    if not widened:
        return False
    location.full_clean()
    location.save(update_fields=[f"{name}_released_from" for name in widened])
    audit_record(
        actor=actor, action="update", instance=location,
        summary=_("Vrijgave uitgebreid: %(fields)s") % {
            "fields": ", ".join(str(RELEASE_FIELD_LABELS[name]) for name in widened)},
        before=before, after={**_location_snapshot(location), "reason": reason.strip()},
    )
    return True


@dataclass(frozen=True)
class Registered:
    record: object
    created: bool  # False: an identical current record existed, nothing was added


def _current_capacity(location: Location, valid_from: date) -> CapacityRecord | None:
    return (
        CapacityRecord.objects.filter(location=location, valid_from=valid_from,
                                      corrected_by__isnull=True)
        .order_by("-registered_at")
        .first()
    )


@transaction.atomic
def capacity_record_register(
    *, actor, location: Location, valid_from: date, valid_to: date | None, places: int,
    occupancy: int | None = None, kind: str = CapacityKind.REALISED, reason: str = "",
    registered_at: datetime | None = None,
) -> Registered:
    """Register places of a location for a period.

    A current record for the same location and start date is corrected (kept, and linked from
    the new one); an identical one is left as it is, so uploading a file twice adds nothing.
    """
    current = _current_capacity(location, valid_from)
    if current and (current.valid_to, current.places, current.occupancy, current.kind) == (
        valid_to, places, occupancy, kind
    ):
        return Registered(current, created=False)
    record = CapacityRecord(
        location=location, valid_from=valid_from, valid_to=valid_to, places=places,
        occupancy=occupancy, kind=kind, reason=reason, corrects=current,
        registered_by=acting_user(actor),
        registered_at=registered_at or timezone.now(),
    )
    if occupancy is not None and occupancy > places:
        raise ValidationError(
            {"occupancy": _("De bezetting (%(o)s) is groter dan het aantal plekken (%(p)s).")
             % {"o": occupancy, "p": places}}
        )
    record.full_clean()
    record.save()
    audit_record(
        actor=actor, action="update" if current else "create", instance=record,
        before=None if current is None else {"record": current.pk, "places": current.places,
                                             "occupancy": current.occupancy},
        after={"location": location.pk, "valid_from": valid_from.isoformat(),
               "valid_to": valid_to.isoformat() if valid_to else None,
               "places": places, "occupancy": occupancy, "kind": kind},
    )
    return Registered(record, created=True)


@transaction.atomic
def permit_housing_register(
    *, actor, municipality, month: date, housed: int, reason: str = "",
    registered_at: datetime | None = None,
) -> Registered:
    """Register the permit holders a municipality housed in a month (a correction keeps the old)."""
    if month.day != 1:
        month = month.replace(day=1)
    current = (
        PermitHolderHousing.objects.filter(municipality=municipality, month=month,
                                           corrected_by__isnull=True)
        .order_by("-registered_at")
        .first()
    )
    if current and current.housed == housed:
        return Registered(current, created=False)
    row = PermitHolderHousing(
        municipality=municipality, month=month, housed=housed, reason=reason, corrects=current,
        registered_by=acting_user(actor),
        registered_at=registered_at or timezone.now(),
    )
    row.full_clean()
    row.save()
    audit_record(
        actor=actor, action="update" if current else "create", instance=row,
        before=None if current is None else {"housed": current.housed},
        after={"municipality": municipality.pk, "month": month.isoformat(), "housed": housed},
    )
    return Registered(row, created=True)


@transaction.atomic
def figures_confirm(*, actor, municipality) -> FiguresConfirmation:
    confirmation = FiguresConfirmation.objects.create(municipality=municipality,
                                                      confirmed_by=actor)
    audit_record(actor=actor, action="update", instance=municipality,
                 summary=_("Cijfers bevestigd als nog juist"))
    return confirmation


@dataclass(frozen=True)
class UploadCounts:
    created: int = 0
    corrected: int = 0
    unchanged: int = 0

    @property
    def total(self) -> int:
        return self.created + self.corrected + self.unchanged


def _count(counts: dict, registered: Registered) -> None:
    if not registered.created:
        counts["unchanged"] += 1
    elif registered.record.corrects_id:
        counts["corrected"] += 1
    else:
        counts["created"] += 1


@transaction.atomic
def figures_upload_register(*, actor, capacity_rows, housing_rows) -> UploadCounts:
    """Register every row of a checked upload, all or nothing, and audit the upload.

    `capacity_rows` carry a `location` (already checked to be editable by the actor) and the
    figures; `housing_rows` a `municipality`, `month` and `housed`. Any error rolls back every
    row. The audit summary holds counts only, never a location's name (nor the file name, which
    may contain one).
    """
    counts = {"created": 0, "corrected": 0, "unchanged": 0}
    for row in capacity_rows:
        _count(counts, capacity_record_register(
            actor=actor, location=row.location, valid_from=row.valid_from,
            valid_to=row.valid_to, places=row.places, occupancy=row.occupancy, kind=row.kind,
            reason=row.reason,
        ))
    for row in housing_rows:
        _count(counts, permit_housing_register(
            actor=actor, municipality=row.municipality, month=row.month, housed=row.housed,
            reason=row.reason,
        ))
    result = UploadCounts(**counts)
    audit_record(
        actor=actor, action="import", object_type="capacity.upload",
        summary=_(
            "Excel-upload cijfers: %(c)s regels capaciteit, %(h)s regels vergunninghouders; "
            "%(new)s nieuw, %(corr)s gecorrigeerd, %(same)s ongewijzigd"
        ) % {"c": len(capacity_rows), "h": len(housing_rows), "new": result.created,
             "corr": result.corrected, "same": result.unchanged},
        after={"locations": sorted({row.location.pk for row in capacity_rows}),
               "municipalities": sorted({row.municipality.pk for row in housing_rows}),
               **counts},
    )
    return result


def figures_template_export_audit(*, actor, location_ids) -> None:
    """Record a download of the figures template (it may hold confidential names)."""
    audit_record(
        actor=actor, action="export", object_type="capacity.template",
        summary=_("Sjabloon cijfers gedownload (%(n)s locaties)") % {"n": len(location_ids)},
        after={"locations": sorted(location_ids)},
    )
