"""Reading append-only dated facts "as known on" a moment.

A dated fact (an indicator value, a national figure, a target, a capacity record) is never
overwritten: a correction is a new row whose `corrects` names the row it replaces. What was
known at a moment is every row registered by then that no correction registered by then
replaced; so a page of an earlier date reads the same rows however many corrections follow.
"""

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone


def current_as_known(queryset: QuerySet, *, known_on: datetime | None = None) -> QuerySet:
    """The rows of `queryset` that were current at `known_on` (None: now)."""
    moment = known_on or timezone.now()
    # Correlated on `corrects` (indexed: one lookup per row read). `pk NOT IN (every
    # correction registered by then)` made SQLite walk the registered_at index over the
    # whole table for every page; the answer is the same row for row.
    corrected = queryset.model.objects.filter(corrects=OuterRef("pk"), registered_at__lte=moment)
    return queryset.filter(registered_at__lte=moment).exclude(Exists(corrected))


# Targets that existed before registration times were kept count as known since this moment
# (migration targets 0004), before any meeting the product can show.
KNOWN_SINCE_ALWAYS = datetime(2000, 1, 1, tzinfo=ZoneInfo("Europe/Amsterdam"))


def start_of(day: date) -> datetime:
    """The first moment of `day`, Dutch time: when shipped CBS figures count as known."""
    return timezone.make_aware(datetime.combine(day, time.min))
