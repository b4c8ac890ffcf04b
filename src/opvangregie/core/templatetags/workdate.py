from django import template
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext as _

from opvangregie.core.workdate import differs_from_today, working_date

register = template.Library()


@register.simple_tag(takes_context=True)
def working_date_link(context):
    """The header's link to the working date; names the date when pages open on another day."""
    request = context.get("request")
    if request is None or not request.user.is_authenticated:
        return ""
    url = reverse("working_date")
    if differs_from_today(request):
        return format_html(
            '<a href="{}" class="or-working-date">{}</a>', url,
            _("Werkdatum %(day)s") % {"day": date_format(working_date(request), "j-n-Y")},
        )
    return format_html('<a href="{}">{}</a>', url, _("Werkdatum"))
