from datetime import date
from fractions import Fraction

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from opvangregie.core.cache import NO_REGION, cached_for_user, figures_revision, one_revision
from opvangregie.national import presentation as national_presentation
from opvangregie.pipeline.selectors import call_summary, calls_for_user
from opvangregie.regions import selectors, services
from opvangregie.regions.dashboard import key_table
from opvangregie.regions.forms import DashboardForm, MunicipalityContactForm
from opvangregie.regions.models import Indicator
from opvangregie.targets.selectors import may_distribute_nationally, targets_for_user
from opvangregie.targets.views import whatif_context

DEFAULT_POPULATION_WEIGHT = 50


@one_revision
def dashboard(request):
    regions = list(selectors.safety_regions_for_user(request.user))
    if regions:
        # The region's revision first: the one that follows no region (the parts below) is
        # then known from the same query (core.cache.figures_revision).
        asked = next((r for r in regions if r.code == request.GET.get("regio")), None)
        figures_revision((asked or _default_region(request.user, regions)).pk)
    # Registrations of places (core.cache.REGIONAL) change none of the parts below but the
    # what-if's credits (its own region): NO_REGION keeps them across registrations.
    dates = cached_for_user(request.user, "reference-dates", (Indicator.POPULATION,),
                            lambda: selectors.reference_dates(Indicator.POPULATION),
                            region_id=NO_REGION)
    if not regions or not dates:
        if dates and may_distribute_nationally(request.user):
            # A national coordinator has no region: the national what-if is their dashboard.
            return redirect("national_whatif")
        return render(request, "regions/no_region.html")
    form = DashboardForm(request.GET or None, regions=regions, dates=dates)
    chosen = form.cleaned_data if form.is_valid() else {}
    region = next((r for r in regions if r.code == chosen.get("regio")), None) or _default_region(
        request.user, regions
    )
    reference_date = (
        date.fromisoformat(chosen["peildatum"])
        if chosen.get("peildatum")
        else selectors.default_reference_date(region)
    )
    weight = chosen.get("gewicht_inwoners")
    weight = DEFAULT_POPULATION_WEIGHT if weight is None else weight
    # The key table, the what-if and the national picture are kept in the cache under the
    # revision of the figures (core.cache), per reader and every input that changes them;
    # the key table, the targets and the national picture rendered, as a reader gets them
    # (rendering them per request was most of the page's time).
    key_table_html = cached_for_user(
        request.user, "dashboard-key-table-html", (region.pk, reference_date, weight),
        lambda: render_to_string("regions/_key_table.html", {
            "table": key_table(
                user=request.user,
                region=region,
                reference_date=reference_date,
                population_weight=Fraction(weight, 100),
            ),
            "population_weight": weight,
            "land_area_weight": 100 - weight,
        }),
        region_id=NO_REGION,
    )
    form = DashboardForm(
        initial={
            "regio": region.code,
            "peildatum": reference_date.isoformat(),
            "gewicht_inwoners": weight,
        },
        regions=regions,
        dates=dates,
    )
    latest_call, summary = cached_for_user(request.user, "dashboard-call", (region.pk,),
                                           lambda: _latest_call(request.user, region),
                                           region_id=NO_REGION)
    whatif = whatif_context(
        request, region=region, reference_date=reference_date,
        population_weight=Fraction(weight, 100),
    )
    context = {
        "call_summary": summary,
        "latest_call": latest_call,
        "form": form,
        "key_table_html": key_table_html,
        "region": region,
        **whatif,
    }
    # Only on the full page: htmx asks for the results and never shows them.
    if not request.htmx:
        can_save = bool(whatif.get("can_save"))
        context["targets_html"] = cached_for_user(
            request.user, "dashboard-targets-html", (region.pk, can_save),
            lambda: render_to_string("regions/_targets.html", {
                "targets": list(targets_for_user(request.user, region=region)),
                "can_save": can_save,
            }),
            region_id=NO_REGION,
        )
        context["national_html"] = cached_for_user(
            request.user, "dashboard-national-html", (timezone.localdate(),),
            lambda: render_to_string("regions/_national.html", {
                "national": national_presentation.dashboard_picture(),
            }),
            region_id=NO_REGION,
        )
    # htmx asks for the results only; the full page works without JavaScript.
    template = "regions/_results.html" if request.htmx else "regions/dashboard.html"
    return render(request, template, context)


def _default_region(user, regions):
    """`selectors.default_region_for_user`, picked from the user's regions as already read."""
    if user.safety_region_id:
        own = next((r for r in regions if r.pk == user.safety_region_id), None)
        return own or selectors.default_region_for_user(user)
    return min(regions, key=lambda region: region.code)


def _latest_call(user, region):
    """The region's latest call for locations and its summary (counts only)."""
    latest = calls_for_user(user, region=region).first()
    return latest, (call_summary(latest) if latest else None)


def municipality_detail(request, code: str):
    municipality = get_object_or_404(selectors.municipalities_for_user(request.user), code=code)
    values = municipality.indicator_values.select_related("indicator").order_by(
        "indicator__name", "-reference_date"
    )
    can_edit = selectors.municipalities_for_user(request.user, editable=True).filter(
        pk=municipality.pk
    ).exists()
    return render(
        request,
        "regions/municipality_detail.html",
        {"municipality": municipality, "values": values, "can_edit": can_edit},
    )


@require_http_methods(["GET", "POST"])
def municipality_edit(request, code: str):
    if not selectors.municipalities_for_user(request.user).filter(code=code).exists():
        raise Http404
    municipality = (
        selectors.municipalities_for_user(request.user, editable=True).filter(code=code).first()
    )
    if municipality is None:
        raise PermissionDenied
    form = MunicipalityContactForm(
        request.POST or None,
        initial={
            "contact_name": municipality.contact_name,
            "contact_email": municipality.contact_email,
            "contact_phone": municipality.contact_phone,
        },
    )
    if request.method == "POST" and form.is_valid():
        services.municipality_update_contact(
            municipality=municipality, actor=request.user, **form.cleaned_data
        )
        messages.success(request, _("De contactgegevens zijn opgeslagen."))
        return redirect("municipality_detail", code=municipality.code)
    return render(
        request, "regions/municipality_form.html", {"municipality": municipality, "form": form}
    )
