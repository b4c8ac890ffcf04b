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
"""

import functools
import hashlib
import uuid
from collections.abc import Callable
from contextvars import ContextVar
from typing import TypeVar

from django.apps import apps
from django.core.cache import cache
from django.db import connection
from django.db.models.signals import m2m_changed, post_delete, post_save
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
TIMEOUT_SECONDS = 24 * 60 * 60
REVISION_PK = 1

T = TypeVar("T")


def figures_changed() -> None:
    """Give the figures a new revision (inside the writing transaction)."""
    from opvangregie.core.models import FiguresRevision

    shared = _shared_revision.get()
    if shared is not None:
        shared.pop("revision", None)  # a write inside a `one_revision` view: read it again
    token = uuid.uuid4().hex
    changed = {"token": token, "changed_at": timezone.now()}
    if not FiguresRevision.objects.filter(pk=REVISION_PK).update(**changed):
        FiguresRevision.objects.update_or_create(pk=REVISION_PK, defaults={"token": token})


def figures_revision() -> str | None:
    """A string that changes whenever the tracked figures change (one query), or None.

    Inside `one_revision` it is read once: a page that keeps several parts in the cache
    reads it for the first and uses it for the others.
    """
    shared = _shared_revision.get()
    if shared is not None and "revision" in shared:
        return shared["revision"]
    with connection.cursor() as cursor:
        cursor.execute(_revision_sql(connection.vendor))
        row = cursor.fetchone()
    revision = None if row is None else ":".join(str(value) for value in row)
    if shared is not None:
        shared["revision"] = revision
    return revision


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


@functools.cache
def _revision_sql(vendor: str) -> str:
    """Plain SQL, built once: through the ORM, compiling nine subqueries took ~2 ms."""
    from opvangregie.core.models import FiguresRevision

    # Only table and column names from the models' metadata go into it, never user input.
    quote = connection.ops.quote_name
    latest = []
    for label in APPEND_ONLY:
        meta = apps.get_model(label)._meta
        column, table = quote(meta.pk.column), quote(meta.db_table)
        latest.append(f"(SELECT MAX({column}) FROM {table})")  # noqa: S608
    meta = FiguresRevision._meta
    return (
        f"SELECT {quote('token')}, {', '.join(latest)} FROM {quote(meta.db_table)} "  # noqa: S608
        f"WHERE {quote(meta.pk.column)} = {int(REVISION_PK)}"
    )


def cached(name: str, parts: tuple, compute: Callable[[], T]) -> T:
    """`compute()`, or its result for the same `parts` at the same revision of the figures."""
    revision = figures_revision()
    if revision is None:
        return compute()
    language = translation.get_language() or ""
    raw = repr((name, revision, language, parts)).encode()
    key = f"opvangregie:{name}:{hashlib.sha256(raw).hexdigest()}"
    found = cache.get(key)
    if found is None:
        found = compute()
        cache.set(key, found, TIMEOUT_SECONDS)
    return found


def cached_for_user(user, name: str, parts: tuple, compute: Callable[[], T]) -> T:
    """`cached` for what `user` may see: keyed by the user's pk, never for an unsaved user."""
    if user.pk is None:
        return compute()
    return cached(name, (user.pk, *parts), compute)


# Saves that change nothing a report reads: a login stamps `last_login` on the user.
IGNORED_UPDATES = (frozenset({"last_login"}),)


def _changed(sender, update_fields=None, **kwargs) -> None:
    if update_fields is not None and frozenset(update_fields) in IGNORED_UPDATES:
        return
    figures_changed()


def _membership_changed(sender, action: str, **kwargs) -> None:
    if action in ("post_add", "post_remove", "post_clear"):
        figures_changed()


def connect_invalidation() -> None:
    """Called once from `CoreConfig.ready`."""
    tracked = [model for label in TRACKED_APPS
               for model in apps.get_app_config(label).get_models()]
    tracked += [apps.get_model(label) for label in TRACKED_MODELS]
    for model in tracked:
        uid = f"figures-revision:{model._meta.label}"
        post_save.connect(_changed, sender=model, dispatch_uid=uid + ":save")
        post_delete.connect(_changed, sender=model, dispatch_uid=uid + ":delete")
        for field in model._meta.local_many_to_many:
            m2m_changed.connect(
                _membership_changed, sender=field.remote_field.through,
                dispatch_uid=uid + f":{field.name}",
            )
