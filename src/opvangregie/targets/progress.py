"""Delivery against the share: per municipality and week, the place-weeks it should provide
for a target and the place-weeks realised and planned, as known on a date.

Reads only, through selectors (`targets.selectors`, `capacity.selectors`). The rules:

- **Due**: the municipality's share in the distribution in force on the date
  (`targets.selectors.distribution_in_force`) × the days of the target's period in the week
  ÷ 7. Without a distribution adopted by the date there is no progress to show.
- **Realised**: realised capacity records of the target's location type (the distribution's
  credit type, CNO for a CNO target) on the days of the period up to and including the date.
- **Planned**: planned records on any day of the period, and realised records after the date
  (a location realised and still running is expected to keep its places). A day that a
  realised record of the same location covers does not count its planned record too
  (`capacity.ledger.realised_supersedes_planned`).
- **Credited effort is not counted again**: the effort at the locations a distribution
  credited for the target's own window (`PlannedEffortCredit`, e.g. the Zwartewaterland boat)
  already lowered the municipality's share, so it is shown apart and left out of realised
  and planned.
- **Gap** = realised + planned − due over the whole period (negative: short), and its marker:
  "achter" when the gap is short by more than `TOLERANCE` of what is due, "voor" when it is
  over by more than that, else "op schema". With nothing due, any effort is "voor".
"""

from dataclasses import dataclass
from datetime import date, timedelta
from fractions import Fraction

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from opvangregie.agreements.selectors import (
    agreements_in_force,
    cno_adjustments,
    joint_location_parts,
    joint_reason,
)
from opvangregie.capacity.ledger import (
    IsoWeek,
    Span,
    place_weeks_per_week,
    realised_supersedes_planned,
    weeks_between,
)
from opvangregie.capacity.models import LocationType
from opvangregie.capacity.selectors import capacity_spans_as_known, end_of_day
from opvangregie.core.dated import current_as_known
from opvangregie.regions.models import SafetyRegion
from opvangregie.regions.selectors import safety_regions_for_user
from opvangregie.targets.distribution import region_municipalities
from opvangregie.targets.models import Distribution, Target
from opvangregie.targets.selectors import (
    distribution_in_force,
    target_lineage,
    target_versions_for_user,
)
from opvangregie.textguard import masker

# A gap within this part of what is due counts as on schedule.
TOLERANCE = Fraction(5, 100)

BEHIND, ON_TRACK, AHEAD = "achter", "op schema", "voor"
MARKER_LABELS = {
    BEHIND: gettext_lazy("achter"),
    ON_TRACK: gettext_lazy("op schema"),
    AHEAD: gettext_lazy("voor"),
}


def marker(gap: Fraction, due: Fraction) -> str:
    margin = due * TOLERANCE
    if gap < -margin:
        return BEHIND
    if gap > margin:
        return AHEAD
    return ON_TRACK


@dataclass(frozen=True)
class WeekFigures:
    week: IsoWeek
    due: Fraction
    realised: Fraction
    planned: Fraction

    @property
    def label(self) -> str:
        return _("wk %(week)s") % {"week": self.week[1]}

    @property
    def gap(self) -> Fraction:
        return self.realised + self.planned - self.due


@dataclass(frozen=True)
class ProgressLine:
    """One municipality, or the region's totals (`municipality_id` None)."""

    name: str
    municipality_id: int | None
    share: int
    credited: Fraction  # effort in the window already credited in the share
    weeks: list[WeekFigures]
    reason: str = ""  # why the share or the effort differs from the plain share (agreements)

    @property
    def due(self) -> Fraction:
        return sum((w.due for w in self.weeks), Fraction(0))

    @property
    def realised(self) -> Fraction:
        return sum((w.realised for w in self.weeks), Fraction(0))

    @property
    def planned(self) -> Fraction:
        return sum((w.planned for w in self.weeks), Fraction(0))

    @property
    def gap(self) -> Fraction:
        return self.realised + self.planned - self.due

    @property
    def marker(self) -> str:
        return marker(self.gap, self.due)

    @property
    def marker_label(self) -> str:
        return str(MARKER_LABELS[self.marker])

    def to_dict(self, *, weeks: bool = True) -> dict:
        data = {
            "name": self.name,
            "share": self.share,
            "due_place_weeks": _number(self.due),
            "realised_place_weeks": _number(self.realised),
            "planned_place_weeks": _number(self.planned),
            "gap_place_weeks": _number(self.gap),
            "marker": self.marker,
            "credited_place_weeks": _number(self.credited),
            "reason": self.reason,
        }
        if weeks:
            data["weeks"] = [
                {"year": w.week[0], "week": w.week[1], "due_place_weeks": _number(w.due),
                 "realised_place_weeks": _number(w.realised),
                 "planned_place_weeks": _number(w.planned), "gap_place_weeks": _number(w.gap)}
                for w in self.weeks
            ]
        return data


def _number(value: Fraction) -> float:
    return round(float(value), 2)


@dataclass(frozen=True)
class Progress:
    target: Target
    region: SafetyRegion
    as_of: date
    distribution: Distribution | None
    location_type: str | None
    lines: list[ProgressLine]
    totals: ProgressLine | None
    error: str = ""  # why there is nothing to show (Dutch)

    @property
    def week_labels(self) -> list[str]:
        return [w.label for w in self.totals.weeks] if self.totals else []

    def to_dict(self) -> dict:
        distribution = self.distribution
        return {
            "target": {
                "id": self.target.pk, "name": self.target.name, "kind": self.target.kind,
                "amount": self.target.amount,
                "period_start": self.target.period_start.isoformat(),
                "period_end": self.target.period_end.isoformat(),
            },
            "region": {"code": self.region.code, "name": self.region.name},
            "as_of": self.as_of.isoformat(),
            "distribution": None if distribution is None else {
                "version": distribution.version,
                "decision": distribution.decision_reference,
            },
            "location_type": self.location_type,
            "error": self.error,
            "municipalities": [line.to_dict() for line in self.lines],
            "totals": self.totals.to_dict() if self.totals else {},
        }


def target_for_progress(user, *, pk: int, region: SafetyRegion, as_of: date,
                        found: Target | None = None) -> Target | None:
    """The target with id `pk` (any version of it) as known at the end of `as_of` (its
    current version when it was not known yet: then no distribution was in force either), if
    the user may see it and the region; None otherwise.

    `found`: the row `pk` as the caller read it through `target_versions_for_user(user)`,
    for a `region` the caller found among `safety_regions_for_user(user)` (the progress page
    has read both): then neither is read again.
    """
    if found is None:
        if not safety_regions_for_user(user).filter(pk=region.pk).exists():
            return None
        found = target_versions_for_user(user, region=region).filter(pk=pk).first()
        if found is None:
            return None
    elif found.pk != pk or (found.scope != Target.Scope.NATIONAL
                            and found.safety_region_id != region.pk):
        return None  # what target_versions_for_user(user, region=region) would not give
    versions = target_versions_for_user(user, region=region).filter(
        pk__in=target_lineage(found)
    )
    return (current_as_known(versions, known_on=end_of_day(as_of)).first()
            or current_as_known(versions).first())


def progress_location_type(target: Target, distribution: Distribution | None) -> str | None:
    if distribution is not None and distribution.credit_location_type:
        return distribution.credit_location_type
    return LocationType.CNO if target.kind == Target.Kind.CNO else None


def progress_for_user(user, *, region: SafetyRegion, target: Target, as_of: date) -> Progress:
    """Delivery against the share of `target` in `region`, as known at the end of `as_of`.

    `target` comes from `target_for_progress` (the caller checked the user may see it); the
    distribution is read through the user's scope too.
    """
    distribution = distribution_in_force(user, target=target, region=region, on=as_of)
    location_type = progress_location_type(target, distribution)
    if target.unit != Target.Unit.PLACES:
        return Progress(target, region, as_of, distribution, location_type, [], None,
                        _("Deze opgave telt personen, geen plekken: de voortgang in "
                          "plekweken geldt alleen voor opgaven in plekken."))
    if distribution is None:
        return Progress(target, region, as_of, None, location_type, [], None,
                        _("Op %(day)s was er voor deze opgave nog geen vastgestelde "
                          "verdeling.") % {"day": as_of.strftime("%d-%m-%Y")})
    start, end = target.period_start, target.period_end
    municipalities = region_municipalities(region, start)
    ids = [m.pk for m in municipalities]
    shares = {a.municipality_id: a.amount for a in distribution.allocations.all()}
    # Regional agreements: exchanges move CNO places between shares; a joint location's
    # place-weeks are credited to the municipalities in the agreed parts.
    agreements = agreements_in_force(user, region=region, on=as_of)
    reasons: dict[int, list[str]] = {}
    for pk, adjustment in cno_adjustments(agreements).items():
        shares[pk] = shares.get(pk, 0) + adjustment.amount
        reasons.setdefault(pk, []).extend(adjustment.reasons)
    joint = joint_location_parts(agreements)
    for agreement in joint.values():
        for part in agreement.parts.all():
            reasons.setdefault(part.municipality_id, []).append(
                joint_reason(agreement, part.municipality_id))
    credited_locations = {
        c.location_id: c for c in distribution.planned_credits.all()
    }
    spans = realised_supersedes_planned(
        capacity_spans_as_known(ids, start=start, until=end, as_of=end_of_day(as_of),
                                location_type=location_type),
        end,
    )
    credited: dict[int, Fraction] = {}
    realised_spans, planned_spans = [], []
    for span in spans:
        if span.location in credited_locations:
            continue
        if span.location in joint:
            # Split by the agreed parts; realised up to the date, planned after it, as below.
            parts = list(joint[span.location].parts.all())
            total = sum(p.places for p in parts)
            for part in parts:
                places = Fraction(span.places * part.places, total)
                if not span.realised:
                    planned_spans.append(Span(part.municipality_id, span.start, span.end,
                                              places))
                    continue
                if span.start <= as_of:
                    realised_spans.append(Span(part.municipality_id, span.start,
                                               min(span.end, as_of), places))
                if span.end > as_of:
                    planned_spans.append(Span(part.municipality_id,
                                              max(span.start, as_of + timedelta(days=1)),
                                              span.end, places))
            continue
        if not span.realised:
            planned_spans.append(Span(span.unit, span.start, span.end, span.places))
            continue
        if span.start <= as_of:
            realised_spans.append(Span(span.unit, span.start, min(span.end, as_of),
                                       span.places))
        if span.end > as_of:
            planned_spans.append(Span(span.unit, max(span.start, as_of + timedelta(days=1)),
                                      span.end, span.places))
    for credit in credited_locations.values():
        credited[credit.municipality_id] = (
            credited.get(credit.municipality_id, Fraction(0)) + Fraction(credit.place_weeks)
        )
    end_exclusive = end + timedelta(days=1)
    due = place_weeks_per_week([Span(pk, start, end, shares.get(pk, 0)) for pk in ids],
                               start, end_exclusive)
    realised = place_weeks_per_week(realised_spans, start, end_exclusive)
    planned = place_weeks_per_week(planned_spans, start, end_exclusive)
    weeks = weeks_between(start, end_exclusive)
    zero = Fraction(0)
    # The reasons quote what coordinators typed in agreements: masked for this reader.
    mask = masker(user)
    lines = [
        ProgressLine(
            m.name, m.pk, shares.get(m.pk, 0), credited.get(m.pk, zero),
            [WeekFigures(week, due.get(m.pk, {}).get(week, zero),
                         realised.get(m.pk, {}).get(week, zero),
                         planned.get(m.pk, {}).get(week, zero))
             for week in weeks],
            mask("; ".join(reasons.get(m.pk, []))),
        )
        for m in municipalities
    ]
    totals = ProgressLine(
        _("Totaal regio"), None, sum(line.share for line in lines),
        sum((line.credited for line in lines), zero),
        [WeekFigures(week, sum((line.weeks[i].due for line in lines), zero),
                     sum((line.weeks[i].realised for line in lines), zero),
                     sum((line.weeks[i].planned for line in lines), zero))
         for i, week in enumerate(weeks)],
    )
    return Progress(target, region, as_of, distribution, location_type, lines, totals)


def overview_progress(user, overview) -> Progress | None:
    """The progress the overview's reports show: of the region's CNO target starting in
    October (`overview.cno_target`), as known on the overview's date; None without one."""
    if overview.cno_target is None:
        return None
    target = target_for_progress(user, pk=overview.cno_target.pk, region=overview.region,
                                 as_of=overview.as_of)
    if target is None:
        return None
    return progress_for_user(user, region=overview.region, target=target, as_of=overview.as_of)
