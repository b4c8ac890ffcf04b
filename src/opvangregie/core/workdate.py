"""The working date: the day every date-driven page, export and deck opens on.

A user sets it once (`/account/werkdatum/`); without one it is today. The demo sets it to its
scenario date, so its pages open on 31-08-2022 instead of an empty today. Pages still take a
date from their own form or query string first: this is only the default.
"""

from datetime import date

from django.utils import timezone


def working_date(request) -> date:
    """The requesting user's working date, or today (Amsterdam) when none is set."""
    user = getattr(request, "user", None)
    chosen = getattr(user, "working_date", None) if user is not None else None
    return chosen or timezone.localdate()


def differs_from_today(request) -> bool:
    user = getattr(request, "user", None)
    chosen = getattr(user, "working_date", None) if user is not None else None
    return chosen is not None and chosen != timezone.localdate()


def working_moment(request):
    """Now, on the working date: the default for a form's date-and-time (to the minute)."""
    now = timezone.localtime().replace(second=0, microsecond=0)
    day = working_date(request)
    return now if day == now.date() else now.replace(year=day.year, month=day.month,
                                                     day=day.day)
