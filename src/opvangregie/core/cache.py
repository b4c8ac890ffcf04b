"""A cache for computed reports, keyed by the revision of the figures they are computed from.

Reading the overview of a region means reading thousands of dated capacity records and
recomputing the CNO share; between two changes every reader gets the same answer. So the
computed answer is kept in Django's cache under a key that names the state of the data:

- the token of `FiguresRevision`, replaced by every save, delete or membership change of a
  model in `TRACKED_APPS` (signals: they also catch the admin and any other ORM write) and by
  the services that write in bulk (`figures_changed`);
- the highest primary key of the append-only tables, so that even a bulk insert that sends
  no signal gives a new key.

Both are read in one query. A key that is not found is computed and stored; a key is never
updated, so a reader can never get figures older than the revision it read. Without the
revision row (a database just emptied by a test) nothing is cached. See ADR 5.

A report of one safety region can be keyed by that region's revision instead (ADR 10):
changes of a region's own figures (`REGIONAL`: the weekly capacity registrations, the monthly
permit-holder housing, confirmations) then change only that region's token and the highest
primary keys of those tables among the region's rows, so that 24 regions registering their
figures do not recompute the 25th region's overview. Every other change still changes every
key.

Within a region, the overview keeps each municipality's own figures apart (ADR 11): every
change of a regional figure also replaces a token of its municipality (`MunicipalityRevision`,
one for capacity records, one for the other regional figures), and `municipal_revisions`
reads them with the highest pks among the municipality's rows, so that a registration
recomputes one municipality's figures instead of the region's (`cached_many`).

What a region's overview reads besides the regional figures is its set-up (ADR 14): the
models of `SETUP_APPS` (municipalities and their populations, targets, distributions,
agreements, locations) and its reader's account. A change of one that belongs to a region
(`REGION_SETUP`: a location, a regional target, distribution or agreement) replaces that
region's set-up token (and the municipality's places token, for a location); a change of the
others (a CBS import, a national target, a municipality) a token of the whole set-up
(`SETUP_PK`); a change of an account or its memberships that account's `access_revision`, which
`cached_for_user` puts in its keys. Every such change also replaces the global token, as
before. A key of `figures_revision(region_setup(pk))` follows only the set-up of that region
and of no region: a meeting's decision, a candidate, a national series, another region's
location or another user's account leaves it as it was.
"""

import functools
import hashlib
import uuid
from collections.abc import Callable, Iterable
from contextvars import ContextVar
from typing import TypeVar

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import connection
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save
from django.dispatch import Signal
from django.utils import timezone, translation

TRACKED_APPS = (
    "accounts", "regions", "targets", "capacity", "agreements", "national",
    # The status report of a past day is kept whole: its meetings, decisions, proposals,
    # location reports, candidates and calls change it too.
    "meetings", "pipeline",
)
# Models of other apps whose changes change a cached answer too: the confidential names of
# candidates, their releases and flex-home projects, which free text is masked by
# (access.hidden_confidential_terms).
TRACKED_MODELS = ("pipeline.CandidateLocation", "pipeline.Release", "housing.FlexProject")
# Tables that grow by new rows (the dated figures are append-only): a new row raises the
# highest pk, also when inserted in bulk without signals.
APPEND_ONLY = (
    "capacity.CapacityRecord",
    "capacity.PermitHolderHousing",
    "capacity.FiguresConfirmation",
    "capacity.Location",
    "targets.Target",
    "agreements.RegionalAgreement",
    "targets.Distribution",
    "targets.Allocation",
    "regions.IndicatorValue",
    "regions.NationalValue",
    "pipeline.CandidateLocation",
    "pipeline.Release",
    "housing.FlexProject",
    "national.SeriesValue",
    "national.ForecastScenario",
)
# The figures that belong to one safety region, with the path from each to the region. A
# change of one of them changes that region's revision (and `ANY_REGION_PK`), not the global
# token; their new rows are counted per region (`_region_revision_sql`), not in the country.
REGIONAL = {
    "capacity.CapacityRecord": ("location", "municipality", "safety_region_id"),
    "capacity.PermitHolderHousing": ("municipality", "safety_region_id"),
    "capacity.HousingInstrumentCount": ("housing", "municipality", "safety_region_id"),
    "capacity.FiguresConfirmation": ("municipality", "safety_region_id"),
}
# Per municipality, which of its two tokens a regional figure's change replaces, with the path
# from the figure to the municipality id (`MunicipalityRevision`).
PLACES, HOUSING = "places", "housing"
TOKEN_FIELDS = {PLACES: "places_token", HOUSING: "housing_token"}
MUNICIPAL = {
    "capacity.CapacityRecord": (PLACES, ("location", "municipality_id")),
    "capacity.PermitHolderHousing": (HOUSING, ("municipality_id",)),
    "capacity.HousingInstrumentCount": (HOUSING, ("housing", "municipality_id")),
    "capacity.FiguresConfirmation": (HOUSING, ("municipality_id",)),
}
TIMEOUT_SECONDS = 24 * 60 * 60
REVISION_PK = 1
# A second row of FiguresRevision: changed with every regional change, so that keys of the
# whole country (no region given) still follow them.
ANY_REGION_PK = 2
# `region_id` for a key that follows no region's own figures at all, only the rest: for
# answers that read none of them (the confidential terms hidden from a reader).
NO_REGION = 0
# The apps a region's set-up lives in (ADR 14): a change of their models (other than the
# regional figures, and the set-up of one region below) also replaces the token of `SETUP_PK`;
# a change of any other app leaves it.
SETUP_APPS = frozenset({"regions", "targets", "agreements", "capacity"})
SETUP_PK = 3
# The set-up that belongs to one region, with the path from each row to the region id: a change
# replaces that region's set-up token (`RegionRevision.setup_token`) instead, both the region's
# before and after the change (a location moved to another municipality). A row without a
# region (a national target) changes the whole set-up.
REGION_SETUP = {
    "capacity.Location": ("municipality", "safety_region_id"),
    "targets.Target": ("safety_region_id",),
    "targets.Distribution": ("safety_region_id",),
    "targets.Agreement": ("distribution", "safety_region_id"),
    "targets.Allocation": ("distribution", "safety_region_id"),
    "targets.PlannedEffortCredit": ("distribution", "safety_region_id"),
    "agreements.RegionalAgreement": ("safety_region_id",),
    "agreements.AgreementPart": ("agreement", "safety_region_id"),
}
# `region_id` for a key that follows the set-up of no region only: for answers that read
# nothing but `SETUP_APPS`' models outside `REGION_SETUP`, and the set-up of one region through
# a revision of its own (a municipality's places, ADR 11).
SETUP = "setup"


def region_setup(region_id: int) -> tuple[str, int]:
    """`region_id` for a key that follows the set-up of this region and of no region only:
    for answers that read nothing else than the models of `SETUP_APPS` (what a region's
    overview is made from besides its weekly figures)."""
    return (SETUP, int(region_id))


OWN = "own"


def region_own(region_id: int) -> tuple[str, int]:
    """`region_id` for a key that follows this region's own figures (`REGIONAL`) and the
    set-up of this region and of no region, nothing else: for answers that read only those
    (a region's overview, whose masked reasons are checked apart; ADR 14)."""
    return (OWN, int(region_id))

T = TypeVar("T")
K = TypeVar("K")


def figures_changed(regions: Iterable[int] | None = None, *,
                    municipalities: Iterable[tuple[int, str]] = (),
                    apps: Iterable[str] | None = None) -> None:
    """Give the figures a new revision (inside the writing transaction).

    With `regions`, only those regions' own figures changed (`REGIONAL`): their revisions are
    replaced, and the country's keys follow through `ANY_REGION_PK`. Without, everything.
    `municipalities`: (municipality id, `PLACES` or `HOUSING`) of the regional figures that
    changed, whose municipality tokens are replaced too (a writer in bulk that gives only
    `regions` must give them: `municipal_revisions` reads no region token).
    `apps`: without `regions`, the app labels of the models that changed; the set-up's token
    is replaced only when one of them is in `SETUP_APPS` (without `apps`: always).
    """
    from opvangregie.core.models import FiguresRevision, MunicipalityRevision, RegionRevision

    if regions is None:
        _replace_token(REVISION_PK)
        if apps is None or SETUP_APPS.intersection(apps):
            _replace_token(SETUP_PK)
            setup_changed_everywhere.send(sender=None)
        return
    # Every writer locks the global row first, as a global change does: the rows below are
    # then always taken in one order, so two writers cannot deadlock on them (PostgreSQL;
    # SQLite writes one at a time anyway).
    if connection.in_atomic_block:
        list(FiguresRevision.objects.select_for_update().filter(pk=REVISION_PK)
             .values_list("pk"))
    for region_id in sorted(set(regions)):
        _new_token(RegionRevision, region_id, "token")
    for municipality_id, kind in sorted(set(municipalities)):
        _new_token(MunicipalityRevision, municipality_id, TOKEN_FIELDS[kind])
    _replace_token(ANY_REGION_PK)


def setup_changed(regions: Iterable[int], *, municipalities: Iterable[int] = ()) -> None:
    """The set-up of `regions` changed (`REGION_SETUP`, inside the writing transaction): the
    global token and those regions' set-up tokens are replaced; `municipalities`: those whose
    locations changed, whose places token is replaced too (ADR 11, 14)."""
    from opvangregie.core.models import MunicipalityRevision, RegionRevision

    _replace_token(REVISION_PK)  # first, as every writer: one order of locks
    for region_id in sorted(set(regions)):
        _new_token(RegionRevision, region_id, "setup_token")
    for municipality_id in sorted(set(municipalities)):
        _new_token(MunicipalityRevision, municipality_id, TOKEN_FIELDS[PLACES])


def _new_token(model, key: int, field: str) -> None:
    """A new value of `field` in the revision row of `key` (a region's or a municipality's,
    whose pk is that id), created when it has none yet."""
    key_field = model._meta.pk.name
    model.objects.bulk_create(
        [model(**{key_field: key, field: uuid.uuid4().hex})],
        update_conflicts=True, unique_fields=[key_field], update_fields=[field, "changed_at"],
    )


def _replace_token(pk: int) -> None:
    from opvangregie.core.models import FiguresRevision

    shared = _shared_revision.get()
    if shared is not None:
        shared.clear()  # a write inside a `one_revision` view: read them again
    token = uuid.uuid4().hex
    changed = {"token": token, "changed_at": timezone.now()}
    if not FiguresRevision.objects.filter(pk=pk).update(**changed):
        FiguresRevision.objects.update_or_create(pk=pk, defaults={"token": token})


def figures_revision(region_id: int | str | tuple | None = None) -> str | None:
    """A string that changes whenever the tracked figures change (one query), or None.

    With `region_id`, the regional figures (`REGIONAL`) of other regions are left out: it
    changes with this region's own figures and with everything else (`NO_REGION`: with
    everything else only). `SETUP`, `region_setup(pk)` and `region_own(pk)`: with the set-up
    (and the region's own figures) only (ADR 14). Inside `one_revision` each is read once, and
    `NO_REGION` follows from a region's row without a query, as do the region's own revision
    and the set-up's from a row read for a set-up key: a page that keeps several parts in the
    cache reads one row.
    """
    shared = _shared_revision.get()
    if shared is not None and region_id in shared:
        return shared[region_id]
    setup = isinstance(region_id, tuple) or region_id == SETUP
    row_of = (None if region_id is None else NO_REGION if region_id == SETUP
              else region_id[1] if isinstance(region_id, tuple) else int(region_id))
    with connection.cursor() as cursor:
        if row_of is None:
            cursor.execute(_revision_sql(connection.vendor))
        else:
            sql = _region_revision_sql(connection.vendor, setup)
            cursor.execute(sql, [int(row_of)] * sql.count("%s"))
        row = cursor.fetchone()
    if row_of is None or row is None:
        revision = None if row is None else _joined(row)
        if shared is not None:
            shared[region_id] = revision
        return revision
    found = _from_region_row(int(row_of), row)
    if shared is not None:
        for key, value in found.items():
            shared.setdefault(key, value)
    return found[region_id]


def _joined(values) -> str:
    return ":".join(str(value) for value in values)


def _from_region_row(region_id: int, row: tuple) -> dict:
    """Every revision a row of `_region_revision_sql` gives: the region's (its first part);
    `NO_REGION`'s (that without the region's own token and rows, as for a region without any);
    from a row with the set-up's columns also `SETUP`'s (the set-up token, the highest pks of
    the set-up's tables of no region); the region's set-up (that, the region's set-up token
    and its rows); the region's own (that, the region's token and its regional rows)."""
    regional = len(REGIONAL_APPEND_ONLY)
    plain = 2 + len(NON_REGIONAL_APPEND_ONLY) + regional
    tokens, country, regional_rows = (row[:2], row[2:plain - regional],
                                      row[plain - regional:plain])
    found = {NO_REGION: _joined((tokens[0], None, *country, *[None] * regional))}
    if region_id != NO_REGION:
        found[region_id] = _joined(row[:plain])
    if len(row) == plain:
        return found
    setup_token, region_setup_token, national_targets, *setup_rows = row[plain:]
    found[SETUP] = _joined((setup_token, *(
        value for label, value in zip(NON_REGIONAL_APPEND_ONLY, country, strict=True)
        if label.split(".")[0] in SETUP_APPS and label not in REGION_SETUP), national_targets))
    if region_id != NO_REGION:
        found[region_setup(region_id)] = (
            f"{found[SETUP]}/{_joined((region_setup_token, *setup_rows))}")
        found[region_own(region_id)] = (f"{found[region_setup(region_id)]}/"
                                        f"{_joined((tokens[1], *regional_rows))}")
    return found


_shared_revision: ContextVar[dict | None] = ContextVar("figures_revision", default=None)


def one_revision(view: Callable[..., T]) -> Callable[..., T]:
    """For a view that only reads: the revision of the figures is read once per request.

    As for a single `cached` call, a change committed meanwhile gives a new revision to the
    next request; nothing is kept beyond this one.
    """
    @functools.wraps(view)
    def wrapper(*args, **kwargs):
        token = _shared_revision.set({})
        try:
            return view(*args, **kwargs)
        finally:
            _shared_revision.reset(token)

    return wrapper


def _quote_model(label: str) -> tuple[str, str]:
    meta = apps.get_model(label)._meta
    return connection.ops.quote_name(meta.db_table), connection.ops.quote_name(meta.pk.column)


@functools.cache
def _revision_sql(vendor: str) -> str:
    """Plain SQL, built once: through the ORM, compiling nine subqueries took ~2 ms."""
    from opvangregie.core.models import FiguresRevision

    # Only table and column names from the models' metadata go into it, never user input.
    quote = connection.ops.quote_name
    latest = []
    for label in APPEND_ONLY:
        table, column = _quote_model(label)
        latest.append(f"(SELECT MAX({column}) FROM {table})")  # noqa: S608
    meta = FiguresRevision._meta
    any_region = (f"(SELECT {quote('token')} FROM {quote(meta.db_table)} "  # noqa: S608
                  f"WHERE {quote(meta.pk.column)} = {int(ANY_REGION_PK)})")
    return (
        f"SELECT {quote('token')}, {any_region}, {', '.join(latest)} "  # noqa: S608
        f"FROM {quote(meta.db_table)} WHERE {quote(meta.pk.column)} = {int(REVISION_PK)}"
    )


# The append-only tables among REGIONAL, with the SQL of their highest pk in one region: a
# new row of a region's figures, also inserted in bulk without signals, changes its key.
REGIONAL_APPEND_ONLY = (
    "capacity.CapacityRecord", "capacity.PermitHolderHousing", "capacity.FiguresConfirmation",
)
NON_REGIONAL_APPEND_ONLY = tuple(
    label for label in APPEND_ONLY if label not in REGIONAL_APPEND_ONLY)
# The append-only tables of REGION_SETUP, counted per region too (ADR 14).
REGION_SETUP_APPEND_ONLY = tuple(label for label in APPEND_ONLY if label in REGION_SETUP)


@functools.cache
def _region_revision_sql(vendor: str, setup: bool = False) -> str:
    """The global token, the region's token, the highest pks of the non-regional append-only
    tables, and those of the regional ones among the region's rows; with `setup` (ADR 14)
    then the set-up's token, the region's set-up token, the highest pk of the national targets
    and those of the region's set-up among its rows (every `%s` is the region's id). The
    pages that read no set-up key read the shorter row."""
    from opvangregie.core.models import FiguresRevision, RegionRevision

    quote = connection.ops.quote_name
    location, location_pk = _quote_model("capacity.Location")
    municipality, municipality_pk = _quote_model("regions.Municipality")
    distribution, distribution_pk = _quote_model("targets.Distribution")
    region_column = quote("safety_region_id")
    in_region = (f"SELECT {municipality_pk} FROM {municipality} "  # noqa: S608
                 f"WHERE {region_column} = %s")

    def of_region(column: str) -> str:
        # PostgreSQL planned `IN (subquery)` as a hash join over all 5,000 locations (≈ 1 ms);
        # with the region's municipality ids as an array it takes their index.
        if vendor == "postgresql":
            return f"{column} = ANY(ARRAY({in_region}))"
        return f"{column} IN ({in_region})"

    revision = FiguresRevision._meta
    region = RegionRevision._meta

    def region_token(field: str) -> str:
        return (f"(SELECT {quote(field)} FROM {quote(region.db_table)} "  # noqa: S608
                f"WHERE {quote('region_id')} = %s)")

    columns = [quote("token"), region_token("token")]
    for label in NON_REGIONAL_APPEND_ONLY:
        table, column = _quote_model(label)
        columns.append(f"(SELECT MAX({column}) FROM {table})")  # noqa: S608
    for label in REGIONAL_APPEND_ONLY:
        table, column = _quote_model(label)
        if label == "capacity.CapacityRecord":
            # Per location the newest record, from the index on (location, id): a few hundred
            # index reads instead of every record of the region.
            newest = (f"(SELECT MAX(r.{column}) FROM {table} r "  # noqa: S608
                      f"WHERE r.{quote('location_id')} = l.{location_pk})")
            columns.append(
                f"(SELECT MAX(newest) FROM (SELECT {newest} AS newest "  # noqa: S608
                f"FROM {location} l WHERE {of_region('l.' + quote('municipality_id'))}) n)"
            )
        else:
            columns.append(f"(SELECT MAX({column}) FROM {table} "  # noqa: S608
                           f"WHERE {of_region(quote('municipality_id'))})")
    if setup:
        columns.append(f"(SELECT {quote('token')} FROM {quote(revision.db_table)} "  # noqa: S608
                       f"WHERE {quote(revision.pk.column)} = {int(SETUP_PK)})")
        columns.append(region_token("setup_token"))
        target, target_pk = _quote_model("targets.Target")
        columns.append(f"(SELECT MAX({target_pk}) FROM {target} "  # noqa: S608
                       f"WHERE {region_column} IS NULL)")
        for label in REGION_SETUP_APPEND_ONLY:
            table, column = _quote_model(label)
            first = REGION_SETUP[label][0]
            if first == "municipality":
                where = of_region(quote("municipality_id"))
            elif first == "distribution":
                where = (f"{quote('distribution_id')} IN (SELECT {distribution_pk} "  # noqa: S608
                         f"FROM {distribution} WHERE {region_column} = %s)")
            else:
                where = f"{quote(first)} = %s"
            columns.append(f"(SELECT MAX({column}) FROM {table} WHERE {where})")  # noqa: S608
    return (
        f"SELECT {', '.join(columns)} FROM {quote(revision.db_table)} "  # noqa: S608
        f"WHERE {quote(revision.pk.column)} = {int(REVISION_PK)}"
    )


def cached(name: str, parts: tuple, compute: Callable[[], T], *,
           region_id: int | str | tuple | None = None,
           valid: Callable[[T], bool] | None = None) -> T:
    """`compute()`, or its result for the same `parts` at the same revision of the figures.

    `region_id`: `compute` reads no regional figures (`REGIONAL`) of any other region, so
    the key follows that region's revision only (`figures_revision`); `NO_REGION`: none at
    all; `SETUP`: nothing but the set-up's models (`SETUP_APPS`, ADR 14); `region_setup`,
    `region_own`: those of one region. `valid`: a result found is used only when it says so
    (for what the key does not follow, checked on the result), else computed again.
    """
    revision = figures_revision(region_id)
    if revision is None:
        return compute()
    language = translation.get_language() or ""
    raw = repr((name, revision, region_id, language, parts)).encode()
    key = f"opvangregie:{name}:{hashlib.sha256(raw).hexdigest()}"
    found = cache.get(key)
    if found is None or (valid is not None and not valid(found)):
        found = compute()
        cache.set(key, found, TIMEOUT_SECONDS)
    return found


def municipal_revisions(municipality_ids: Iterable[int]) -> dict[int, dict[str, str]]:
    """Per municipality, a string per kind (`PLACES`, `HOUSING`) that changes with every change
    of its own figures of that kind (one query; used with `figures_revision(NO_REGION)`, which
    follows everything else).

    Each is the municipality's token (`MunicipalityRevision`) with the highest pks of its rows
    of that kind, so that a new row inserted in bulk without signals also gives a new string.
    """
    ids = sorted({int(pk) for pk in municipality_ids})
    if not ids:
        return {}
    with connection.cursor() as cursor:
        cursor.execute(_municipal_revisions_sql(connection.vendor, len(ids)), ids)
        rows = cursor.fetchall()
    return {
        pk: {PLACES: f"{places}:{newest_record}",
             HOUSING: f"{housing}:{newest_housing}:{newest_confirmation}"}
        for pk, places, housing, newest_record, newest_housing, newest_confirmation in rows
    }


@functools.cache
def _municipal_revisions_sql(vendor: str, count: int) -> str:
    from opvangregie.core.models import MunicipalityRevision

    quote = connection.ops.quote_name
    municipality, municipality_pk = _quote_model("regions.Municipality")
    location, location_pk = _quote_model("capacity.Location")
    record, record_pk = _quote_model("capacity.CapacityRecord")
    housing, housing_pk = _quote_model("capacity.PermitHolderHousing")
    confirmation, confirmation_pk = _quote_model("capacity.FiguresConfirmation")
    revision = quote(MunicipalityRevision._meta.db_table)
    of_municipality = f"{quote('municipality_id')} = m.{municipality_pk}"
    # Per location the newest record, from the index on (location, id).
    newest_record = (
        f"(SELECT MAX((SELECT MAX(r.{record_pk}) FROM {record} r "  # noqa: S608
        f"WHERE r.{quote('location_id')} = l.{location_pk})) "
        f"FROM {location} l WHERE l.{of_municipality})"
    )
    newest = [f"(SELECT MAX({column}) FROM {table} WHERE {of_municipality})"  # noqa: S608
              for table, column in ((housing, housing_pk), (confirmation, confirmation_pk))]
    placeholders = ", ".join(["%s"] * count)
    return (
        f"SELECT m.{municipality_pk}, v.{quote('places_token')}, "  # noqa: S608
        f"v.{quote('housing_token')}, {newest_record}, {', '.join(newest)} "
        f"FROM {municipality} m LEFT JOIN {revision} v "
        f"ON v.{quote('municipality_id')} = m.{municipality_pk} "
        f"WHERE m.{municipality_pk} IN ({placeholders})"
    )


def cached_many(name: str, revisions: dict[K, str], parts: tuple,
                compute: Callable[[list[K]], dict[K, T]]) -> dict[K, T]:
    """Per key of `revisions`, its answer kept under its own revision string: only the keys
    whose answer is not in the cache are given to `compute` (all at once), which returns an
    answer for each of them. For answers that depend on nothing else than the key's revision,
    `parts`, and what `figures_revision(NO_REGION)` follows (put it in `parts`)."""
    language = translation.get_language() or ""
    keys = {
        key: f"opvangregie:{name}:" + hashlib.sha256(
            repr((name, revision, key, language, parts)).encode()).hexdigest()
        for key, revision in revisions.items()
    }
    found = cache.get_many(list(keys.values()))
    result = {key: found[cache_key] for key, cache_key in keys.items() if cache_key in found}
    missing = [key for key in revisions if key not in result]
    if missing:
        computed = compute(missing)
        cache.set_many({keys[key]: computed[key] for key in missing}, TIMEOUT_SECONDS)
        result.update(computed)
    return result


def cached_for_user(user, name: str, parts: tuple, compute: Callable[[], T], *,
                    region_id: int | str | tuple | None = None,
                    valid: Callable[[T], bool] | None = None) -> T:
    """`cached` for what `user` may see: keyed by the user's pk, never for an unsaved user."""
    if user.pk is None:
        return compute()
    # The account's token: a change of its role or memberships changes its keys (ADR 14).
    account = (user.pk, getattr(user, "access_revision", ""))
    return cached(name, (*account, *parts), compute, region_id=region_id, valid=valid)


# Saves that change nothing a report reads: a login stamps `last_login` on the user.
IGNORED_UPDATES = (frozenset({"last_login"}),)


def _changed(sender, instance=None, update_fields=None, **kwargs) -> None:
    if update_fields is not None and frozenset(update_fields) in IGNORED_UPDATES:
        return
    label = sender._meta.label
    if label == settings.AUTH_USER_MODEL and instance is not None and "created" in kwargs:
        _accounts_changed([instance.pk], instance=instance)  # saved (a deleted one reads none)
    if label in REGION_SETUP and instance is not None:
        _region_setup_changed(sender, instance, deleted="created" not in kwargs)
        return
    if label not in REGIONAL:
        figures_changed(apps=[sender._meta.app_label])
        return
    found = _region_of(instance, label) if instance is not None else None
    if found is None:
        # A regional figure whose region cannot be found (a municipality without a region, a
        # row deleted with its location) changes everything: never too little.
        figures_changed()
        return
    region_id, municipality_id = found
    figures_changed([region_id], municipalities=[(municipality_id, MUNICIPAL[label][0])])
    regional_figures_changed.send(sender=sender, region_id=region_id)


# Sent after a regional figure (`REGIONAL`) or the set-up (`REGION_SETUP`) of one region was
# saved or deleted, with `region_id`: for summaries of that region maintained on write
# (`reports.refresh`).
regional_figures_changed = Signal()
# Sent after the set-up of no region changed (a CBS import, a national target, a municipality;
# `SETUP_PK`), which every region's overview reads: for the summaries of every region.
setup_changed_everywhere = Signal()


def _region_setup_changed(sender, instance, *, deleted: bool) -> None:
    """A row of a region's set-up was saved or deleted: the set-up of the region it was in and
    of the region it is in now changed (and a location's municipalities' places); a row of no
    region (a national target) changes the whole set-up."""
    scopes = [instance.__dict__.pop("_setup_scope_before", None)]
    if not deleted:
        scopes.append(_setup_scope(sender, instance.pk))
    scopes = [scope for scope in scopes if scope is not None]
    if not scopes or any(region_id is None for region_id, _municipality_id in scopes):
        figures_changed(apps=[sender._meta.app_label])
        return
    regions = {region_id for region_id, _municipality_id in scopes}
    setup_changed(regions, municipalities={municipality_id for _region_id, municipality_id
                                           in scopes if municipality_id is not None})
    for region_id in sorted(regions):
        regional_figures_changed.send(sender=sender, region_id=region_id)


def _setup_scope(model, pk) -> tuple[int | None, int | None] | None:
    """(region id, and for a location its municipality id) of a stored row of `REGION_SETUP`,
    or None when it is not stored (one query)."""
    label = model._meta.label
    fields = ["__".join(REGION_SETUP[label])]
    if label == "capacity.Location":
        fields.append("municipality_id")
    found = model._default_manager.filter(pk=pk).values_list(*fields).first()
    if found is None:
        return None
    return found[0], (found[1] if len(found) > 1 else None)


def _before_setup_change(sender, instance=None, **kwargs) -> None:
    """Where a stored row of a region's set-up is before it is changed or deleted: a move to
    another region changes the set-up of the region it leaves too."""
    if instance is not None and instance.pk is not None:
        instance.__dict__["_setup_scope_before"] = _setup_scope(sender, instance.pk)


def _region_of(instance, label: str) -> tuple[int, int] | None:
    """The region and municipality of a regional figure, from its foreign keys (also after a
    delete), in one query."""
    first, *rest = REGIONAL[label]
    _kind, (_first, *to_municipality) = MUNICIPAL[label]
    field = instance._meta.get_field(first)
    related_id = getattr(instance, field.attname)
    if related_id is None:
        return None
    municipality = "__".join(to_municipality) or "pk"
    found = (field.related_model.objects.filter(pk=related_id)
             .values_list("__".join(rest), municipality).first())
    return None if found is None or None in found else found


def _membership_changed(sender, action: str, instance=None, reverse=False, model=None,
                        pk_set=None, **kwargs) -> None:
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    user_model = get_user_model()
    if isinstance(instance, user_model):
        _accounts_changed([instance.pk], instance=instance)
    elif model is user_model:
        if pk_set is None:  # the accounts of a cleared relation are not known: everything
            figures_changed()
            return
        _accounts_changed(pk_set)
    figures_changed(apps=[sender._meta.app_label])


def _accounts_changed(user_ids: Iterable[int], *, instance=None) -> None:
    """The accounts or their memberships changed (inside the writing transaction): what is kept
    for them as readers (`cached_for_user`) is computed again, for them only (ADR 14)."""
    token = uuid.uuid4().hex
    # update(): no signals, no full save of an account someone else may be editing.
    get_user_model().objects.filter(pk__in=list(user_ids)).update(access_revision=token)
    if instance is not None:
        instance.access_revision = token  # the object in hand reads as the row does


def connect_invalidation() -> None:
    """Called once from `CoreConfig.ready`."""
    tracked = [model for label in TRACKED_APPS
               for model in apps.get_app_config(label).get_models()]
    tracked += [apps.get_model(label) for label in TRACKED_MODELS]
    for model in tracked:
        uid = f"figures-revision:{model._meta.label}"
        post_save.connect(_changed, sender=model, dispatch_uid=uid + ":save")
        post_delete.connect(_changed, sender=model, dispatch_uid=uid + ":delete")
        if model._meta.label in REGION_SETUP:
            pre_save.connect(_before_setup_change, sender=model, dispatch_uid=uid + ":before")
            pre_delete.connect(_before_setup_change, sender=model,
                               dispatch_uid=uid + ":before-delete")
        for field in model._meta.local_many_to_many:
            m2m_changed.connect(
                _membership_changed, sender=field.remote_field.through,
                dispatch_uid=uid + f":{field.name}",
            )
