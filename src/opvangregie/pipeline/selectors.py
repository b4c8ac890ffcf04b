"""Who sees what of the location search. The one place that decides it.

`candidates_for_user` decides which candidates a user may know exist (their region's);
`details_visible` whether the identifying fields may be shown (the field rules themselves
live in `opvangregie.access`, shared with the register's locations); `candidate_views_for_user`
turns candidates into `CandidateView`s that only carry what the user may see. Views, exports,
the deck and the API use these views, never the model instances.
"""

from dataclasses import dataclass, field
from datetime import date, datetime

from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from opvangregie import access
from opvangregie.access import may_manage  # noqa: F401 - a public name of this module
from opvangregie.accounts.models import Role
from opvangregie.pipeline.models import (
    CallAddressee,
    CandidateKind,
    CandidateLocation,
    CandidateStatus,
    LocationCall,
    ResponseStatus,
    Score,
    SpeedBand,
)
from opvangregie.regions.selectors import safety_regions_for_user


def candidates_for_user(user, *, region=None) -> QuerySet[CandidateLocation]:
    regions = safety_regions_for_user(user)
    if region is not None:
        regions = regions.filter(pk=region.pk)
    return CandidateLocation.objects.filter(safety_region__in=regions).select_related(
        "municipality", "safety_region", "release", "submitted_by_broker"
    )


def details_visible(user, candidate: CandidateLocation) -> bool:
    """May the user see name, address, owner, notes and documents (before any release)?"""
    return access.candidate_details_visible(user, candidate)


def may_edit(user, candidate: CandidateLocation) -> bool:
    return details_visible(user, candidate) and user.role != Role.BOARD


def released_fields(candidate: CandidateLocation, *, now: datetime | None = None) -> set[str]:
    return access.candidate_released_fields(candidate, now=now)


def speed_band(candidate: CandidateLocation, bands: list[SpeedBand]) -> tuple[int, str]:
    if candidate.earliest_opening:
        for index, band in enumerate(bands):
            if candidate.earliest_opening < band.opens_before:
                return index, band.label
    return len(bands), _("later of onbekend")


@dataclass(frozen=True)
class CandidateView:
    """A candidate as one user may see it; identifying fields are None when hidden."""

    pk: int
    number: int
    municipality: str
    municipality_id: int
    kind: str
    status: str
    status_code: str
    possible_places: int | None
    earliest_opening: date | None
    is_new: bool
    intended_use: list[str]
    band_index: int
    band: str
    score: float | None
    details_visible: bool
    released: bool
    name: str | None = None
    address: str | None = None
    owner: str | None = None
    notes: str | None = None
    estimated_costs: object = None
    scan_reference: str | None = None
    hidden_fields: list[str] = field(default_factory=list)
    released_fields: tuple[str, ...] = ()  # what a release made public (embargo passed)
    # Identifying fields this view carries that are not public yet: showing them is audited.
    confidential_shown: tuple[str, ...] = ()

    @property
    def anonymous_label(self) -> str:
        parts = [_("Locatie %(n)s") % {"n": self.number}, self.municipality]
        if self.possible_places:
            parts.append(_("ca. %(n)s plekken") % {"n": self.possible_places})
        parts.append(self.status)
        return " — ".join(parts)

    @property
    def label(self) -> str:
        return self.name or self.anonymous_label

    @property
    def shows_confidential_details(self) -> bool:
        """Identifying fields shown that are not yet public: such a view is audited."""
        return bool(self.confidential_shown)


def weighted_score(candidate: CandidateLocation) -> float | None:
    scores = list(candidate.scores.all())
    if not scores:
        return None
    total_weight = sum(s.criterion.weight for s in scores)
    if not total_weight:
        return None
    return sum(
        s.criterion.weight * s.score / s.criterion.scale_max for s in scores
    ) / total_weight * 100


def _choice_labels() -> tuple[dict[str, str], dict[str, str]]:
    """Kind and status → label in the active language, read once per list of views
    (get_FOO_display rebuilds a dict of every choice per call)."""
    return ({value: str(label) for value, label in CandidateKind.choices},
            {value: str(label) for value, label in CandidateStatus.choices})


def to_view(user, candidate: CandidateLocation, bands, *, now=None,
            labels: tuple[dict[str, str], dict[str, str]] | None = None) -> CandidateView:
    kinds, statuses = labels or _choice_labels()
    visible = details_visible(user, candidate)
    released = released_fields(candidate, now=now)
    band_index, band = speed_band(candidate, bands)

    def shown(name: str):
        return getattr(candidate, name) if visible or name in released else None

    uses = [label for flag, label in (
        (candidate.for_long_term, _("langdurige opvang")), (candidate.for_cno, _("CNO")),
        (candidate.for_permit_holders, _("vergunninghouders")),
        (candidate.for_ukrainians, _("Oekraïners")),
    ) if flag]
    return CandidateView(
        pk=candidate.pk,
        number=candidate.number,
        municipality=candidate.municipality.name,
        municipality_id=candidate.municipality_id,
        kind=kinds.get(candidate.kind, candidate.kind),
        status=statuses.get(candidate.status, candidate.status),
        status_code=candidate.status,
        possible_places=candidate.possible_places,
        earliest_opening=candidate.earliest_opening,
        is_new=candidate.is_new,
        intended_use=uses,
        band_index=band_index,
        band=band,
        score=weighted_score(candidate),
        details_visible=visible,
        released=bool(released),
        name=shown("name"),
        address=shown("address"),
        owner=shown("owner"),
        notes=candidate.notes if visible else None,
        estimated_costs=candidate.estimated_costs if visible else None,
        scan_reference=candidate.scan_reference if visible else None,
        released_fields=tuple(sorted(released)),
        confidential_shown=tuple(
            name for name in ("name", "address", "owner", "notes")
            if visible and name not in released and getattr(candidate, name)
        ),
    )


def candidate_views_for_user(user, *, region=None, now=None) -> list[CandidateView]:
    """Every candidate of the user's region(s), ranked: speed band first, then weighted score."""
    # A view needs the municipality and the release of a candidate, and its scores with their
    # criteria (one query with them): the region and the broker it does not read.
    candidates = (
        candidates_for_user(user, region=region)
        .select_related(None).select_related("municipality", "release")
        .prefetch_related(Prefetch("scores", queryset=Score.objects.select_related("criterion")))
    )
    bands_by_region: dict[int, list[SpeedBand]] = {}
    for band in SpeedBand.objects.filter(
        safety_region__in=safety_regions_for_user(user)
    ).order_by("opens_before"):
        bands_by_region.setdefault(band.safety_region_id, []).append(band)
    labels = _choice_labels()
    views = [
        to_view(user, c, bands_by_region.get(c.safety_region_id, []), now=now, labels=labels)
        for c in candidates
    ]
    return sorted(views, key=lambda v: (v.band_index, -(v.score or 0), v.number))


def candidate_for_user(user, pk: int) -> CandidateLocation:
    try:
        return candidates_for_user(user).get(pk=pk)
    except CandidateLocation.DoesNotExist:
        raise Http404 from None


def candidate_view_for_user(user, candidate: CandidateLocation, *, now=None) -> CandidateView:
    bands = list(SpeedBand.objects.filter(safety_region=candidate.safety_region))
    return to_view(user, candidate, bands, now=now)


def calls_for_user(user, *, region=None) -> QuerySet[LocationCall]:
    regions = safety_regions_for_user(user)
    if region is not None:
        regions = regions.filter(pk=region.pk)
    return LocationCall.objects.filter(safety_region__in=regions)


@dataclass(frozen=True)
class CallSummary:
    municipalities_responded: int
    municipality_submissions: int
    municipality_new: int
    municipalities_more_time: int
    municipalities_silent: int
    brokers_responded: int
    broker_new: int

    @property
    def text(self) -> str:
        broker_part = ngettext(
            "per saldo %(n)s nieuwe locatie", "per saldo %(n)s nieuwe locaties", self.broker_new
        ) % {"n": self.broker_new}
        responded = ngettext(
            "%(responded)s gemeente heeft gereageerd", "%(responded)s gemeenten hebben gereageerd",
            self.municipalities_responded) % {"responded": self.municipalities_responded}
        more = ngettext("%(more)s heeft meer tijd nodig", "%(more)s hebben meer tijd nodig",
                        self.municipalities_more_time) % {"more": self.municipalities_more_time}
        submitted = ngettext("%(n)s pand of locatie", "%(n)s panden en locaties",
                             self.municipality_submissions) % {
                                 "n": self.municipality_submissions}
        brokers = ngettext("%(brokers)s makelaar", "%(brokers)s makelaars",
                           self.brokers_responded) % {"brokers": self.brokers_responded}
        return _(
            "%(responded)s met %(submitted)s, waarvan %(new)s nieuw; "
            "%(more)s; %(silent)s nog niet gereageerd; %(brokers)s, %(broker_part)s."
        ) % {
            "responded": responded,
            "submitted": submitted,
            "new": self.municipality_new,
            "more": more,
            "silent": self.municipalities_silent,
            "brokers": brokers,
            "broker_part": broker_part,
        }


def call_summary(call: LocationCall) -> CallSummary:
    """Counts only: safe for every role."""
    return _summary(list(call.addressees.all()),
                    list(call.candidates.values_list("submitted_by_broker_id", "is_new")))


def call_summaries(calls) -> list[tuple[LocationCall, CallSummary]]:
    """`call_summary` of each call, in two queries however many calls a region sent."""
    calls = list(calls.prefetch_related("addressees"))
    candidates: dict[int, list[tuple[int | None, bool]]] = {}
    for call_id, broker, new in CandidateLocation.objects.filter(call__in=calls).values_list(
            "call_id", "submitted_by_broker_id", "is_new"):
        candidates.setdefault(call_id, []).append((broker, new))
    return [(call, _summary(list(call.addressees.all()), candidates.get(call.pk, [])))
            for call in calls]


def _summary(addressees: list[CallAddressee], candidates) -> CallSummary:
    """The counts of one call from its addressees and its candidates' (broker, is new)."""
    municipal = [a for a in addressees if a.municipality_id]
    brokers = [a for a in addressees if a.broker_id]
    from_municipalities = [new for broker, new in candidates if broker is None]
    from_brokers = [new for broker, new in candidates if broker is not None]
    return CallSummary(
        municipalities_responded=sum(a.status == ResponseStatus.RESPONDED for a in municipal),
        municipality_submissions=len(from_municipalities),
        municipality_new=sum(from_municipalities),
        municipalities_more_time=sum(a.status == ResponseStatus.MORE_TIME for a in municipal),
        municipalities_silent=sum(a.status == ResponseStatus.NO_RESPONSE for a in municipal),
        brokers_responded=sum(a.status == ResponseStatus.RESPONDED for a in brokers),
        broker_new=sum(from_brokers),
    )


def reminder_list(call: LocationCall) -> list[CallAddressee]:
    return [
        a for a in call.addressees.select_related("municipality", "broker")
        if a.status != ResponseStatus.RESPONDED
    ]


def status_counts(views: list[CandidateView]) -> list[tuple[str, int]]:
    counts = {label: 0 for _code, label in CandidateStatus.choices}
    for view in views:
        counts[view.status] += 1
    return [(label, n) for label, n in counts.items() if n]
