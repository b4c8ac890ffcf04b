"""Regional agreements: the coordinator's list per region and the form to record one.

Thin views: reads through `agreements.selectors` (scoped to the user), writes through
`agreements.services`. Every user of the region reads the list; only whoever may change
every municipality of the region (the coordinator) records.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from opvangregie.agreements import forms, selectors, services
from opvangregie.regions.selectors import (
    default_region_for_user,
    municipalities_for_user,
    safety_regions_for_user,
)
from opvangregie.textguard import Reader


def _region(request):
    code = request.GET.get("regio")
    regions = safety_regions_for_user(request.user)
    region = regions.filter(code=code).first() if code else default_region_for_user(
        request.user)
    if region is None or not regions.filter(pk=region.pk).exists():
        raise Http404
    return region


def _can_record(user, region) -> bool:
    editable = municipalities_for_user(user, editable=True).filter(safety_region=region)
    return region.municipalities.exists() and not region.municipalities.exclude(
        pk__in=editable.values("pk")).exists()


@require_GET
def agreement_list(request):
    region = _region(request)
    agreements = selectors.agreements_for_user(request.user, region=region).order_by(
        "-valid_from", "-pk")
    return render(request, "agreements/agreement_list.html", {
        "region": region, "agreements": agreements,
        "can_record": _can_record(request.user, region),
    })


@require_http_methods(["GET", "POST"])
def agreement_create(request):
    region = _region(request)
    if not _can_record(request.user, region):
        raise PermissionDenied
    form = forms.AgreementForm(request.POST or None, region=region).guard_text(Reader())
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.agreement_register(
                actor=request.user, region=region, kind=data["kind"], giver=data["giver"],
                taker=data["taker"], places=data["places"] or 0,
                permit_holders=data["permit_holders"] or 0, location=data["location"],
                parts=form.parts(), valid_from=data["valid_from"],
                valid_until=data["valid_until"], reason=data["reason"],
                decision=data["decision"], decision_reference=data["decision_reference"],
            )
        except ValidationError as error:
            for name, errors in error.message_dict.items():
                name = "part_places_1" if name == "parts" else name
                form.add_error(name if name in form.fields else None, errors)
        else:
            messages.success(request, _("De afspraak is vastgelegd."))
            return redirect(f"{request.path.rsplit('nieuw/', 1)[0]}?regio={region.code}")
    return render(request, "agreements/agreement_form.html", {"form": form, "region": region})
