"""Reads of regional agreements, scoped to the user, and what they change per municipality.

`permit_holder_adjustments` and `cno_adjustments` are pure functions over the agreements the
caller read once (`agreements_in_force`), so the overview, progress and deck do not each
query per municipality.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext as _

from opvangregie.agreements.models import AgreementPart, RegionalAgreement
from opvangregie.regions.selectors import safety_regions_for_user


def agreements_for_user(user, *, region) -> QuerySet[RegionalAgreement]:
    """Every agreement of `region` (old versions too), if the user may see the region."""
    regions = safety_regions_for_user(user).filter(pk=region.pk)
    return (RegionalAgreement.objects.filter(safety_region__in=regions)
            .select_related("giver", "taker", "location", "decision")
            # The parts with their municipality in one query (not one for each).
            .prefetch_related(Prefetch("parts",
                                       AgreementPart.objects.select_related("municipality"))))


def agreements_in_force(user, *, region, on: date) -> list[RegionalAgreement]:
    """The agreements counting on `on`: started, not ended, not superseded by one started."""
    found = list(agreements_for_user(user, region=region).filter(valid_from__lte=on))
    replaced = {a.supersedes_id for a in found if a.supersedes_id}
    return [a for a in found
            if a.pk not in replaced and (a.valid_until is None or a.valid_until >= on)]


@dataclass
class Adjustment:
    """How agreements change one municipality's number, and why (Dutch, one line each)."""

    amount: int = 0
    reasons: list[str] = field(default_factory=list)

    @property
    def reason(self) -> str:
        return "; ".join(self.reasons)


def _because(agreement: RegionalAgreement) -> str:
    decision = (_("besluit %(day)s") % {"day": agreement.decision.decided_on.strftime("%d-%m-%Y")}
                if agreement.decision_id else agreement.decision_reference)
    return f"{agreement.reason} ({decision})" if decision else agreement.reason


def permit_holder_adjustments(agreements) -> dict[int, Adjustment]:
    """Change of each municipality's permit-holder quota: + means it houses more.

    A shift (art. 29 lid 2) and an exchange move quota between two municipalities, so the
    region's sum never changes.
    """
    result: dict[int, Adjustment] = defaultdict(Adjustment)
    for a in agreements:
        if a.kind == RegionalAgreement.Kind.QUOTA_SHIFT:
            moves = ((a.giver_id, -a.permit_holders, _("%(n)s vergunninghouders overgedragen aan "
                                                      "%(other)s")),
                     (a.taker_id, a.permit_holders, _("%(n)s vergunninghouders overgenomen van "
                                                      "%(other)s")))
            others = (a.taker, a.giver)
        elif a.kind == RegionalAgreement.Kind.EXCHANGE and a.permit_holders:
            moves = ((a.giver_id, a.permit_holders, _("huisvest %(n)s vergunninghouders van "
                                                     "%(other)s in ruil voor CNO-plekken")),
                     (a.taker_id, -a.permit_holders, _("%(n)s vergunninghouders gehuisvest door "
                                                      "%(other)s in ruil voor CNO-plekken")))
            others = (a.taker, a.giver)
        else:
            continue
        for (pk, amount, text), other in zip(moves, others, strict=True):
            result[pk].amount += amount
            result[pk].reasons.append(
                text % {"n": a.permit_holders, "other": other.name} + ": " + _because(a))
    return dict(result)


def cno_adjustments(agreements) -> dict[int, Adjustment]:
    """Change of each municipality's CNO share by exchanges: + means it provides more."""
    result: dict[int, Adjustment] = defaultdict(Adjustment)
    for a in agreements:
        if a.kind != RegionalAgreement.Kind.EXCHANGE or not a.places:
            continue
        result[a.taker_id].amount += a.places
        result[a.taker_id].reasons.append(
            _("neemt %(n)s CNO-plekken over van %(other)s") % {"n": a.places,
                                                              "other": a.giver.name}
            + ": " + _because(a))
        result[a.giver_id].amount -= a.places
        result[a.giver_id].reasons.append(
            _("%(n)s CNO-plekken overgenomen door %(other)s") % {"n": a.places,
                                                                "other": a.taker.name}
            + ": " + _because(a))
    return dict(result)


def joint_location_parts(agreements) -> dict[int, RegionalAgreement]:
    """Joint-location agreements by location id: their places are credited in the parts."""
    return {a.location_id: a for a in agreements
            if a.kind == RegionalAgreement.Kind.JOINT_LOCATION and a.location_id}


def joint_reason(agreement: RegionalAgreement, municipality_id: int) -> str:
    total = sum(p.places for p in agreement.parts.all())
    part = next((p.places for p in agreement.parts.all()
                 if p.municipality_id == municipality_id), 0)
    return (_("gezamenlijke locatie %(location)s: %(part)s van %(total)s plekken")
            % {"location": agreement.location.name, "part": part, "total": total}
            + ": " + _because(agreement))
