"""Writes of regional agreements: validated, audited, in one transaction, append-only."""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from opvangregie.agreements.models import AgreementPart, RegionalAgreement
from opvangregie.audit.services import acting_user, audit_record
from opvangregie.regions.selectors import municipalities_for_user

Kind = RegionalAgreement.Kind


def _check(agreement: RegionalAgreement, parts) -> None:
    errors: dict[str, list[str]] = {}
    region_id = agreement.safety_region_id

    def wrong(field_name: str, text: str) -> None:
        errors.setdefault(field_name, []).append(text)

    if agreement.kind in (Kind.EXCHANGE, Kind.QUOTA_SHIFT):
        for name, label in (("giver", _("gemeente die afstaat")),
                            ("taker", _("gemeente die overneemt"))):
            municipality = getattr(agreement, name)
            if municipality is None:
                wrong(name, _("Kies de %(label)s.") % {"label": label})
            elif municipality.safety_region_id != region_id:
                wrong(name, _("De %(label)s hoort niet bij deze regio.") % {"label": label})
        if agreement.giver_id and agreement.giver_id == agreement.taker_id:
            wrong("taker", _("Een gemeente kan niet met zichzelf ruilen."))
    if agreement.kind == Kind.EXCHANGE and not (agreement.places and agreement.permit_holders):
        wrong("places", _("Een ruil noemt zowel het aantal CNO-plekken als het aantal "
                          "vergunninghouders (de afgesproken verhouding)."))
    if agreement.kind == Kind.QUOTA_SHIFT and not agreement.permit_holders:
        wrong("permit_holders", _("Noem hoeveel vergunninghouders van de taakstelling "
                                  "verschuiven."))
    if agreement.kind == Kind.JOINT_LOCATION:
        if agreement.location is None:
            wrong("location", _("Kies de gezamenlijke locatie."))
        elif agreement.location.municipality.safety_region_id != region_id:
            wrong("location", _("De locatie ligt niet in deze regio."))
        if not agreement.places:
            wrong("places", _("Noem het aantal plekken van de gezamenlijke locatie."))
        if len(parts) < 2:
            wrong("parts", _("Een gezamenlijke locatie heeft delen voor minstens twee "
                             "gemeenten."))
        elif len({m.pk for m, _n in parts}) != len(parts):
            wrong("parts", _("Elke gemeente heeft één deel."))
        elif any(m.safety_region_id != region_id for m, _n in parts):
            wrong("parts", _("Een deel is toegekend aan een gemeente buiten deze regio."))
        total = sum(n for _m, n in parts)
        if parts and agreement.places and total != agreement.places:
            wrong("parts", _("De delen tellen op tot %(total)s plekken, maar de locatie "
                             "heeft %(places)s plekken: de delen moeten samen het geheel "
                             "zijn.") % {"total": total, "places": agreement.places})
    if agreement.decision is None and not agreement.decision_reference.strip():
        wrong("decision_reference", _("Noem het besluit van het bestuurlijk overleg."))
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def agreement_register(
    *, actor, region, kind: str, valid_from: date, reason: str, giver=None, taker=None,
    places: int = 0, permit_holders: int = 0, location=None, parts=(),
    valid_until: date | None = None, decision=None, decision_reference: str = "",
    supersedes: RegionalAgreement | None = None, is_illustrative: bool = False,
) -> RegionalAgreement:
    """Record an agreement; `parts`: (municipality, places) pairs of a joint location.

    Only someone who may change every municipality of the region (the coordinator) records
    one; a change is a new agreement that supersedes the old one. `actor` None: the system
    (the demo load), as in the other services.
    """
    if actor is not None:
        editable = municipalities_for_user(actor, editable=True).filter(safety_region=region)
        if not region.municipalities.exists() or region.municipalities.exclude(
                pk__in=editable.values("pk")).exists():
            raise PermissionDenied(_("Alleen de coördinator van de regio legt afspraken "
                                     "vast."))
    if supersedes is not None and (supersedes.safety_region_id != region.pk
                                   or hasattr(supersedes, "superseded_by")):
        raise ValidationError({"supersedes": _("Deze afspraak is al vervangen of hoort niet "
                                               "bij deze regio.")})
    parts = list(parts)
    agreement = RegionalAgreement(
        safety_region=region, kind=kind, giver=giver, taker=taker, places=places,
        permit_holders=permit_holders, location=location, valid_from=valid_from,
        valid_until=valid_until, reason=reason, decision=decision,
        decision_reference=decision_reference, supersedes=supersedes,
        is_illustrative=is_illustrative, registered_by=acting_user(actor),
    )
    agreement.full_clean()
    _check(agreement, parts)
    agreement.save()
    for municipality, amount in parts:
        part = AgreementPart(agreement=agreement, municipality=municipality, places=amount)
        part.full_clean()
        part.save()
    audit_record(
        actor=actor, action="create", instance=agreement, summary=str(agreement),
        after={"kind": kind, "giver": giver.pk if giver else None,
               "taker": taker.pk if taker else None, "places": places,
               "permit_holders": permit_holders,
               "parts": {m.pk: n for m, n in parts}},
    )
    return agreement
