"""Writes to the location search: validated, audited, one transaction each.

Audit summaries never carry a candidate's identifying fields: the log is read by
coordinators of the whole region and exported.
"""

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from opvangregie.audit.services import acting_user, audit_record
from opvangregie.capacity.models import CapacityKind, LocationStatus, LocationType
from opvangregie.capacity.services import (
    capacity_record_register,
    location_create,
    location_release_widen,
)
from opvangregie.core.versioning import locked, version_check
from opvangregie.pipeline.models import (
    CallAddressee,
    CandidateDocument,
    CandidateKind,
    CandidateLocation,
    CandidateStatus,
    Criterion,
    LocationCall,
    Release,
    Score,
    SpeedBand,
    StatusChange,
)

S = CandidateStatus
TRANSITIONS = {
    S.SUBMITTED: {S.UNDER_ASSESSMENT, S.DROPPED},
    S.UNDER_ASSESSMENT: {S.SERIOUS_CHANCE, S.CNO_ONLY, S.NEEDS_CONSULTATION, S.NOT_SUITABLE,
                         S.DROPPED},
    S.SERIOUS_CHANCE: {S.GO, S.NO_GO, S.UNDER_ASSESSMENT, S.DROPPED},
    S.CNO_ONLY: {S.GO, S.NO_GO, S.UNDER_ASSESSMENT, S.DROPPED},
    S.NEEDS_CONSULTATION: {S.GO, S.NO_GO, S.UNDER_ASSESSMENT, S.DROPPED},
    S.NOT_SUITABLE: {S.UNDER_ASSESSMENT, S.DROPPED},
    S.GO: {S.IN_REALISATION, S.DROPPED},
    S.NO_GO: {S.UNDER_ASSESSMENT, S.DROPPED},
    S.IN_REALISATION: {S.OPEN, S.DROPPED},
    S.OPEN: set(),
    S.DROPPED: set(),
}
LOCATION_TYPE_FOR_KIND = {
    CandidateKind.HOTEL: LocationType.HOTEL,
    CandidateKind.HOLIDAY_PARK: LocationType.HOLIDAY_PARK,
    CandidateKind.SUMMER_CAMP: LocationType.HOLIDAY_PARK,
    CandidateKind.BOAT: LocationType.BOAT,
}
DOCUMENT_MAX_BYTES = 10 * 1024 * 1024
DOCUMENT_TYPES = {
    ".pdf": ("application/pdf", b"%PDF"),
    ".png": ("image/png", b"\x89PNG"),
    ".jpg": ("image/jpeg", b"\xff\xd8\xff"),
    ".jpeg": ("image/jpeg", b"\xff\xd8\xff"),
    ".docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document",
              b"PK\x03\x04"),
    ".xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
              b"PK\x03\x04"),
}
CANDIDATE_FIELDS = (
    "name", "address", "owner", "notes", "kind", "for_long_term", "for_cno",
    "for_permit_holders", "for_ukrainians", "possible_places", "earliest_opening",
    "estimated_costs", "scan_reference", "is_new", "municipality", "call",
    "submitted_by_broker",
)



def _public_snapshot(candidate: CandidateLocation) -> dict:
    return {
        "number": candidate.number,
        "municipality": candidate.municipality_id,
        "kind": candidate.kind,
        "status": candidate.status,
        "possible_places": candidate.possible_places,
        "earliest_opening": candidate.earliest_opening.isoformat()
        if candidate.earliest_opening else None,
    }


@transaction.atomic
def candidate_submit(
    *, actor, safety_region, submitted_at: datetime | None = None, **fields
) -> CandidateLocation:
    """Register a candidate; `submitted_at` only when loading history (the demo scenario)."""
    unknown = set(fields) - set(CANDIDATE_FIELDS)
    if unknown:
        raise ValueError(f"unknown fields {unknown}")
    number = (
        CandidateLocation.objects.select_for_update()
        .filter(safety_region=safety_region)
        .aggregate(Max("number"))["number__max"] or 0
    ) + 1
    candidate = CandidateLocation(
        safety_region=safety_region, number=number, created_by=acting_user(actor),
        created_at=submitted_at or timezone.now(), **fields
    )
    if candidate.municipality.safety_region_id != safety_region.pk:
        raise ValidationError({"municipality": _("Deze gemeente hoort niet bij de regio.")})
    candidate.full_clean()
    candidate.save()
    StatusChange.objects.create(
        candidate=candidate, to_status=candidate.status, reason=_("Aangemeld"),
        changed_by=acting_user(actor), changed_at=candidate.created_at,
    )
    audit_record(actor=actor, action="create", instance=candidate,
                 summary=str(candidate), after=_public_snapshot(candidate))
    return candidate


@transaction.atomic
def candidate_update(*, actor, candidate: CandidateLocation, expected_version: int | None = None,
                     **fields) -> CandidateLocation:
    """Change a candidate's fields; refused (EditConflict) when the form's version is stale."""
    unknown = set(fields) - set(CANDIDATE_FIELDS)
    if unknown:
        raise ValueError(f"unknown fields {unknown}")
    candidate = locked(candidate)
    version_check(current=candidate, expected_version=expected_version, submitted=fields)
    before = _public_snapshot(candidate)
    changed = sorted(name for name, value in fields.items() if getattr(candidate, name) != value)
    for name, value in fields.items():
        setattr(candidate, name, value)
    candidate.version += 1
    candidate.full_clean()
    candidate.save()
    # Which fields changed, not their values: the values may be confidential.
    audit_record(actor=actor, action="update", instance=candidate, summary=str(candidate),
                 before=before, after={**_public_snapshot(candidate), "changed": changed})
    return candidate


@transaction.atomic
def candidate_change_status(
    *, actor, candidate: CandidateLocation, to_status: str, reason: str,
    changed_at: datetime | None = None, expected_version: int | None = None,
) -> CandidateLocation:
    candidate = locked(candidate)
    version_check(current=candidate, expected_version=expected_version,
                  submitted={"status": to_status})
    if not reason.strip():
        raise ValidationError({"reason": _("Geef aan waarom de status verandert.")})
    allowed = TRANSITIONS[CandidateStatus(candidate.status)]
    if to_status not in allowed:
        raise ValidationError({"to_status": _(
            "Van '%(from)s' kan de status niet naar '%(to)s'. Mogelijk: %(allowed)s."
        ) % {
            "from": candidate.get_status_display(),
            "to": CandidateStatus(to_status).label,
            "allowed": ", ".join(str(CandidateStatus(s).label) for s in sorted(allowed)) or "—",
        }})
    previous = candidate.status
    candidate.status = to_status
    candidate.version += 1
    candidate.save(update_fields=["status", "version"])
    StatusChange.objects.create(candidate=candidate, from_status=previous, to_status=to_status,
                                reason=reason.strip(), changed_by=acting_user(actor),
                                changed_at=changed_at or timezone.now())
    if to_status == CandidateStatus.OPEN:
        _register_location(actor=actor, candidate=candidate)
    audit_record(actor=actor, action="update", instance=candidate, summary=str(candidate),
                 before={"status": previous}, after={"status": to_status})
    return candidate


def _register_location(*, actor, candidate: CandidateLocation) -> None:
    """An opened candidate becomes a confidential location in the register.

    What its release made public carries over field by field, with the same embargo moment:
    a name released without the address leaves the address hidden on the location too.
    """
    release = getattr(candidate, "release", None)
    location = location_create(
        actor=actor,
        name=candidate.name,
        address=candidate.address,
        municipality=candidate.municipality,
        type=LOCATION_TYPE_FOR_KIND.get(candidate.kind, LocationType.OTHER),
        for_asylum_seekers=candidate.for_long_term or candidate.for_cno,
        for_ukrainians=candidate.for_ukrainians,
        for_permit_holders=candidate.for_permit_holders,
        status=LocationStatus.OPEN,
        is_confidential=True,
        name_released_from=release.embargo_until if release and release.release_name
        else None,
        address_released_from=release.embargo_until if release and release.release_address
        else None,
    )
    if candidate.possible_places:
        capacity_record_register(
            actor=actor, location=location,
            valid_from=max(candidate.earliest_opening or date.today(), date.today()),
            valid_to=None, places=candidate.possible_places, kind=CapacityKind.PLANNED,
            reason=_("Uit de zoektocht: %(label)s") % {"label": str(candidate)},
        )
    candidate.location = location
    candidate.save(update_fields=["location"])


@transaction.atomic
def candidate_score(*, actor, candidate, criterion: Criterion, score: int, note: str = ""):
    if criterion.safety_region_id != candidate.safety_region_id:
        raise ValidationError({"criterion": _("Dit criterium hoort bij een andere regio.")})
    if not 0 <= score <= criterion.scale_max:
        raise ValidationError({"score": _("De score moet tussen 0 en %(max)s liggen.") % {
            "max": criterion.scale_max}})
    row, _created = Score.objects.update_or_create(
        candidate=candidate, criterion=criterion,
        defaults={"score": score, "note": note, "scored_by": acting_user(actor),
                  "scored_at": timezone.now()},
    )
    audit_record(actor=actor, action="update", instance=candidate, summary=str(candidate),
                 after={"criterion": criterion.pk, "score": score})
    return row


RELEASE_FLAGS = (("name", "release_name", gettext_lazy("naam")),
                 ("address", "release_address", gettext_lazy("adres")),
                 ("owner", "release_owner", gettext_lazy("eigenaar")))


def _release_snapshot(release: Release | None) -> dict | None:
    if release is None:
        return None
    return {"fields": [name for name, flag, _label in RELEASE_FLAGS if getattr(release, flag)],
            "embargo_until": release.embargo_until.isoformat()}


@transaction.atomic
def candidate_release(*, actor, candidate, embargo_until, reason: str,
                      release_name=True, release_address=True, release_owner=False) -> Release:
    """Decide which identifying fields become public from the embargo moment on.

    A later decision may only widen the release (more fields, an earlier moment): what was
    released is never taken back. An opened candidate's register location follows.
    """
    if not reason.strip():
        raise ValidationError({"reason": _("Noem het besluit waarop de vrijgave berust.")})
    wanted = {"name": release_name, "address": release_address, "owner": release_owner}
    existing = Release.objects.select_for_update().filter(candidate=candidate).first()
    if existing is not None:
        dropped = [str(label) for name, flag, label in RELEASE_FLAGS
                   if getattr(existing, flag) and not wanted[name]]
        if dropped:
            raise ValidationError({"release_name": _(
                "Een vrijgave kan alleen worden uitgebreid, niet ingeperkt: %(fields)s is al "
                "vrijgegeven en blijft dat."
            ) % {"fields": ", ".join(dropped)}})
        if embargo_until > existing.embargo_until:
            raise ValidationError({"embargo_until": _(
                "Een vrijgave kan alleen worden uitgebreid, niet uitgesteld: het embargo loopt "
                "al tot %(moment)s."
            ) % {"moment": timezone.localtime(existing.embargo_until).strftime(
                "%d-%m-%Y %H:%M")}})
    before = _release_snapshot(existing)
    release, _created = Release.objects.update_or_create(
        candidate=candidate,
        defaults=dict(embargo_until=embargo_until, reason=reason.strip(),
                      release_name=release_name, release_address=release_address,
                      release_owner=release_owner, decided_by=acting_user(actor),
                      decided_at=timezone.now()),
    )
    after = _release_snapshot(release)
    if before != after:
        audit_record(actor=actor, action="update", instance=candidate,
                     summary=(_("%(label)s: vrijgave uitgebreid") if before
                              else _("%(label)s: vrijgave vastgelegd")) % {
                                  "label": str(candidate)},
                     before={"release": before}, after={"release": after})
    if candidate.location_id:
        location_release_widen(
            actor=actor, location=candidate.location,
            fields=[name for name in ("name", "address") if wanted[name]],
            released_from=embargo_until, reason=reason,
        )
    return release


@transaction.atomic
def document_add(*, actor, candidate, upload) -> CandidateDocument:
    """Store an uploaded document after checking its size, extension and content."""
    name = upload.name or ""
    extension = ("." + name.rsplit(".", 1)[-1].lower()) if "." in name else ""
    if extension not in DOCUMENT_TYPES:
        raise ValidationError({"file": _(
            "Dit soort bestand wordt niet aangenomen. Toegestaan: %(types)s."
        ) % {"types": ", ".join(sorted(DOCUMENT_TYPES))}})
    if upload.size > DOCUMENT_MAX_BYTES:
        raise ValidationError({"file": _("Het bestand is groter dan 10 MB.")})
    content_type, magic = DOCUMENT_TYPES[extension]
    head = upload.read(len(magic))
    upload.seek(0)
    if head != magic:
        raise ValidationError({"file": _(
            "De inhoud van het bestand past niet bij de extensie %(ext)s."
        ) % {"ext": extension}})
    document = CandidateDocument(
        candidate=candidate, original_name=name[:255], content_type=content_type,
        size=upload.size, uploaded_by=acting_user(actor),
    )
    document.file.save("upload", upload, save=False)
    document.save()
    audit_record(actor=actor, action="update", instance=candidate, summary=str(candidate),
                 after={"document": document.pk})
    return document


@transaction.atomic
def call_create(*, actor, safety_region, sent_on, text, municipalities, brokers) -> LocationCall:
    call = LocationCall(safety_region=safety_region, sent_on=sent_on, text=text,
                        created_by=acting_user(actor))
    call.full_clean()
    call.save()
    CallAddressee.objects.bulk_create(
        [CallAddressee(call=call, municipality=m) for m in municipalities]
        + [CallAddressee(call=call, broker=b) for b in brokers]
    )
    audit_record(actor=actor, action="create", instance=call, summary=str(call))
    return call


@transaction.atomic
def addressee_update(*, actor, addressee: CallAddressee, status: str, note: str = ""):
    before = addressee.status
    addressee.status = status
    addressee.note = note
    addressee.status_changed_at = timezone.now()
    addressee.full_clean()
    addressee.save()
    audit_record(actor=actor, action="update", instance=addressee,
                 before={"status": before}, after={"status": status})
    return addressee


@transaction.atomic
def criterion_create(*, actor, safety_region, name, weight, scale_max) -> Criterion:
    criterion = Criterion(safety_region=safety_region, name=name, weight=weight,
                          scale_max=scale_max)
    criterion.full_clean()
    criterion.save()
    audit_record(actor=actor, action="create", instance=criterion, summary=name)
    return criterion


@transaction.atomic
def speed_band_create(*, actor, safety_region, label, opens_before) -> SpeedBand:
    band = SpeedBand(safety_region=safety_region, label=label, opens_before=opens_before)
    band.full_clean()
    band.save()
    audit_record(actor=actor, action="create", instance=band, summary=label)
    return band
