"""The status report ("tussenstand") for a board meeting: one data object, three renderers.

`status_report_for_user(user, region=..., as_of=...)` gathers everything the meeting needs as
known at the end of the reference date; the PowerPoint deck (`reports.deck`), the Excel
workbook (`reports.deck_workbook`) and the printable page (`reports/status_report.html`) all
render its `sections`, so their numbers agree.

Where the figures come from:

- targets, realised places and the overview table: `reports.overview.overview_for_user` and the
  capacity records as known on the date (`capacity.selectors.capacity_records_as_known`);
- the location search: only `pipeline.selectors.candidate_views_for_user` (counts per status;
  a name only where the view carries it **and** the candidate was released by the reference
  date — decks are forwarded, so even a coordinator's deck names no unreleased candidate);
- decisions, actions and proposals: `meetings.selectors` (recorded by the reference date, with
  their status at that moment);
- CNO location reports: `meetings.selectors.latest_location_reports`; a confidential location
  appears by its anonymous label and without its free-text fields;
- flex-home projects: only `housing.selectors.flex_project_views` (registered by the reference
  date; a name only where it was released by then, as the location search).

A section whose data is missing says so in a sentence and shows no invented number.
"""

from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from decimal import Decimal
from fractions import Fraction

from django.contrib.auth.models import AnonymousUser
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from opvangregie.capacity.models import CapacityKind, HousingInstrument, LocationType
from opvangregie.capacity.selectors import (
    capacity_values_as_known,
    end_of_day,
    location_view_for_user,
    locations_for_user,
)
from opvangregie.core.cache import cached_for_user
from opvangregie.core.templatetags.opvangregie import short_date
from opvangregie.forecast.model import ForecastError
from opvangregie.forecast.model import Result as ForecastResult
from opvangregie.housing.models import FlexProject
from opvangregie.housing.selectors import flex_project_views
from opvangregie.meetings.models import Horizon, Meeting
from opvangregie.meetings.selectors import (
    DecisionAsOf,
    ProposalState,
    decisions_as_of,
    latest_location_reports,
    meetings_for_user,
    proposals_as_of,
)
from opvangregie.national import presentation as national_presentation
from opvangregie.national import selectors as national_selectors
from opvangregie.national.models import Measure, SeriesKind
from opvangregie.pipeline.models import CandidateStatus, ResponseStatus, StatusChange
from opvangregie.pipeline.selectors import (
    CallSummary,
    calls_for_user,
    candidate_views_for_user,
    candidates_for_user,
)
from opvangregie.regions.models import SafetyRegion
from opvangregie.reports.columns import NAME, overview_columns
from opvangregie.reports.overview import Overview, overview_for_user, rounded_place_weeks
from opvangregie.reports.presentation import NumberFormatter
from opvangregie.targets import explain
from opvangregie.targets.models import Target
from opvangregie.targets.progress import BEHIND, Progress, overview_progress
from opvangregie.targets.selectors import targets_for_user
from opvangregie.textguard import masker

# Proposals answered longer ago than this before the reference date are left out of the deck.
RECENT_PROPOSAL_DAYS = 90
SOURCE_REGISTRATIONS = "Opvangregie"

Cell = str | int | Decimal | date | None


@dataclass(frozen=True)
class Table:
    caption: str
    headers: list[str]
    rows: list[list[Cell]]
    numeric: list[bool]
    has_total_row: bool = False
    in_deck: bool = True  # False: the deck shows the same figures in its chart only
    widths: list[int] | None = None  # relative column widths for the deck and the workbook


@dataclass(frozen=True)
class Chart:
    title: str
    kind: str  # "column", "bar" or "line" (a line chart may have gaps: None)
    categories: list[str]
    series: list[tuple[str, list[int | float | None]]]
    number_format: str = "#,##0"


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    source: str
    lines: list[str] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    chart: Chart | None = None
    # Agenda items as (number, title): the page shows them as a numbered list, where `lines`
    # (for the deck and workbook) carry the number in the text.
    numbered_items: list[tuple[int, str]] = field(default_factory=list)


# --- the parts of the report ------------------------------------------------------------------


@dataclass(frozen=True)
class TargetLine:
    target: Target
    state: str  # "active", "upcoming", "ended"
    day: date  # the day the realised places are counted on
    amount: int | None  # the target for the region
    realised: int | None
    planned: int | None
    realised_label: str

    @property
    def state_label(self) -> str:
        if self.state == "upcoming":
            return _("begint op %(day)s") % {"day": short_date(self.target.period_start)}
        if self.state == "ended":
            return _("afgelopen op %(day)s") % {"day": short_date(self.target.period_end)}
        return _("loopt")

    @property
    def short_label(self) -> str:
        label = {
            Target.Kind.CNO: _("CNO"),
            Target.Kind.PERMIT_HOLDERS: _("Vergunninghouders"),
            Target.Kind.UKRAINIANS: _("Oekraïense ontheemden"),
            Target.Kind.ASYLUM: _("Asielopvang"),
        }[self.target.kind]
        if self.target.is_informal:
            label += " " + _("(informeel)")
        return f"{label} {short_date(self.target.period_start)}"


@dataclass(frozen=True)
class UkrainianPicture:
    target: Target | None
    target_active: bool
    places: int
    per_municipality: list[tuple[str, int]]


@dataclass(frozen=True)
class SearchSummary:
    total: int
    counts: list[tuple[str, int, int]]  # status label, number, possible places
    per_municipality: list[tuple[str, int]]
    released: list[tuple[str, str, str]]  # name, municipality, status: released by then only
    registered_later: int


@dataclass(frozen=True)
class LocationReportLine:
    label: str
    municipality: str
    reported_on: date
    major_incidents: bool
    sentiment: str
    staff: str
    security: str
    catering: str
    partners: str
    care: str
    concerns: str
    confidential: bool


@dataclass(frozen=True)
class NationalFigure:
    series: str
    day: date
    value: int
    source: str
    illustrative: bool


@dataclass(frozen=True)
class NationalPicture:
    figures: list[NationalFigure]
    series: str | None = None  # the forecast series' name
    forecast: ForecastResult | None = None
    error: str = ""


@dataclass(frozen=True)
class CallPicture:
    """The latest call for locations sent by the reference date, its responses as known then."""

    sent_on: date
    municipalities: int
    brokers: int
    summary: CallSummary


@dataclass(frozen=True)
class StatusReport:
    region: SafetyRegion
    as_of: date
    generated_at: datetime
    meeting: Meeting | None
    overview: Overview
    targets: list[TargetLine]
    ukrainian: UkrainianPicture
    search: SearchSummary
    decisions: list[DecisionAsOf]
    open_actions: list
    proposals: list[ProposalState]
    location_reports: list[LocationReportLine]
    # Free text typed by users (titles, decisions, actions, proposals) as the report's user may
    # read it: names of records they may not see become "[vertrouwelijke locatie]"
    # (opvangregie.textguard). Every renderer reads the text through the sections, which apply it.
    mask: Callable[[str], str] = field(default=lambda text: text, repr=False, compare=False)
    # Delivery against the share of the CNO target starting in October (targets.progress).
    progress: Progress | None = None
    national: NationalPicture | None = None
    # Flex-home projects registered by the reference date (`access.FlexProjectView`).
    flex_projects: list = field(default_factory=list)
    call: CallPicture | None = None

    @property
    def title(self) -> str:
        if self.meeting:
            return _("Tussenstand %(meeting)s %(day)s") % {
                "meeting": self.mask(self.meeting.title), "day": short_date(self.meeting.date)}
        return _("Tussenstand %(region)s %(day)s") % {
            "region": self.region.name, "day": short_date(self.as_of)}

    @property
    def as_of_line(self) -> str:
        return _("Veiligheidsregio %(region)s · cijfers zoals bekend op %(day)s") % {
            "region": self.region.name, "day": short_date(self.as_of)}

    @property
    def sections(self) -> list[Section]:
        return _sections(self)


# --- the selector -----------------------------------------------------------------------------


def status_report_for_user(user, *, region: SafetyRegion, as_of: date,
                           now: datetime | None = None, text_reader=None) -> StatusReport:
    """Everything for the meeting's status report, as known at the end of `as_of`.

    Scoped to `user` through the access selectors; a region the user may not see gives
    empty sections (views answer 404 before calling this). Free text is masked for
    `text_reader` (default: `user`); a file meant to be forwarded passes `AnonymousUser()`.
    """
    now = now or timezone.now()
    known_at = end_of_day(as_of)
    if known_at <= now and user.pk is not None:
        # What was known at the end of a past day no longer depends on the moment of reading:
        # kept in the cache per reader, region and date under the revision of the figures
        # (core.cache, which also follows the meetings and the search). Free text is masked
        # after, for the reader and the release moments passed by now.
        parts = cached_for_user(user, "status-report", (region.pk, as_of),
                                lambda: _report_parts(user, region, as_of, known_at),
                                region_id=region.pk)
    else:
        parts = _report_parts(user, region, as_of, min(now, known_at))
    # After the parts: the hidden terms' revision then follows from the region's (one query).
    mask = masker(user if text_reader is None else text_reader)
    return StatusReport(
        region=region, as_of=as_of, generated_at=now, mask=mask,
        location_reports=[
            line if line.confidential else replace(
                line, partners=mask(line.partners), care=mask(line.care),
                concerns=mask(line.concerns))
            for line in parts.pop("location_reports")
        ],
        **parts,
    )


def _report_parts(user, region, as_of: date, moment: datetime) -> dict:
    """The report's data as known at the end of `as_of`, counted at `moment` (that end, or now
    for a day not over yet); location reports with their free text not masked yet."""
    known_at = end_of_day(as_of)
    overview = overview_for_user(user, region=region, as_of=as_of)
    meeting = (
        meetings_for_user(user, region=region).filter(date=as_of, created_at__lte=known_at)
        .prefetch_related("agenda_items").order_by("pk").first()
    )
    return {
        "meeting": meeting,
        "overview": overview,
        "targets": _target_lines(user, region, as_of, overview),
        "ukrainian": _ukrainian(user, region, as_of, overview),
        "search": _search(user, region, as_of, moment),
        "decisions": decisions_as_of(user, region=region, as_of=as_of),
        "open_actions": _open_actions(user, region, as_of),
        "proposals": [
            state for state in proposals_as_of(user, region=region, as_of=as_of)
            if not state.answered
            or (known_at - state.proposal.submitted_at).days <= RECENT_PROPOSAL_DAYS
        ],
        "location_reports": _location_reports(user, region, as_of),
        "progress": overview_progress(user, overview),
        "national": _national(region, as_of, known_at),
        "flex_projects": _flex_projects(user, region, moment),
        "call": _call(user, region, as_of, moment),
    }


def _call(user, region, as_of: date, moment: datetime) -> CallPicture | None:
    """The latest call sent by `as_of`, counted as known at `moment`: submissions registered
    by then; a response recorded later counts as "nog niet gereageerd" (its earlier state is
    not kept). Counts only, so safe for every reader (as `pipeline.selectors.call_summary`)."""
    call = (calls_for_user(user, region=region).filter(sent_on__lte=as_of)
            .order_by("-sent_on", "-pk").first())
    if call is None:
        return None
    addressees = list(call.addressees.all())

    def status(addressee) -> str:
        changed = addressee.status_changed_at
        if changed is not None and changed > moment:
            return ResponseStatus.NO_RESPONSE
        return addressee.status

    municipal = [status(a) for a in addressees if a.municipality_id]
    brokers = [status(a) for a in addressees if a.broker_id]
    candidates = list(call.candidates.filter(created_at__lte=moment)
                      .values_list("submitted_by_broker_id", "is_new"))
    from_municipalities = [new for broker, new in candidates if broker is None]
    return CallPicture(
        sent_on=call.sent_on, municipalities=len(municipal), brokers=len(brokers),
        summary=CallSummary(
            municipalities_responded=municipal.count(ResponseStatus.RESPONDED),
            municipality_submissions=len(from_municipalities),
            municipality_new=sum(from_municipalities),
            municipalities_more_time=municipal.count(ResponseStatus.MORE_TIME),
            municipalities_silent=municipal.count(ResponseStatus.NO_RESPONSE),
            brokers_responded=brokers.count(ResponseStatus.RESPONDED),
            broker_new=sum(new for broker, new in candidates if broker is not None),
        ),
    )


NATIONAL_FORECAST_WEEKS = 4


def _national(region, as_of: date, known_at: datetime) -> NationalPicture:
    """The national series and the region's own, as known at the end of `as_of`, and the
    forecast of the national occupancy of Ukrainian emergency shelter."""
    from django.db.models import Q

    figures = []
    chosen = None
    for series in national_selectors.series_all().filter(
            Q(region__isnull=True) | Q(region=region)):
        value = (national_selectors.values_as_known(series, known_on=known_at)
                 .filter(day__lte=as_of).last())
        if value is not None:
            figures.append(NationalFigure(series.name, value.day, value.value, value.source,
                                          value.is_illustrative))
        if (series.region_id is None and series.kind == SeriesKind.UKRAINIANS
                and series.measure == Measure.OCCUPIED and value is not None):
            chosen = series
    if chosen is None:
        return NationalPicture(figures)
    try:
        result = national_selectors.series_forecast(
            chosen, as_of=as_of, weeks=NATIONAL_FORECAST_WEEKS, known_on=known_at)
    except ForecastError as exc:
        return NationalPicture(figures, chosen.name, None, str(exc))
    return NationalPicture(figures, chosen.name, result)


def _flex_projects(user, region, moment: datetime) -> list:
    """The region's flex-home projects registered by `moment`, as `user` may see them then."""
    registered = set(FlexProject.objects.filter(
        municipality__safety_region=region, created_at__lte=moment).values_list("pk", flat=True))
    return [view for view in flex_project_views(user, region=region, now=moment)
            if view.pk in registered]


def _places_on(user, region, known_at: datetime, day: date, **location_filter
               ) -> tuple[int, int]:
    """(realised, planned) places of the region's locations matching the filter on `day`."""
    locations = locations_for_user(user).filter(municipality__safety_region=region,
                                                **location_filter)
    realised = planned = 0
    for record in capacity_values_as_known(locations, as_of=known_at, overlapping=(day, day)):
        if record.kind == CapacityKind.REALISED:
            realised += record.places
        else:
            planned += record.places
    return realised, planned


def _target_lines(user, region, as_of: date, overview: Overview) -> list[TargetLine]:
    """The targets running on the reference date or starting later that year; a kind with
    none running shows its most recent ended one of the year, marked as ended."""
    known_at = end_of_day(as_of)
    year_start, year_end = date(as_of.year, 1, 1), date(as_of.year, 12, 31)
    targets = list(
        targets_for_user(user, region=region, known_on=known_at)
        .filter(period_end__gte=year_start, period_start__lte=year_end)
        .order_by("kind", "period_start", "pk")
    )
    chosen: list[tuple[Target, str]] = []
    by_kind: dict[tuple, list[Target]] = defaultdict(list)
    for target in targets:
        by_kind[(target.kind, target.is_informal)].append(target)
    for (kind, _informal), group in by_kind.items():
        active = [t for t in group if t.period_start <= as_of <= t.period_end]
        upcoming = [t for t in group if t.period_start > as_of]
        if kind == Target.Kind.PERMIT_HOLDERS:
            # Only the half-year of the reference date: the overview computes its quota.
            active = [t for t in active if t in (overview.official_target,
                                                 overview.informal_target)]
            upcoming = []
        chosen += [(t, "active") for t in active] + [(t, "upcoming") for t in upcoming]
        if not active and kind != Target.Kind.PERMIT_HOLDERS:
            ended = [t for t in group if t.period_end < as_of]
            if ended:
                chosen.append((max(ended, key=lambda t: (t.period_end, t.pk)), "ended"))
    order = [Target.Kind.CNO, Target.Kind.PERMIT_HOLDERS, Target.Kind.UKRAINIANS,
             Target.Kind.ASYLUM]
    chosen.sort(key=lambda pair: (order.index(pair[0].kind), pair[0].is_informal,
                                  pair[0].period_start, pair[0].pk))
    lines = []
    for target, state in chosen:
        day = {"active": as_of, "upcoming": target.period_start,
               "ended": target.period_end}[state]
        if target.kind == Target.Kind.PERMIT_HOLDERS:
            totals = overview.totals
            amount = totals.quota_informal if target.is_informal else totals.quota
            lines.append(TargetLine(
                target, state, as_of, amount, totals.housed, None,
                _("gehuisvest %(half)s t/m %(day)s") % {
                    "half": overview.half_year, "day": short_date(as_of)},
            ))
            continue
        location_filter = {
            Target.Kind.CNO: {"type": LocationType.CNO},
            Target.Kind.UKRAINIANS: {"for_ukrainians": True},
            Target.Kind.ASYLUM: {"type": LocationType.AZC},
        }[target.kind]
        realised, planned = _places_on(user, region, known_at, day, **location_filter)
        amount = target.amount if target.scope == Target.Scope.REGIONAL else None
        lines.append(TargetLine(
            target, state, day, amount, realised, planned,
            _("plekken op %(day)s") % {"day": short_date(day)},
        ))
    return lines


def _ukrainian(user, region, as_of: date, overview: Overview) -> UkrainianPicture:
    target, active = overview.ukrainian_target, True
    if target is None:
        started = list(
            targets_for_user(user, region=region, known_on=end_of_day(as_of)).filter(
                kind=Target.Kind.UKRAINIANS, scope=Target.Scope.REGIONAL,
                period_start__lte=as_of,
            ).order_by("-period_end", "-pk")[:1]
        )
        target, active = (started[0] if started else None), False
    return UkrainianPicture(
        target=target,
        target_active=active and target is not None,
        places=overview.totals.ukrainian_places,
        per_municipality=[(row.municipality.name, row.ukrainian_places)
                          for row in overview.rows],
    )


def _search(user, region, as_of: date, moment: datetime) -> SearchSummary:
    """Counts per status as they stood at `moment`; names only of candidates released by then.

    Status history (`StatusChange`) and registration moments are read as plain values; the
    names come only from the `CandidateView`s.
    """
    views = candidate_views_for_user(user, region=region, now=moment)
    known = dict(
        candidates_for_user(user, region=region).values_list("pk", "created_at")
    )
    registered = [v for v in views if known.get(v.pk) and known[v.pk] <= moment]
    history: dict[int, list[tuple[datetime, int, str]]] = defaultdict(list)
    for candidate_id, changed_at, pk, to_status in StatusChange.objects.filter(
        candidate_id__in=[v.pk for v in registered]
    ).values_list("candidate_id", "changed_at", "pk", "to_status"):
        history[candidate_id].append((changed_at, pk, to_status))

    labels = dict(CandidateStatus.choices)

    def status_then(view) -> str:
        before = sorted(item for item in history.get(view.pk, []) if item[0] <= moment)
        return before[-1][2] if before else view.status_code

    counts: Counter = Counter()
    places: Counter = Counter()
    per_municipality: Counter = Counter()
    released = []
    for view in registered:
        status = status_then(view)
        counts[status] += 1
        places[status] += view.possible_places or 0
        per_municipality[view.municipality] += 1
        if "name" in view.released_fields and view.name:
            released.append((view.name, view.municipality, str(labels[status])))
    return SearchSummary(
        total=len(registered),
        counts=[(str(label), counts[code], places[code])
                for code, label in CandidateStatus.choices if counts[code]],
        per_municipality=sorted(per_municipality.items()),
        released=sorted(released),
        registered_later=len(views) - len(registered),
    )


def _open_actions(user, region, as_of: date) -> list:
    from opvangregie.meetings.models import Action

    known_at = end_of_day(as_of)
    actions = Action.objects.filter(
        meeting__in=meetings_for_user(user, region=region).filter(date__lte=as_of),
        created_at__lte=known_at,
    ).select_related("meeting").order_by("due_date", "pk")
    return [a for a in actions if a.done_at is None or a.done_at > known_at]


def _location_reports(user, region, as_of: date) -> list[LocationReportLine]:
    lines = []
    nobody = AnonymousUser()  # the label a forwarded deck may carry: never a confidential name
    moment = end_of_day(as_of)  # a name released after the reference date is not named
    for report in latest_location_reports(user, region=region, as_of=as_of):
        location = report.location
        confidential = location.is_confidential
        hidden = _("(niet in de tussenstand: vertrouwelijke locatie)")
        lines.append(LocationReportLine(
            label=location_view_for_user(nobody, location, now=moment).label,
            municipality=location.municipality.name,
            reported_on=report.reported_on,
            major_incidents=report.major_incidents,
            sentiment=report.get_sentiment_display(),
            staff=report.get_staff_display(),
            security=report.get_security_display(),
            catering=report.get_catering_display(),
            partners=hidden if confidential else report.partners,
            care=hidden if confidential else report.care,
            concerns=hidden if confidential else report.concerns,
            confidential=confidential,
        ))
    return lines


# --- sections: what every renderer shows ------------------------------------------------------


def _rounded(value: Fraction) -> Decimal:
    return rounded_place_weeks(value)


def _target_text(target: Target) -> str:
    text = _("%(name)s (%(start)s – %(end)s). Bron: %(source)s") % {
        "name": target.name, "start": short_date(target.period_start),
        "end": short_date(target.period_end), "source": target.source,
    }
    if target.is_illustrative:
        text += " " + _("(illustratief)")
    return text


def _registrations_source(report: StatusReport) -> str:
    return _("Registraties in Opvangregie zoals bekend op %(day)s.") % {
        "day": short_date(report.as_of)}


def _sections(report: StatusReport) -> list[Section]:
    return [
        _agenda_section(report),
        _typed_section(report, "veiligheidsbeeld", _("Veiligheidsbeeld"), "safety_picture"),
        _national_with_text(report),
        _typed_section(report, "bestuursakkoord", _("Bestuursakkoord"), "agreements"),
        _targets_section(report),
        _overview_section(report),
        _permit_holders_section(report),
        _cno_section(report),
        _cno_share_section(report),
        _progress_section(report),
        _ukrainian_section(report),
        _search_section(report),
        _call_section(report),
        _typed_section(report, "bevindingen", _("Bevindingen"), "findings"),
        _typed_section(report, "voorstel", _("Voorstel: uitgangspunten regionaal"),
                       "principles"),
        _flex_section(report),
        _location_reports_section(report),
        _decisions_section(report),
        _actions_section(report),
        _proposals_section(report),
        _sources_section(report),
    ]


BULLETS = "•-*–·"


def _typed_lines(report: StatusReport, name: str) -> list[str]:
    """The meeting's typed text for `name`, one line per non-empty line, without the bullet
    the typist may have put in front, masked for the report's reader."""
    text = getattr(report.meeting, name, "") if report.meeting else ""
    lines = []
    for raw in text.splitlines():
        line = raw.strip().lstrip(BULLETS).strip()
        if line:
            lines.append(report.mask(line))
    return lines


def _typed_source(report: StatusReport) -> str:
    return _("Tekst vastgelegd bij het overleg van %(day)s in Opvangregie.") % {
        "day": short_date(report.meeting.date)} if report.meeting else \
        _registrations_source(report)


def _typed_section(report: StatusReport, key: str, title: str, name: str) -> Section:
    """A slide of typed text: what the meeting's coordinator wrote (`meeting_narrative`)."""
    lines = _typed_lines(report, name)
    if not lines:
        lines = [_("Voor dit overleg is geen tekst vastgelegd.") if report.meeting
                 else _("Er is geen overleg op %(day)s vastgelegd.") % {
                     "day": short_date(report.as_of)}]
    return Section(key, title, _typed_source(report), lines=lines)


def _national_with_text(report: StatusReport) -> Section:
    """The national figures and forecast, after the meeting's own words on them."""
    section = _national_section(report)
    typed = _typed_lines(report, "national_text")
    if not typed:
        return section
    return replace(section, lines=typed + section.lines,
                   source=section.source + " " + _typed_source(report))


def _permit_holders_section(report: StatusReport) -> Section:
    """Permit holders housed in the half-year per instrument (the seeds' "Statushouders")."""
    totals = report.overview.totals
    title = _("Statushouders: huisvesting per instrument")
    source = _("Gehuisveste vergunninghouders %(half)s tot en met %(day)s per instrument, zoals "
               "de gemeenten ze registreerden. %(reg)s") % {
        "half": report.overview.half_year, "day": short_date(report.as_of),
        "reg": _registrations_source(report)}
    if not report.overview.rows or not totals.housed:
        return Section("statushouders", title, source, lines=[
            _("Er zijn in %(half)s tot en met %(day)s geen gehuisveste vergunninghouders "
              "geregistreerd.") % {"half": report.overview.half_year,
                                   "day": short_date(report.as_of)}])
    fmt = NumberFormatter()
    rows = [[str(label), totals.housed_by_instrument[code]]
            for code, label in HousingInstrument.choices if code in totals.housed_by_instrument]
    if totals.housed_unassigned:
        rows.append([_("Zonder instrument geregistreerd"), totals.housed_unassigned])
    lines = [_("%(n)s vergunninghouders gehuisvest in %(half)s tot en met %(day)s.") % {
        "n": fmt(totals.housed), "half": report.overview.half_year,
        "day": short_date(report.as_of)}]
    chart = Chart(_("Statushouders per instrument"), "bar", [row[0] for row in rows],
                  [(_("Gehuisvest"), [row[1] for row in rows])])
    table = Table(_("Gehuisvest per instrument"), [_("Instrument"), _("Gehuisvest")],
                  rows + [[_("Totaal"), totals.housed]], [False, True], has_total_row=True)
    return Section("statushouders", title, source, lines=lines, tables=[table], chart=chart)


def _cno_share_section(report: StatusReport) -> Section:
    """The adopted distribution of the CNO target starting in October: key, earlier effort
    credited, the municipalities struck out, and the places per municipality."""
    progress = report.progress
    distribution = progress.distribution if progress is not None else None
    title = _("CNO: taakstelling %(amount)s") % {
        "amount": progress.target.amount} if progress is not None else _("CNO: taakstelling")
    source = _("De vastgestelde verdeling in Opvangregie, in werking op %(day)s.") % {
        "day": short_date(report.as_of)}
    if distribution is None:
        return Section("cno_verdeling", title, source, lines=[
            _("Er is op %(day)s geen vastgestelde verdeling van de CNO-opgave.") % {
                "day": short_date(report.as_of)}])
    target = progress.target
    allocations = list(distribution.allocations.select_related("municipality")
                       .order_by("municipality__name"))
    fmt = NumberFormatter()
    lines = [
        _("%(amount)s plekken, %(start)s – %(end)s: aantal plekken permanent beschikbaar.") % {
            "amount": fmt(target.amount), "start": short_date(target.period_start),
            "end": short_date(target.period_end)},
        _("Verdeelsleutel: %(key)s (%(method)s).") % {
            "key": explain.key_text(distribution.key),
            "method": explain.method_label(distribution.method)},
    ]
    if distribution.credit_from and distribution.credit_until:
        lines.append(_("De geleverde inspanning van %(start)s tot en met %(end)s is "
                       "verdisconteerd (plekweken).") % {
            "start": short_date(distribution.credit_from),
            "end": short_date(distribution.credit_until)})
    struck = [a for a in allocations if a.amount == 0]
    for allocation in struck:
        lines.append(_("%(name)s: weggestreept — %(why)s.") % {
            "name": allocation.municipality.name,
            "why": "; ".join(explain.reason_texts(allocation.explanation,
                                                  method=distribution.method)).rstrip(".")})
    if distribution.decision_reference:
        lines.append(_("Vastgesteld: %(decision)s.") % {
            "decision": distribution.decision_reference})

    def number(value) -> Decimal:
        return Decimal(str(round(float(Fraction(str(value))), 1)))

    rows = [
        [a.municipality.name, a.explanation.get("share") and
         Decimal(str(round(float(Fraction(a.explanation["share"])) * 100, 1))),
         number(a.credit), number(a.explanation.get("fair_part", 0)),
         number(a.explanation.get("remaining", 0)), a.amount]
        for a in allocations
    ]
    rows.append([_("Totaal"), Decimal(100), sum(r[2] for r in rows), sum(r[3] for r in rows),
                 sum(r[4] for r in rows), sum(a.amount for a in allocations)])
    table = Table(
        _("Verdeling per gemeente"),
        [_("Gemeente"), _("Sleutel (%)"), _("Eerdere inzet (plekweken)"),
         _("Eerlijk deel (plekweken)"), _("Resterend (plekweken)"), _("Plekken")],
        rows, [False, True, True, True, True, True], has_total_row=True,
        widths=[22, 12, 14, 14, 14, 12])
    chart = Chart(_("CNO-plekken per gemeente"), "bar",
                  [a.municipality.name for a in allocations],
                  [(_("Plekken"), [a.amount for a in allocations])])
    return Section("cno_verdeling", title, source, lines=lines, tables=[table], chart=chart)


def _call_section(report: StatusReport) -> Section:
    """The call for locations in the words of the seed slides, counted as known then."""
    title = _("Stand van zaken uitvraag locaties")
    source = _("Uitvraag en reacties in Opvangregie zoals bekend op %(day)s; alleen aantallen."
               ) % {"day": short_date(report.as_of)}
    call = report.call
    if call is None:
        return Section("uitvraag", title, source, lines=[
            _("Er is tot en met %(day)s geen uitvraag verstuurd.") % {
                "day": short_date(report.as_of)}])
    summary = call.summary
    lines = [
        _("Uitvraag van %(day)s aan %(municipalities)s en %(brokers)s.") % {
            "day": short_date(call.sent_on),
            "municipalities": ngettext("%(n)s gemeente", "%(n)s gemeenten",
                                       call.municipalities) % {"n": call.municipalities},
            "brokers": ngettext("%(n)s makelaar", "%(n)s makelaars", call.brokers) % {
                "n": call.brokers}},
        summary.text,
    ]
    categories = [str(label) for _code, label in ResponseStatus.choices]
    chart = Chart(_("Reacties van gemeenten op de uitvraag"), "bar", categories, [
        (_("Gemeenten"), [summary.municipalities_responded, summary.municipalities_more_time,
                          summary.municipalities_silent])])
    return Section("uitvraag", title, source, lines=lines, chart=chart)


def _agenda_section(report: StatusReport) -> Section:
    meeting = report.meeting
    if meeting is None:
        return Section("agenda", _("Agenda"), _registrations_source(report), lines=[
            _("Er is geen overleg op %(day)s vastgelegd; deze tussenstand hoort niet bij een "
              "agenda.") % {"day": short_date(report.as_of)}])
    items = [item for item in meeting.agenda_items.all()
             if item.created_at <= end_of_day(report.as_of)]
    lines = [f"{item.position}. {report.mask(item.title)}" for item in items] or [
        _("Er zijn geen agendapunten vastgelegd.")]
    return Section("agenda", _("Agenda %(meeting)s") % {"meeting": report.mask(meeting.title)},
                   _registrations_source(report), lines=lines,
                   numbered_items=[(item.position, report.mask(item.title)) for item in items])


def _national_section(report: StatusReport) -> Section:
    title = _("Actueel landelijk beeld")
    picture = report.national
    source = _("Landelijk beeld in Opvangregie zoals bekend op %(day)s; bron per cijfer.") % {
        "day": short_date(report.as_of)}
    if picture is None or not picture.figures:
        return Section("landelijk", title, source, lines=[
            _("Er zijn op deze datum geen landelijke cijfers vastgelegd.")])
    table = Table(
        _("Landelijke en regionale cijfers"),
        [_("Reeks"), _("Datum"), _("Waarde"), _("Bron")],
        [[f.series, f.day, f.value,
          report.mask(f.source) + (" " + _("(illustratief)") if f.illustrative else "")]
         for f in picture.figures],
        [False, False, True, False], widths=[34, 12, 12, 42],
    )
    lines = []
    result = picture.forecast
    chart = None
    if picture.error:
        lines.append(_("Geen prognose: %(error)s") % {"error": picture.error})
    if result is not None:
        lines.append(_("Prognose %(series)s, %(weeks)s weken vooruit (%(method)s), met banden "
                       "van 80 %% en 95 %%.") % {"series": picture.series,
                                                 "weeks": len(result.points),
                                                 "method": result.method})
        lines.append(national_presentation.backtest_line(result))
        capacity = national_presentation.capacity_line(result)
        if capacity:
            lines.append(capacity)
        history = result.history[-8:]
        empty = [None] * len(history)
        chart = Chart(
            _("%(series)s en prognose") % {"series": picture.series}, "line",
            [short_date(day) for day, _v in history] + [short_date(p.day)
                                                        for p in result.points],
            [(_("Bekend"), [round(v) for _d, v in history] + [None] * len(result.points)),
             (_("Prognose (midden)"), empty[:-1] + [round(history[-1][1])]
              + [round(p.mean) for p in result.points]),
             (_("80 % ondergrens"), empty + [round(p.lower80) for p in result.points]),
             (_("80 % bovengrens"), empty + [round(p.upper80) for p in result.points])],
        )
        table_forecast = Table(
            _("Prognose per week"),
            [_("Week"), _("Midden"), _("80 % laag"), _("80 % hoog"), _("95 % laag"),
             _("95 % hoog")],
            [[p.day, round(p.mean), round(p.lower80), round(p.upper80), round(p.lower95),
              round(p.upper95)] for p in result.points],
            [False, True, True, True, True, True], in_deck=False,
        )
        return Section("landelijk", title, source, lines=lines, tables=[table, table_forecast],
                       chart=chart)
    return Section("landelijk", title, source, lines=lines, tables=[table])


def _targets_section(report: StatusReport) -> Section:
    source = _("Opgaven: zie de bron per regel. Gerealiseerd en gepland: %(reg)s") % {
        "reg": _registrations_source(report)}
    if not report.targets:
        return Section("opgaven", _("Opgaven en realisatie"), source, lines=[
            _("Er zijn voor %(year)s geen opgaven voor deze regio vastgelegd.")
            % {"year": report.as_of.year}])
    rows = [
        [line.short_label, line.target.name, line.state_label, line.amount, line.realised,
         line.planned, line.realised_label,
         line.target.source + (" " + _("(illustratief)") if line.target.is_illustrative
                               else "")]
        for line in report.targets
    ]
    table = Table(
        _("Opgaven en gerealiseerde plekken of personen"),
        [_("Opgave"), _("Omschrijving"), _("Stand"), _("Opgave regio"), _("Gerealiseerd"),
         _("Gepland"), _("Geteld als"), _("Bron")],
        rows, [False, False, False, True, True, True, False, False],
        widths=[14, 30, 12, 10, 11, 9, 16, 24],
    )
    chart = Chart(
        _("Opgave en gerealiseerd"), "bar",
        [line.short_label for line in report.targets],
        [(_("Opgave regio"), [line.amount for line in report.targets]),
         (_("Gerealiseerd"), [line.realised for line in report.targets])],
    )
    lines = [
        _("Een landelijke taakstelling vergunninghouders staat hier als de som van de wettelijke "
          "taakstellingen van de gemeenten van de regio (Huisvestingswet 2014, art. 29).")
    ]
    return Section("opgaven", _("Opgaven en realisatie"), source, lines=lines,
                   tables=[table], chart=chart)


def _overview_section(report: StatusReport) -> Section:
    overview = report.overview
    source = _("Inzage opgaven asielketen (peildatum %(day)s): CBS StatLine 70072NED "
               "(inwoners %(population)s), opgaven van het Rijk, %(reg)s") % {
        "day": short_date(report.as_of),
        "population": short_date(overview.population_date) if overview.population_date
        else "—",
        "reg": _registrations_source(report)}
    if not overview.rows:
        return Section("inzage", _("Inzage opgaven asielketen"), source,
                       lines=[_("Er zijn geen gemeenten van deze regio zichtbaar.")])
    columns = [c for c in overview_columns(overview) if c.in_deck]
    rows = [[c.row(row) for c in columns] for row in overview.rows]
    rows.append([c.total(overview.totals) for c in columns])
    lines = []
    if overview.official_target is None:
        lines.append(_("Geen officiële taakstelling vergunninghouders voor deze peildatum: "
                       "taakstelling en Saldo I blijven leeg."))
    if overview.informal_target is None:
        lines.append(_("Geen informele taakstelling: Saldo II blijft leeg."))
    if overview.cno_share_computed:
        lines.append(_("CNO-aandeel okt–jan: berekend, niet vastgesteld."))
    if overview.cno_share_error:
        lines.append(_("CNO-aandeel niet te berekenen: %(error)s") % {
            "error": overview.cno_share_error})
    lines.append(_("Saldo = gehuisvest + saldo vorig halfjaar − taakstelling (%(half)s); "
                   "CNO-plekweken %(start)s – %(end)s.") % {
        "half": overview.half_year, "start": short_date(overview.cno_start),
        "end": short_date(overview.cno_end)})
    return Section(
        "inzage", _("Inzage opgaven asielketen"), source, lines=lines,
        tables=[Table(_("Opgaven en inzet per gemeente"), [c.header for c in columns], rows,
                      [c.kind != NAME for c in columns], has_total_row=True,
                      widths=[c.width for c in columns])],
    )


def _cno_section(report: StatusReport) -> Section:
    overview = report.overview
    source = _("Plekweken (plekken × dagen ÷ 7) van CNO-locaties, gerealiseerd en gepland, per "
               "ISO-week. %(reg)s") % {"reg": _registrations_source(report)}
    per_week = [_rounded(value) for value in overview.totals.cno_per_week]
    total = overview.totals.cno_total_rounded
    title = _("CNO-inzet per week")
    if not overview.rows or not any(per_week):
        return Section("cno", title, source, lines=[
            _("Er is tussen %(start)s en %(end)s geen CNO-inzet geregistreerd.") % {
                "start": short_date(overview.cno_start), "end": short_date(overview.cno_end)}])
    labels = overview.week_labels
    lines = [_("Totaal %(start)s – %(end)s: %(total)s plekweken.") % {
        "start": short_date(overview.cno_start), "end": short_date(overview.cno_end),
        "total": NumberFormatter()(total)}]
    table = Table(_("CNO-plekweken per week, regio"), [_("Week"), _("Plekweken")],
                  [[label, value] for label, value in zip(labels, per_week, strict=True)]
                  + [[_("Totaal"), total]],
                  [False, True], has_total_row=True, in_deck=False)
    chart = Chart(_("CNO-plekweken per week"), "column", labels,
                  [(_("Plekweken"), [float(v) for v in per_week])], number_format="#,##0.0")
    return Section("cno", title, source, lines=lines, tables=[table], chart=chart)


def progress_table(progress: Progress) -> Table:
    """Delivery against the share per municipality, with the region's totals (place-weeks)."""
    rows = [
        [line.name, line.share, _rounded(line.due), _rounded(line.realised),
         _rounded(line.planned), _rounded(line.gap), line.marker_label, line.reason]
        for line in [*progress.lines, progress.totals]
    ]
    return Table(
        _("Voortgang per gemeente (plekweken)"),
        [_("Gemeente"), _("Aandeel"), _("Te leveren"), _("Gerealiseerd"), _("Gepland"),
         _("Verschil"), _("Stand"), _("Reden afwijking")],
        rows, [False, True, True, True, True, True, False, False], has_total_row=True,
        widths=[18, 9, 11, 12, 10, 10, 10, 30],
    )


def _progress_section(report: StatusReport) -> Section:
    progress = report.progress
    title = _("Voortgang CNO tegen het aandeel")
    source = _("Aandelen: de vastgestelde verdeling; plekweken van CNO-locaties, gerealiseerd "
               "tot en met de peildatum en gepland. %(reg)s") % {
        "reg": _registrations_source(report)}
    if progress is None:
        return Section("voortgang", title, source, lines=[
            _("Er is geen CNO-opgave van de regio die in oktober begint.")])
    if progress.error:
        return Section("voortgang", title, source, lines=[progress.error])
    totals = progress.totals
    behind = [line.name for line in progress.lines if line.marker == BEHIND]
    lines = [
        _("%(target)s, %(start)s – %(end)s: te leveren %(due)s plekweken, gerealiseerd "
          "%(realised)s, gepland %(planned)s.") % {
            "target": progress.target.name, "start": short_date(progress.target.period_start),
            "end": short_date(progress.target.period_end),
            "due": NumberFormatter()(_rounded(totals.due)),
            "realised": NumberFormatter()(_rounded(totals.realised)),
            "planned": NumberFormatter()(_rounded(totals.planned))},
        _("Achter: %(names)s.") % {"names": ", ".join(behind)} if behind
        else _("Geen gemeente loopt achter."),
    ]
    return Section("voortgang", title, source, lines=lines, tables=[progress_table(progress)])


def _ukrainian_section(report: StatusReport) -> Section:
    picture = report.ukrainian
    source = _("Gerealiseerde plekken van locaties voor Oekraïense ontheemden op %(day)s. "
               "%(reg)s") % {"day": short_date(report.as_of),
                             "reg": _registrations_source(report)}
    title = _("Opvang Oekraïense ontheemden")
    fmt = NumberFormatter()
    lines = []
    if picture.target is None:
        lines.append(_("Er is geen opgave voor de opvang van Oekraïense ontheemden vastgelegd."))
    else:
        lines.append(_("Opgave: %(amount)s plekken — %(target)s") % {
            "amount": fmt(picture.target.amount), "target": _target_text(picture.target)})
        if not picture.target_active:
            lines.append(_("Deze opgave liep op de peildatum niet meer; er is geen latere "
                           "vastgelegd."))
    lines.append(_("Gerealiseerd op %(day)s: %(places)s plekken.") % {
        "day": short_date(report.as_of), "places": fmt(picture.places)})
    if picture.target is not None:
        difference = picture.places - picture.target.amount
        sign = "+" if difference > 0 else ("−" if difference < 0 else "")
        lines.append(_("Verschil met de opgave: %(diff)s plekken.") % {
            "diff": sign + fmt(abs(difference))})
    rows = [[name, places] for name, places in picture.per_municipality]
    rows.append([_("Totaal"), picture.places])
    categories = [_("Opgave"), _("Gerealiseerd")]
    chart = Chart(_("Plekken Oekraïense ontheemden"), "column", categories,
                  [(_("Plekken"), [picture.target.amount if picture.target else None,
                                   picture.places])])
    return Section("oekraine", title, source, lines=lines, chart=chart, tables=[
        Table(_("Plekken per gemeente"), [_("Gemeente"), _("Plekken")], rows, [False, True],
              has_total_row=True, in_deck=False)])


def _search_section(report: StatusReport) -> Section:
    search = report.search
    title = _("Zoektocht naar locaties voor langdurige opvang")
    source = _("Longlist in Opvangregie zoals bekend op %(day)s. Aantallen per status; namen "
               "alleen van locaties die op de peildatum waren vrijgegeven.") % {
        "day": short_date(report.as_of)}
    lines = []
    if search.registered_later:
        lines.append(ngettext(
            "%(n)s kandidaatlocatie is na de peildatum geregistreerd en telt niet mee.",
            "%(n)s kandidaatlocaties zijn na de peildatum geregistreerd en tellen niet mee.",
            search.registered_later) % {"n": search.registered_later})
    if not search.total:
        lines.insert(0, _("Op %(day)s waren er geen kandidaatlocaties geregistreerd.") % {
            "day": short_date(report.as_of)})
        return Section("zoektocht", title, source, lines=lines)
    places = len(search.per_municipality)
    lines.insert(0, ngettext("%(n)s kandidaatlocatie", "%(n)s kandidaatlocaties", search.total)
                 % {"n": search.total} + " "
                 + ngettext("in %(m)s gemeente.", "in %(m)s gemeenten.", places) % {"m": places})
    if search.released:
        lines.append(_("Vrijgegeven: %(names)s.") % {"names": "; ".join(
            f"{name} ({municipality}, {status})"
            for name, municipality, status in search.released)})
    else:
        lines.append(_("Er zijn (nog) geen namen vrijgegeven; de tussenstand noemt geen "
                       "locaties."))
    rows = [[label, count, places] for label, count, places in search.counts]
    rows.append([_("Totaal"), search.total, sum(p for _label, _n, p in search.counts)])
    table = Table(_("Kandidaatlocaties per status"),
                  [_("Status"), _("Aantal"), _("Mogelijke plekken")], rows,
                  [False, True, True], has_total_row=True)
    chart = Chart(_("Kandidaatlocaties per status"), "bar",
                  [label for label, _n, _p in search.counts],
                  [(_("Aantal"), [count for _label, count, _p in search.counts])])
    municipality_table = Table(
        _("Kandidaatlocaties per gemeente"), [_("Gemeente"), _("Aantal")],
        [[name, n] for name, n in search.per_municipality], [False, True], in_deck=False)
    return Section("zoektocht", title, source, lines=lines,
                   tables=[table, municipality_table], chart=chart)


def _flex_section(report: StatusReport) -> Section:
    """Flex-home projects per municipality. Decks are forwarded: a project is named only when
    its name was released by the reference date, whoever made the deck."""
    title = _("Flexwoningprojecten")
    source = _("Flexwoningprojecten in Opvangregie zoals geregistreerd op %(day)s; fase en "
               "aantallen zoals nu bekend. Namen alleen van projecten die op de peildatum "
               "waren vrijgegeven.") % {"day": short_date(report.as_of)}
    projects = report.flex_projects
    if not projects:
        return Section("flexwonen", title, source, lines=[
            _("Op %(day)s waren er geen flexwoningprojecten geregistreerd.") % {
                "day": short_date(report.as_of)}])
    municipalities = {view.municipality for view in projects}
    lines = [_("%(n)s projecten met samen %(homes)s woningen in %(m)s gemeenten.") % {
        "n": len(projects), "homes": sum(view.homes for view in projects),
        "m": len(municipalities)}]
    hidden = _("Vertrouwelijk project")
    rows = [
        [view.municipality, view.name if view.released and view.name else hidden,
         view.stage_display, view.homes,
         short_date(view.expected_delivery) if view.expected_delivery else "—"]
        for view in projects
    ]
    rows.append([_("Totaal"), "", "", sum(view.homes for view in projects), ""])
    return Section("flexwonen", title, source, lines=lines, tables=[Table(
        _("Flexwoningprojecten per gemeente"),
        [_("Gemeente"), _("Project"), _("Fase"), _("Woningen"), _("Verwachte oplevering")],
        rows, [False, False, False, True, False], has_total_row=True,
        widths=[18, 30, 14, 10, 16])])


def _yes_no(value: bool) -> str:
    return _("ja") if value else _("nee")


def _location_reports_section(report: StatusReport) -> Section:
    title = _("CNO-locaties")
    source = _("Rapportages van de CNO-locaties, de laatste per locatie tot en met %(day)s. "
               "Vertrouwelijke locaties staan er zonder naam en zonder toelichting.") % {
        "day": short_date(report.as_of)}
    if not report.location_reports:
        return Section("cno_locaties", title, source, lines=[
            _("Er zijn tot en met %(day)s geen rapportages van CNO-locaties vastgelegd.")
            % {"day": short_date(report.as_of)}])
    rows = [
        [line.label, line.reported_on, _yes_no(line.major_incidents), line.sentiment,
         " / ".join([line.staff, line.security, line.catering]), line.partners, line.care,
         line.concerns]
        for line in report.location_reports
    ]
    return Section("cno_locaties", title, source, tables=[Table(
        _("Laatste rapportage per CNO-locatie"),
        [_("Locatie"), _("Datum"), _("Grote incidenten"), _("Sentiment"),
         _("Medewerkers / beveiliging / catering"), _("Partners"), _("Zorg"), _("Zorgpunten")],
        rows, [False] * 8, widths=[18, 9, 8, 9, 14, 16, 14, 16],
    )])


def _decisions_section(report: StatusReport) -> Section:
    title = _("Besluiten")
    source = _("Besluiten van het bestuurlijk overleg, vastgelegd in Opvangregie, met hun "
               "status op %(day)s.") % {"day": short_date(report.as_of)}
    shown = [d for d in report.decisions
             if d.is_open or (report.meeting and d.decision.meeting_id == report.meeting.pk)]
    if not shown:
        return Section("besluiten", title, source, lines=[
            _("Er zijn tot en met %(day)s geen openstaande besluiten vastgelegd.")
            % {"day": short_date(report.as_of)}])
    horizons = dict(Horizon.choices)
    rows = [
        [short_date(d.decision.decided_on), str(horizons[d.decision.horizon]),
         report.mask(d.decision.text), report.mask(d.decision.owner), d.status_label]
        for d in shown
    ]
    closed = len(report.decisions) - len([d for d in report.decisions if d.is_open])
    lines = [_("Openstaande besluiten en de besluiten van dit overleg.") + " " + (
        ngettext("%(n)s eerder besluit is afgerond of vervallen.",
                 "%(n)s eerdere besluiten zijn afgerond of vervallen.", closed) % {"n": closed}
        if closed else _("Er zijn geen eerdere besluiten afgerond of vervallen."))]
    return Section("besluiten", title, source, lines=lines, tables=[Table(
        _("Besluiten"), [_("Besloten"), _("Termijn"), _("Besluit"), _("Eigenaar"), _("Status")],
        rows, [False] * 5, widths=[10, 12, 50, 16, 12])])


def _actions_section(report: StatusReport) -> Section:
    title = _("Open acties")
    source = _("Acties uit het bestuurlijk overleg, vastgelegd in Opvangregie, open op "
               "%(day)s.") % {"day": short_date(report.as_of)}
    if not report.open_actions:
        return Section("acties", title, source, lines=[
            _("Er staan op %(day)s geen acties open.") % {"day": short_date(report.as_of)}])
    rows = [[report.mask(a.text), report.mask(a.owner), a.due_date, short_date(a.meeting.date)]
            for a in report.open_actions]
    return Section("acties", title, source, tables=[Table(
        _("Open acties"), [_("Actie"), _("Eigenaar"), _("Uiterlijk"), _("Uit overleg van")],
        rows, [False] * 4, widths=[55, 18, 12, 15])])


def _moment(value: datetime) -> str:
    return timezone.localtime(value).strftime("%-d-%-m-%Y %H:%M")


def _proposals_section(report: StatusReport) -> Section:
    title = _("Voorstellen aan het Rijk (GO / NO GO binnen 72 uur)")
    source = _("Voorstellen aan het loket van het Rijk, vastgelegd in Opvangregie; stand op "
               "%(day)s 24:00. Open voorstellen en voorstellen van de laatste %(days)s dagen.") % {
        "day": short_date(report.as_of), "days": RECENT_PROPOSAL_DAYS}
    if not report.proposals:
        return Section("voorstellen", title, source, lines=[
            _("Er zijn tot en met %(day)s geen voorstellen aan het Rijk vastgelegd.")
            % {"day": short_date(report.as_of)}])

    def state(item: ProposalState) -> str:
        if item.answered:
            text = _("%(answer)s op %(at)s") % {"answer": item.answer_label,
                                                "at": _moment(item.proposal.answered_at)}
            return text + (" " + _("(na de termijn)") if item.answered_late else "")
        if item.overdue:
            return _("TERMIJN VERSTREKEN — geen antwoord")
        return _("open")

    def subject(proposal) -> str:
        title = report.mask(proposal.title)
        if proposal.is_illustrative and _("illustratief") not in title:
            return f"{title} ({_('illustratief')})"
        return title

    rows = [
        [subject(item.proposal),
         report.mask(item.proposal.submitted_by), _moment(item.proposal.submitted_at),
         _moment(item.deadline), state(item)]
        for item in report.proposals
    ]
    overdue = sum(1 for item in report.proposals if item.overdue)
    lines = [ngettext("%(n)s voorstel zonder antwoord na 72 uur.",
                      "%(n)s voorstellen zonder antwoord na 72 uur.", overdue)
             % {"n": overdue}] if overdue \
        else [_("Geen voorstellen over de termijn van 72 uur.")]
    return Section("voorstellen", title, source, lines=lines, tables=[Table(
        _("Voorstellen aan het Rijk"),
        [_("Voorstel"), _("Ingediend door"), _("Ingediend op"), _("Antwoord uiterlijk"),
         _("Antwoord")], rows, [False] * 5, widths=[38, 16, 14, 14, 18])])


def _sources_section(report: StatusReport) -> Section:
    overview = report.overview
    lines = [
        _("Peildatum: %(day)s. Alle cijfers zoals ze aan het eind van die dag in Opvangregie "
          "bekend waren; latere correcties tellen niet mee.") % {"day": short_date(report.as_of)},
        _("Inwoners: CBS, StatLine tabel 70072NED, inwoners op %(day)s (CC BY 4.0).") % {
            "day": short_date(overview.population_date) if overview.population_date else "—"},
    ]
    seen = set()
    for line in report.targets:
        if line.target.pk not in seen:
            seen.add(line.target.pk)
            lines.append(_("Opgave: %(text)s") % {"text": _target_text(line.target)})
    lines += [
        _("AZC-plekken zoals geregistreerd; COA publiceert ze op https://www.coa.nl/nl/"
          "locatiezoeker."),
        _("Zoektocht: aantallen uit de longlist; locaties worden alleen genoemd als hun naam "
          "op de peildatum was vrijgegeven."),
        _("Gemaakt met Opvangregie op %(at)s.") % {"at": _moment(report.generated_at)},
    ]
    return Section("bronnen", _("Bronnen en toelichting"), _registrations_source(report),
                   lines=lines)
