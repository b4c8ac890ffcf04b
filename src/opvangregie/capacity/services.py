"""Writes to locations and their dated figures: validated, audited, one transaction each.

Callers (views, uploads) decide *whether* the user may write, through the scoped selectors;
services decide *how*, and never overwrite a figure: a correction is a new record.
`registered_at` is only passed when loading history (the demo scenario, migrations of old
spreadsheets); forms and uploads register at the current time.
"""

from dataclasses import dataclass
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from opvangregie.audit.services import acting_user, audit_record
from opvangregie.capacity.models import (
    CapacityKind,
    CapacityRecord,
    FiguresConfirmation,
    HousingInstrument,
    HousingInstrumentCount,
    Location,
    PermitHolderHousing,
)
from opvangregie.core.versioning import (
    Difference,
    EditConflict,
    differences,
    locked,
    user_label,
    version_check,
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
def location_update(*, location: Location, actor, expected_version: int | None = None,
                    **fields) -> Location:
    """Change a location's fields; refused (EditConflict) when the form's version is stale."""
    for name in fields:
        if name not in LOCATION_FIELDS:
            raise ValueError(f"unknown location field {name}")
    location = locked(location)
    version_check(current=location, expected_version=expected_version, submitted=fields)
    before = _location_snapshot(location)
    for name, value in fields.items():
        setattr(location, name, value)
    location.version += 1
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


def _supersede(current, at: datetime) -> None:
    """Mark a corrected record as no longer current; its figures stay as they were.

    Conditional, so two writers correcting the same record cannot both succeed: the second
    finds nothing to mark and is told someone else was first.
    """
    marked = type(current).objects.filter(pk=current.pk, superseded_at__isnull=True).update(
        superseded_at=at
    )
    if not marked:
        winner = (type(current).objects.filter(corrects=current)
                  .select_related("registered_by").first())
        raise EditConflict(
            differences=[Difference(_("Registratie"), _("al gecorrigeerd"), _("uw correctie"))],
            changed_by=user_label(winner.registered_by) if winner else "",
            changed_at=winner.registered_at if winner else None,
        )


def _current_capacity(location: Location, valid_from: date) -> CapacityRecord | None:
    return (
        CapacityRecord.objects.filter(location=location, valid_from=valid_from,
                                      superseded_at__isnull=True)
        .order_by("-registered_at")
        .first()
    )


def capacity_seen_up_to(location: Location) -> int:
    """The newest record of the location a form shows; the form sends it back (ADR 7)."""
    latest = location.capacity_records.order_by("-pk").values_list("pk", flat=True).first()
    return latest or 0


def _record_conflict(current, submitted: dict) -> EditConflict:
    return EditConflict(
        differences=differences(current, submitted) or [
            Difference(_("Registratie"), _("al geregistreerd"), _("nieuw"))
        ],
        changed_by=user_label(current.registered_by), changed_at=current.registered_at,
    )


def _save_current(record, model, key: dict, submitted: dict) -> None:
    """Insert a new current record; a lost race with another writer becomes an EditConflict.

    The database refuses a second current record for the same key (partial unique index);
    the savepoint keeps the transaction usable, so the other's record can be shown.
    """
    try:
        with transaction.atomic():
            record.save()
    except IntegrityError:
        winner = (model.objects.filter(superseded_at__isnull=True, **key)
                  .select_related("registered_by").first())
        if winner is None:
            raise ValidationError(_(
                "Iemand anders sloeg tegelijk cijfers op voor dezelfde periode; er is niets "
                "opgeslagen. Probeer het opnieuw."
            )) from None
        raise _record_conflict(winner, submitted) from None


@transaction.atomic
def capacity_record_register(
    *, actor, location: Location, valid_from: date, valid_to: date | None, places: int,
    occupancy: int | None = None, kind: str = CapacityKind.REALISED, reason: str = "",
    registered_at: datetime | None = None, seen_up_to: int | None = None,
) -> Registered:
    """Register places of a location for a period.

    A current record for the same location and start date is corrected (kept, and linked from
    the new one); an identical one is left as it is, so uploading a file twice adds nothing.
    `seen_up_to` (from a form: `capacity_seen_up_to` when it was loaded) refuses to correct a
    record the user has not seen, registered by someone else after the form was opened.
    """
    submitted = {"valid_to": valid_to, "places": places, "occupancy": occupancy, "kind": kind}
    current = _current_capacity(location, valid_from)
    if current and (current.valid_to, current.places, current.occupancy, current.kind) == (
        valid_to, places, occupancy, kind
    ):
        return Registered(current, created=False)
    if current and seen_up_to is not None and current.pk > seen_up_to:
        raise _record_conflict(current, submitted)
    if valid_to is not None and valid_to < valid_from:
        raise ValidationError({"valid_to": _("De einddatum ligt vóór de begindatum.")})
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
    # The one-current-record constraint is left to the database (_save_current): checked here
    # it would only repeat the read above and could still lose the race.
    record.full_clean(validate_constraints=False)
    if current is not None:
        _supersede(current, record.registered_at)
    _save_current(record, CapacityRecord, {"location": location, "valid_from": valid_from},
                  submitted)
    audit_record(
        actor=actor, action="update" if current else "create", instance=record,
        before=None if current is None else {"record": current.pk, "places": current.places,
                                             "occupancy": current.occupancy},
        after={"location": location.pk, "valid_from": valid_from.isoformat(),
               "valid_to": valid_to.isoformat() if valid_to else None,
               "places": places, "occupancy": occupancy, "kind": kind},
    )
    return Registered(record, created=True)


def housing_seen_up_to(municipalities) -> int:
    """The newest housing registration of these municipalities a form shows (ADR 7)."""
    latest = (PermitHolderHousing.objects.filter(municipality__in=municipalities)
              .order_by("-pk").values_list("pk", flat=True).first())
    return latest or 0


def instrument_field(instrument: str) -> str:
    """The form field (and error key) of one instrument's count."""
    return f"instrument_{instrument}"


def _clean_instruments(instruments: dict | None, housed: int) -> dict[str, int] | None:
    """The breakdown without zeros, checked; None when no breakdown was given.

    Errors name the field (an instrument's label, or "Gehuisvest" when the sum is off), in
    Dutch, under the form field's key, so the form shows them at the field.
    """
    if instruments is None:
        return None
    labels = dict(HousingInstrument.choices)
    errors = {}
    cleaned: dict[str, int] = {}
    for instrument, count in instruments.items():
        if instrument not in labels:
            raise ValueError(f"unknown housing instrument {instrument}")
        if count is None:
            continue
        if not isinstance(count, int) or isinstance(count, bool) or count < 0:
            errors[instrument_field(instrument)] = _(
                "%(field)s: vul een geheel aantal van 0 of meer in."
            ) % {"field": labels[instrument]}
            continue
        if count:
            cleaned[instrument] = count
    if errors:
        raise ValidationError(errors)
    if not cleaned and not any(count == 0 for count in instruments.values()):
        return None
    total = sum(cleaned.values())
    if total != housed:
        raise ValidationError({"housed": _(
            "Gehuisvest: de aantallen per instrument tellen op tot %(sum)s, niet tot het "
            "aantal gehuisvest (%(housed)s). Pas een van beide aan."
        ) % {"sum": total, "housed": housed}})
    return cleaned


def instrument_breakdown(housing: PermitHolderHousing) -> dict[str, int]:
    return dict(housing.instrument_counts.values_list("instrument", "housed"))


@transaction.atomic
def permit_housing_register(
    *, actor, municipality, month: date, housed: int, reason: str = "",
    instruments: dict[str, int | None] | None = None,
    registered_at: datetime | None = None, seen_up_to: int | None = None,
) -> Registered:
    """Register the permit holders a municipality housed in a month (a correction keeps the old).

    `instruments` (optional): permit holders housed per `HousingInstrument`; they must sum to
    `housed`, else nothing is saved (ValidationError naming the field). None leaves the
    breakdown out: the month's count alone, as before (an upload, or a municipality that does
    not split its figures). `seen_up_to` (from the form: `housing_seen_up_to`) refuses to
    correct a registration someone else made after the form was opened.
    """
    if month.day != 1:
        month = month.replace(day=1)
    breakdown = _clean_instruments(instruments, housed)
    current = (
        PermitHolderHousing.objects.filter(municipality=municipality, month=month,
                                           superseded_at__isnull=True)
        .order_by("-registered_at")
        .first()
    )
    if current and current.housed == housed and (
        breakdown is None or breakdown == instrument_breakdown(current)
    ):
        return Registered(current, created=False)
    submitted = {"housed": housed}
    if current and seen_up_to is not None and current.pk > seen_up_to:
        raise _record_conflict(current, submitted)
    row = PermitHolderHousing(
        municipality=municipality, month=month, housed=housed, reason=reason, corrects=current,
        registered_by=acting_user(actor),
        registered_at=registered_at or timezone.now(),
    )
    row.full_clean(validate_constraints=False)
    if current is not None:
        _supersede(current, row.registered_at)
    _save_current(row, PermitHolderHousing, {"municipality": municipality, "month": month},
                  submitted)
    for instrument, count in sorted((breakdown or {}).items()):
        HousingInstrumentCount.objects.create(housing=row, instrument=instrument,
                                              housed=count)
    audit_record(
        actor=actor, action="update" if current else "create", instance=row,
        before=None if current is None else {
            "housed": current.housed, "instruments": instrument_breakdown(current) or None},
        after={"municipality": municipality.pk, "month": month.isoformat(), "housed": housed,
               "instruments": breakdown or None},
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
        summary=ngettext("Sjabloon cijfers gedownload (%(n)s locatie)",
                         "Sjabloon cijfers gedownload (%(n)s locaties)", len(location_ids))
        % {"n": len(location_ids)},
        after={"locations": sorted(location_ids)},
    )
