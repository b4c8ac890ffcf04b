"""`{% load operations %}{% unread_notifications as n %}`: the user's unread notifications."""

from functools import lru_cache

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from opvangregie.operations.selectors import unread_notification_count

register = template.Library()


@register.simple_tag(takes_context=True)
def unread_notifications(context) -> int:
    """Counted once per request: the menu and the operations pages' own menu both show it."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return 0
    counted = getattr(request, "_unread_notifications", None)
    if counted is None or counted[0] != user.pk:
        counted = request._unread_notifications = (user.pk, unread_notification_count(user))
    return counted[1]


@register.filter
def week_cells(cells) -> str:
    """The cells of a participant's row in a rota's calendar (on duty in that week or not).

    Written here rather than by a template loop: a rota of a year has hundreds of cells, and
    every cell is one of these two.
    """
    on, off = _week_cell_markup(get_language())
    return mark_safe("".join(on if cell else off for cell in cells))  # noqa: S308 (both escaped)


@lru_cache(maxsize=8)
def _week_cell_markup(language: str) -> tuple[str, str]:
    """The two cells in `language` (the active one: the key only keeps languages apart)."""
    on = format_html('<td class="or-number"><span aria-hidden="true">■</span>'
                     '<span class="or-visually-hidden">{}</span></td>', _("dienst"))
    off = format_html('<td class="or-number"><span class="or-visually-hidden">{}</span></td>',
                      _("geen dienst"))
    return on, off
