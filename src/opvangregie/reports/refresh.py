"""The overviews read lately are made again when a registration in their region commits
(ADR 13), or a change of the set-up they read (ADR 14): the summary a reader reads is
maintained on write.

A weekly registration changes one municipality's figures, and so the overview of its region
(ADR 10, 11). Its first view afterwards had to read that municipality's figures again and
add everything up. Instead, once the registration is committed, the overviews of that region
that were computed in the last hours (reader, reference date, days before stale, language)
are made again, with their table, by the writer's request: the reader's next view finds
them in the cache. Only a few per region are kept (`KEEP`), the newest; the list holds user
ids and dates, no names. A change of the region's set-up (a location, target, distribution or
agreement) does the same; a change of the set-up of no region (a municipality, a CBS import, a
national target), which every region's overview reads, makes the overviews read most lately
in the whole country again (`KEEP_EVERYWHERE`). A change of an account or its memberships
changes that reader's overviews only (`core.cache`): they are computed on its next view. A
refresh that fails is logged and changes
nothing else: the reader's view then computes the overview itself, as before.
"""

import logging
import time
from datetime import date

from django.core.cache import cache
from django.db import connection, transaction
from django.utils import translation

from opvangregie.core.cache import (
    TIMEOUT_SECONDS,
    one_revision,
    regional_figures_changed,
    setup_changed_everywhere,
)

logger = logging.getLogger(__name__)

KEEP = 8  # overviews per region refreshed after a registration, the most recently computed
# Overviews in the country refreshed after a change of the set-up of no region: the writer (an
# administrator) waits for them, so not every region's eight.
KEEP_EVERYWHERE = 16
FRESH_SECONDS = 8 * 3600  # an overview not computed for this long is left to its reader
EVERYWHERE = "*"  # `_refreshed`'s key for a refresh of the whole country


def _readers_key(region_id: int) -> str:
    return f"opvangregie:overview-readers:{int(region_id)}"


def overview_computed(user, region_id: int, as_of: date, stale_after_days: int) -> None:
    """Notes that `user` had the overview of the region for `as_of` computed (so read it)."""
    if user.pk is None:
        return
    key = _readers_key(region_id)
    readers = cache.get(key) or {}
    readers[(user.pk, as_of.isoformat(), stale_after_days,
             translation.get_language() or "")] = time.time()
    newest = sorted(readers.items(), key=lambda item: item[1], reverse=True)[:KEEP]
    cache.set(key, dict(newest), TIMEOUT_SECONDS)


def refresh_region(region_id: int) -> int:
    """Makes the overviews of the region computed lately again; returns how many."""
    since = time.time() - FRESH_SECONDS
    readers = [(region_id, reader) for reader, seen in
               (cache.get(_readers_key(region_id)) or {}).items() if seen >= since]
    return _refresh(readers)  # nobody read an overview of the region lately: no query at all


def refresh_everywhere() -> int:
    """Makes the overviews computed most lately in the country again (at most
    `KEEP_EVERYWHERE`); returns how many."""
    from opvangregie.regions.models import SafetyRegion

    since = time.time() - FRESH_SECONDS
    keys = {_readers_key(pk): pk for pk in SafetyRegion.objects.values_list("pk", flat=True)}
    noted = [(seen, keys[key], reader) for key, readers in cache.get_many(list(keys)).items()
             for reader, seen in readers.items() if seen >= since]
    newest = sorted(noted, key=lambda item: item[0], reverse=True)[:KEEP_EVERYWHERE]
    return _refresh([(region_id, reader) for _seen, region_id, reader in newest])


def _refresh(readers: list[tuple[int, tuple]]) -> int:
    """Makes the overviews of (region id, (user id, date, days, language)) again."""
    from opvangregie.accounts.models import User
    from opvangregie.regions.models import SafetyRegion
    from opvangregie.reports.presentation import overview_page

    if not readers:
        return 0
    regions = SafetyRegion.objects.in_bulk({region_id for region_id, _reader in readers})
    users = {user.pk: user for user in User.objects.filter(
        pk__in={reader[0] for _region_id, reader in readers}, is_active=True)}
    done = 0
    for region_id, (user_pk, as_of, days, language) in readers:
        region, user = regions.get(region_id), users.get(user_pk)
        if region is None or user is None:
            continue
        try:
            with translation.override(language or None):
                one_revision(overview_page)(user, region=region,
                                            as_of=date.fromisoformat(as_of),
                                            stale_after_days=days)
            done += 1
        except Exception as error:  # the reader computes it then; no registration fails
            # The kind of error only: its text could quote a confidential name.
            logger.error("Overzicht van regio %s niet vooraf berekend: %s", region_id,
                         type(error).__name__)
    return done


def _refreshed() -> dict:
    """Per region, when this connection last refreshed its overviews (monotonic clock)."""
    refreshed = getattr(connection, "_opvangregie_refreshed", None)
    if refreshed is None:
        refreshed = connection._opvangregie_refreshed = {}
    return refreshed


def _on_regional_change(sender, region_id: int, **kwargs) -> None:
    _after_commit(region_id, lambda: refresh_region(region_id))


def _on_change_everywhere(sender, **kwargs) -> None:
    _after_commit(EVERYWHERE, refresh_everywhere)


def _after_commit(scope, refresh) -> None:
    changed_at = time.monotonic()

    def after_commit() -> None:
        refreshed = _refreshed()
        if refreshed.get(scope, -1.0) >= changed_at:
            return  # one refresh per scope per transaction, however many rows it wrote
        refreshed[scope] = time.monotonic()
        refresh()

    # Nothing happens for a transaction that is rolled back.
    transaction.on_commit(after_commit)


def connect() -> None:
    """Called once from `ReportsConfig.ready`."""
    regional_figures_changed.connect(_on_regional_change,
                                     dispatch_uid="reports-refresh-overviews")
    setup_changed_everywhere.connect(_on_change_everywhere,
                                     dispatch_uid="reports-refresh-overviews-everywhere")
