"""The overviews read lately are made again when a registration in their region commits
(ADR 13): the summary a reader reads is maintained on write.

A weekly registration changes one municipality's figures, and so the overview of its region
(ADR 10, 11). Its first view afterwards had to read that municipality's figures again and
add everything up. Instead, once the registration is committed, the overviews of that region
that were computed in the last hours (reader, reference date, days before stale, language)
are made again, with their table, by the writer's request: the reader's next view finds
them in the cache. Only a few per region are kept (`KEEP`), the newest; the list holds user
ids and dates, no names. A refresh that fails is logged and changes nothing else: the
reader's view then computes the overview itself, as before.
"""

import logging
import time
from datetime import date

from django.core.cache import cache
from django.db import connection, transaction
from django.utils import translation

from opvangregie.core.cache import TIMEOUT_SECONDS, one_revision, regional_figures_changed

logger = logging.getLogger(__name__)

KEEP = 8  # overviews per region refreshed after a registration, the most recently computed
FRESH_SECONDS = 8 * 3600  # an overview not computed for this long is left to its reader


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
    from opvangregie.accounts.models import User
    from opvangregie.regions.models import SafetyRegion
    from opvangregie.reports.presentation import overview_page

    since = time.time() - FRESH_SECONDS
    readers = {reader: seen for reader, seen in
               (cache.get(_readers_key(region_id)) or {}).items() if seen >= since}
    if not readers:
        return 0  # nobody read an overview of the region lately: no query at all
    region = SafetyRegion.objects.filter(pk=region_id).first()
    users = {user.pk: user for user in User.objects.filter(
        pk__in={user_pk for user_pk, *_rest in readers}, is_active=True)}
    done = 0
    for user_pk, as_of, days, language in readers:
        user = users.get(user_pk)
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
    changed_at = time.monotonic()

    def after_commit() -> None:
        refreshed = _refreshed()
        if refreshed.get(region_id, -1.0) >= changed_at:
            return  # one refresh per region per transaction, however many rows it wrote
        refreshed[region_id] = time.monotonic()
        refresh_region(region_id)

    # Nothing happens for a transaction that is rolled back.
    transaction.on_commit(after_commit)


def connect() -> None:
    """Called once from `ReportsConfig.ready`."""
    regional_figures_changed.connect(_on_regional_change,
                                     dispatch_uid="reports-refresh-overviews")
