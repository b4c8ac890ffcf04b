"""`{% load operations %}{% unread_notifications as n %}`: the user's unread notifications."""

from django import template

from opvangregie.operations.selectors import unread_notification_count

register = template.Library()


@register.simple_tag(takes_context=True)
def unread_notifications(context) -> int:
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return 0
    return unread_notification_count(user)
