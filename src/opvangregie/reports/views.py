"""The overview "Inzage opgaven asielketen", its Excel export and the "nog juist" button.

Thin views: the region, reference date and sort order come from the query string
(`_choices`), the figures from `overview.overview_for_user`, every write from a service.
"""

from dataclasses import dataclass
from datetime import date
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from opvangregie.capacity.services import figures_confirm
from opvangregie.core.cache import one_revision
from opvangregie.core.workdate import working_date
from opvangregie.regions.models import SafetyRegion
from opvangregie.regions.selectors import (
    default_region_for_user,
    municipalities_for_user,
    safety_regions_for_user,
)
from opvangregie.reports import xlsx
from opvangregie.reports.columns import DEFAULT_SORT, SORT_KEYS, sorted_rows
from opvangregie.reports.forms import OverviewForm
from opvangregie.reports.overview import DEFAULT_STALE_AFTER_DAYS, overview_for_user
from opvangregie.reports.presentation import CONFIRM_FORM_ID, overview_page
from opvangregie.targets.progress import overview_progress

PARAMETERS = ("regio", "peildatum", "dagen", "sorteer", "richting")


@dataclass(frozen=True)
class Choices:
    region: SafetyRegion
    as_of: date
    stale_after_days: int
    sort: str
    descending: bool
    form: OverviewForm

    def query(self, **changes) -> str:
        values = {
            "regio": self.region.code,
            "peildatum": self.as_of.isoformat(),
            "dagen": self.stale_after_days,
            "sorteer": self.sort,
            "richting": "desc" if self.descending else "asc",
        }
        values.update(changes)
        return urlencode(values)


def _choices(request) -> Choices | None:
    regions = list(safety_regions_for_user(request.user))
    if not regions:
        return None
    submitted = {key: value for key, value in request.GET.items() if key in PARAMETERS and value}
    form = OverviewForm(submitted or None, regions=regions)
    chosen = {}
    if form.is_bound:
        form.is_valid()
        chosen = form.cleaned_data  # only the valid fields; the others fall back to defaults
    chosen_region = next((r for r in regions if r.code == chosen.get("regio")), None)
    region = chosen_region or default_region_for_user(request.user)
    as_of = chosen.get("peildatum") or working_date(request)
    days = chosen.get("dagen")
    days = DEFAULT_STALE_AFTER_DAYS if days is None else days
    sort = chosen.get("sorteer") or DEFAULT_SORT
    descending = chosen.get("richting") == "desc"
    if not form.errors:
        form = OverviewForm(
            initial={"regio": region.code, "peildatum": as_of, "dagen": days,
                     "sorteer": sort, "richting": "desc" if descending else "asc"},
            regions=regions,
        )
    return Choices(region, as_of, days, sort, descending, form)


def _sort_links(choices: Choices) -> dict[str, dict]:
    """Per sortable column: the link that sorts by it and its aria-sort state."""
    links = {}
    for key in SORT_KEYS:
        active = key == choices.sort
        descending_next = active and not choices.descending
        links[key] = {
            "url": "?" + choices.query(sorteer=key, richting="desc" if descending_next else "asc"),
            "aria_sort": ("descending" if choices.descending else "ascending") if active else "",
            "next": _("aflopend") if descending_next else _("oplopend"),
        }
    return links


def _overview(request, choices: Choices):
    data = overview_for_user(
        request.user,
        region=choices.region,
        as_of=choices.as_of,
        stale_after_days=choices.stale_after_days,
    )
    return data, sorted_rows(data.rows, choices.sort, descending=choices.descending)


@require_GET
@one_revision
def overview(request):
    choices = _choices(request)
    if choices is None:
        return render(request, "regions/no_region.html")
    page = overview_page(
        request.user,
        region=choices.region,
        as_of=choices.as_of,
        stale_after_days=choices.stale_after_days,
    )
    rows = sorted_rows(page.overview.rows, choices.sort, descending=choices.descending)
    return render(
        request,
        "reports/overview.html",
        {
            "overview": page.overview,
            "page": page,
            "rows": page.rows_html(rows),
            "choices": choices,
            "form": choices.form,
            "show_region_choice": len(choices.form.fields["regio"].choices) > 1,
            "sort": _sort_links(choices),
            "query": choices.query(),
            "can_confirm_any": page.can_confirm_any,
            "confirm_form_id": CONFIRM_FORM_ID,
            "cno_chart": page.cno_chart,
        },
    )


@require_GET
def overview_export(request):
    choices = _choices(request)
    if choices is None:
        raise Http404
    data, rows = _overview(request, choices)
    response = HttpResponse(
        xlsx.workbook_bytes(data, rows, overview_progress(request.user, data)),
        content_type=xlsx.CONTENT_TYPE,
    )
    response["Content-Disposition"] = f'attachment; filename="{xlsx.file_name(data)}"'
    return response


@require_POST
def overview_confirm(request, code: str):
    """"Nog juist": the municipality's figures were checked and are still correct."""
    if not municipalities_for_user(request.user).filter(code=code).exists():
        raise Http404
    municipality = municipalities_for_user(request.user, editable=True).filter(code=code).first()
    if municipality is None:
        raise PermissionDenied
    figures_confirm(actor=request.user, municipality=municipality)
    messages.success(
        request,
        _("De cijfers van %(name)s zijn bevestigd als nog juist.") % {"name": municipality.name},
    )
    back = QueryDict(request.POST.get("terug", ""))
    kept = {key: back[key] for key in PARAMETERS if back.get(key)}
    if kept.get("peildatum", "9999") < timezone.localdate().isoformat():
        messages.info(
            request,
            _("De bevestiging geldt vanaf vandaag; een overzicht met een eerdere peildatum "
              "blijft zoals het toen bekend was."),
        )
    url = reverse("overview")
    return redirect(f"{url}?{urlencode(kept)}" if kept else url)
