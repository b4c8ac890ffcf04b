"""Who may see which field of which record: the one place that decides it.

Confidential fields are a candidate location's name, address, owner and notes (the location
search), a confidential register location's name, address and the comments on its figures,
and a flex-home project's name (until its release).
They are visible to the circle of the record (its municipality's own officers, the region's
coordinators, administrators) and, field by field, to every logged-in user once a release's
embargo moment has passed. Everything else about these records is public within the region.

Selectors of the apps (`pipeline.selectors`, `capacity.selectors`) delegate here; pages,
exports and reports receive `CandidateView`s and `LocationView`s built from these rules, so a
template cannot print what it was never given. `hidden_confidential_terms` lists, for a user,
the values they may not see, for code that must keep them out of free text.
"""

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

from django.core.cache import cache
from django.utils import timezone
from django.utils.translation import gettext as _

from opvangregie.accounts.models import Role
from opvangregie.capacity.models import Location, LocationType
from opvangregie.housing.models import FlexProject
from opvangregie.pipeline.models import CandidateLocation

CANDIDATE_RELEASABLE = ("name", "address", "owner")
LOCATION_RELEASABLE = ("name", "address")
# A location's fields that no release makes public: free text that may name it.
LOCATION_CIRCLE_ONLY = ("reason",)


# --- the circle --------------------------------------------------------------------------------


def may_manage(user, region) -> bool:
    """Coordinators of the region (and administrators) assess, change status and release."""
    return user.role == Role.ADMINISTRATOR or (
        user.role == Role.COORDINATOR and user.safety_region_id == region.pk
    )


def own_municipality_ids(user) -> set[int]:
    """An officer's municipalities, read once per user object (lists ask for every row)."""
    if not user.is_authenticated or user.role != Role.OFFICER:
        return set()
    if not hasattr(user, "_own_municipality_ids"):
        user._own_municipality_ids = set(user.municipalities.values_list("pk", flat=True))
    return user._own_municipality_ids


def in_circle(user, *, municipality_id: int, region_id: int) -> bool:
    """Is the user one of those who see a record's confidential fields before any release?"""
    if not user.is_authenticated:
        return False
    if user.role == Role.ADMINISTRATOR:
        return True
    if user.role == Role.COORDINATOR:
        return user.safety_region_id == region_id
    return municipality_id in own_municipality_ids(user)


def _now(now: datetime | None) -> datetime:
    return now or timezone.now()


# --- candidates --------------------------------------------------------------------------------


def candidate_details_visible(user, candidate: CandidateLocation) -> bool:
    """May the user see name, address, owner, notes and documents (before any release)?"""
    return in_circle(user, municipality_id=candidate.municipality_id,
                     region_id=candidate.safety_region_id)


def candidate_released_fields(candidate: CandidateLocation, *,
                              now: datetime | None = None) -> set[str]:
    """The fields a release made public, once its embargo moment has passed."""
    release = getattr(candidate, "release", None)
    if release is None or _now(now) < release.embargo_until:
        return set()
    return {
        name for name, released in (
            ("name", release.release_name),
            ("address", release.release_address),
            ("owner", release.release_owner),
        ) if released
    }


# --- register locations ------------------------------------------------------------------------


def location_details_visible(user, location: Location) -> bool:
    """May the user see every field of the location (not only what a release made public)?"""
    if not location.is_confidential:
        return True
    return in_circle(user, municipality_id=location.municipality_id,
                     region_id=location.municipality.safety_region_id)


def location_released_fields(location: Location, *, now: datetime | None = None) -> set[str]:
    """Of a confidential location, the fields public to everyone at `now`."""
    if not location.is_confidential:
        return set(LOCATION_RELEASABLE) | set(LOCATION_CIRCLE_ONLY)
    moment = _now(now)
    return {
        name for name in LOCATION_RELEASABLE
        if (released_from := getattr(location, f"{name}_released_from")) is not None
        and released_from <= moment
    }


class _ConfidentialNameView:
    """What a view of a record with a confidential name shows: the name when this reader may
    see it, else the anonymous label of the subclass."""

    @property
    def label(self) -> str:
        return self.name if self.name is not None else self.anonymous_label

    @property
    def shows_confidential_details(self) -> bool:
        return bool(self.confidential_shown)


@dataclass(frozen=True)
class LocationView(_ConfidentialNameView):
    """A register location as one user may see it; name and address are None when hidden."""

    pk: int
    municipality: str
    municipality_id: int
    type: str
    type_display: str
    is_confidential: bool
    details_visible: bool  # in the circle: every field, also the comments on its figures
    name: str | None
    address: str | None
    # Confidential fields this view carries that are not public yet: showing them is audited.
    confidential_shown: tuple[str, ...] = ()
    released: tuple[str, ...] = ()  # fields a release made public (of a confidential location)

    @property
    def anonymous_label(self) -> str:
        return _("Vertrouwelijke locatie (%(type)s) — %(municipality)s") % {
            "type": self.type_display, "municipality": self.municipality,
        }


    @property
    def shows_confidential_badge(self) -> bool:
        return self.is_confidential and self.details_visible


def _type_labels() -> dict[str, str]:
    """Location type → its label in the active language, read once per list of views.

    `get_type_display()` rebuilds a dict of every choice per call (make_hashable), about half
    a millisecond a location on a list of a thousand.
    """
    return {value: str(label) for value, label in LocationType.choices}


def _location_view(location: Location, *, circle: bool, released: set[str],
                   type_labels: dict[str, str] | None = None) -> LocationView:
    labels = type_labels if type_labels is not None else _type_labels()

    def shown(name: str) -> str | None:
        return getattr(location, name) if circle or name in released else None

    secret = () if not location.is_confidential else tuple(
        name for name in LOCATION_RELEASABLE
        if circle and name not in released and getattr(location, name)
    )
    return LocationView(
        pk=location.pk,
        municipality=location.municipality.name,
        municipality_id=location.municipality_id,
        type=location.type,
        type_display=labels.get(location.type, location.type),
        is_confidential=location.is_confidential,
        details_visible=circle,
        name=shown("name"),
        address=shown("address"),
        confidential_shown=secret,
        released=tuple(sorted(released)) if location.is_confidential else (),
    )


def location_view_for_user(user, location: Location, *, now=None) -> LocationView:
    return _location_view(location, circle=location_details_visible(user, location),
                          released=location_released_fields(location, now=now))


def location_views_for_user(user, locations: Iterable[Location], *,
                            now=None) -> list[LocationView]:
    """Views of `locations` (with `municipality` selected), in the order given; no query per
    location (an officer's own municipalities are read once)."""
    moment = _now(now)
    labels = _type_labels()
    return [
        _location_view(loc, circle=location_details_visible(user, loc),
                       released=location_released_fields(loc, now=moment), type_labels=labels)
        for loc in locations
    ]


def location_label(user, location: Location) -> str:
    """The name if the user may see it, else "Vertrouwelijke locatie (soort) — Gemeente"."""
    return location_view_for_user(user, location).label


def location_labels_with_period(user, locations: Iterable[Location], *, now: datetime
                                ) -> tuple[dict[int, str], datetime, datetime]:
    """`location_labels` at `now`, and the period around `now` in which they stay the same
    (from the last release moment of a name up to the next): for a caller that keeps them."""
    locations = list(locations)
    since, until = _ALWAYS, _NEVER
    for location in locations:
        released_from = location.name_released_from if location.is_confidential else None
        if released_from is None:
            continue
        if released_from <= now:
            since = max(since, released_from)
        else:
            until = min(until, released_from)
    return location_labels(user, locations, now=now), since, until


def location_labels(user, locations: Iterable[Location], *, now=None) -> dict[int, str]:
    return {view.pk: view.label for view in location_views_for_user(user, locations, now=now)}


def location_details_visible_ids(user, locations: Iterable[Location]) -> set[int]:
    """The pks of `locations` whose every field the user may see."""
    return {loc.pk for loc in locations if location_details_visible(user, loc)}


# --- flex-home projects ------------------------------------------------------------------------


def flex_project_name_visible(user, project: FlexProject, *, now: datetime | None = None
                              ) -> bool:
    """The name: to the circle (own municipality, the region's coordinators, administrators)
    and, once its release moment has passed, to every user of the region."""
    return flex_project_in_circle(user, project) or flex_project_released(project, now=now)


def flex_project_in_circle(user, project: FlexProject) -> bool:
    """Also who may change the project: its own municipality's officers and the coordinators."""
    return in_circle(user, municipality_id=project.municipality_id,
                     region_id=project.municipality.safety_region_id)


def flex_project_released(project: FlexProject, *, now: datetime | None = None) -> bool:
    released_from = project.name_released_from
    return released_from is not None and released_from <= _now(now)


@dataclass(frozen=True)
class FlexProjectView(_ConfidentialNameView):
    """A flex-home project as one user may see it; `name` is None when hidden."""

    pk: int
    municipality: str
    municipality_id: int
    name: str | None
    contact: str
    stage: str
    stage_display: str
    homes: int
    expected_delivery: object  # date | None
    released: bool
    in_circle: bool  # may change it
    version: int
    confidential_shown: tuple[str, ...] = ()  # ("name",) when an unreleased name is shown

    @property
    def anonymous_label(self) -> str:
        return _("Vertrouwelijk flexwoningproject — %(municipality)s") % {
            "municipality": self.municipality}



def flex_project_view(project: FlexProject, *, circle: bool, released: bool) -> FlexProjectView:
    return FlexProjectView(
        pk=project.pk,
        municipality=project.municipality.name,
        municipality_id=project.municipality_id,
        name=project.name if circle or released else None,
        contact=project.contact,
        stage=project.stage,
        stage_display=str(project.get_stage_display()),
        homes=project.homes,
        expected_delivery=project.expected_delivery,
        released=released,
        in_circle=circle,
        version=project.version,
        confidential_shown=("name",) if circle and not released else (),
    )


def flex_project_views_for_user(user, projects: Iterable[FlexProject], *,
                                now=None) -> list[FlexProjectView]:
    """Views of `projects` (with `municipality` selected), in the order given. A forwarded
    file passes `AnonymousUser()`: only released names."""
    moment = _now(now)
    return [
        flex_project_view(project, circle=flex_project_in_circle(user, project),
                          released=flex_project_released(project, now=moment))
        for project in projects
    ]


# --- what a user may not see -------------------------------------------------------------------


@dataclass(frozen=True)
class Reader:
    """Whose confidential records a reader sees: all, a region's, or some municipalities'.

    A user is one reader (`Reader.of_user`); the audience of a typed text is its least
    entitled reader: every user of the region (`Reader()`, as a board member) or the officers
    of one municipality and the coordinators (`Reader.of_municipality`).
    """

    everything: bool = False
    region_ids: frozenset[int] = frozenset()
    municipality_ids: frozenset[int] = frozenset()

    @classmethod
    def of_user(cls, user) -> "Reader":
        if not getattr(user, "is_authenticated", False):
            return cls()
        if user.role == Role.ADMINISTRATOR:
            return cls(everything=True)
        if user.role == Role.COORDINATOR:
            return cls(region_ids=frozenset({user.safety_region_id} - {None}))
        return cls(municipality_ids=frozenset(own_municipality_ids(user)))

    @classmethod
    def of_municipality(cls, municipality_id: int) -> "Reader":
        return cls(municipality_ids=frozenset({municipality_id}))

    def sees(self, region_id: int, municipality_id: int) -> bool:
        """The rule of `in_circle`, for a reader that need not be one user."""
        return (self.everything or region_id in self.region_ids
                or municipality_id in self.municipality_ids)


def hidden_confidential_terms(user_or_reader, *, now: datetime | None = None) -> list[str]:
    """The names, addresses and owners of candidates and register locations, and the names of
    flex-home projects (any region) that this user (or `Reader`) may not see: for code that
    keeps them out of free text.

    Longest first (so a name is replaced before a word inside it), no duplicates, no empty
    strings. Read "now" they come from the cache while the figures' revision holds (one
    query), else from three value queries. A value the reader does see on another record (two
    candidates with one owner) is not hidden: masking it would hide nothing. An administrator
    may see everything: an empty list.
    """
    reader = (user_or_reader if isinstance(user_or_reader, Reader)
              else Reader.of_user(user_or_reader))
    if reader.everything:
        return []
    if now is not None:
        return list(_hidden_terms(reader, now)[0])
    # Every page with free text needs these; they are read from every confidential record in
    # the country. So they are kept per reader under the revision of the figures (which also
    # follows candidates and releases, core.cache) for as long as no release moment passes.
    from opvangregie.core.cache import NO_REGION, figures_revision

    # They read no region's weekly figures: a registration leaves them in the cache.
    revision = figures_revision(NO_REGION)
    moment = timezone.now()
    if revision is None:
        return list(_hidden_terms(reader, moment)[0])
    key = "opvangregie:hidden-terms:" + hashlib.sha256(repr((
        revision, reader.everything, sorted(reader.region_ids), sorted(reader.municipality_ids),
    )).encode()).hexdigest()
    found = cache.get(key)
    if found is not None and found[1] <= moment < found[2]:
        return list(found[0])
    terms, since, until = _hidden_terms(reader, moment)
    cache.set(key, (terms, since, until), HIDDEN_TERMS_SECONDS)
    return list(terms)


HIDDEN_TERMS_SECONDS = 60 * 60
_ALWAYS = datetime.min.replace(tzinfo=UTC)
_NEVER = datetime.max.replace(tzinfo=UTC)


def _hidden_terms(reader: Reader, moment: datetime) -> tuple[tuple[str, ...], datetime, datetime]:
    """The terms hidden from `reader` at `moment` (three value queries), and the period around
    `moment` in which they stay the same: from the last release moment up to the next."""
    since, until = _ALWAYS, _NEVER

    def passed(at: datetime | None) -> bool:
        nonlocal since, until
        if at is None:
            return False
        if at <= moment:
            since = max(since, at)
            return True
        until = min(until, at)
        return False

    hidden: set[str] = set()
    seen: set[str] = set()
    for (region_id, municipality_id, name, address, owner, embargo, *flags) in (
        CandidateLocation.objects.values_list(
            "safety_region_id", "municipality_id", "name", "address", "owner",
            "release__embargo_until", "release__release_name", "release__release_address",
            "release__release_owner",
        )
    ):
        visible = reader.sees(region_id, municipality_id)
        released = passed(embargo)
        for value, flag in zip((name, address, owner), flags, strict=True):
            (seen if visible or (released and flag) else hidden).add(value.strip())
    for region_id, municipality_id, name, address, name_from, address_from in (
        Location.objects.filter(is_confidential=True).values_list(
            "municipality__safety_region_id", "municipality_id", "name", "address",
            "name_released_from", "address_released_from",
        )
    ):
        visible = reader.sees(region_id, municipality_id)
        for value, released_from in ((name, name_from), (address, address_from)):
            public = passed(released_from)
            (seen if visible or public else hidden).add(value.strip())
    for region_id, municipality_id, name, released_from in FlexProject.objects.values_list(
        "municipality__safety_region_id", "municipality_id", "name", "name_released_from",
    ):
        public = passed(released_from)
        (seen if reader.sees(region_id, municipality_id) or public else hidden).add(name.strip())
    terms = hidden - seen
    terms.discard("")
    return tuple(sorted(terms, key=lambda term: (-len(term), term))), since, until
