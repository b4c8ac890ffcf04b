"""`{% load operations %}{% unread_notifications as n %}`: the user's unread notifications."""

from django import template

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
