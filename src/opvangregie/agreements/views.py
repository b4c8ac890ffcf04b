"""Regional agreements: the coordinator's list per region and the form to record one.

Thin views: reads through `agreements.selectors` (scoped to the user), writes through
`agreements.services`. Every user of the region reads the list; only whoever may change
every municipality of the region (the coordinator) records.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Exists, OuterRef, Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from opvangregie.agreements import forms, selectors, services
from opvangregie.agreements.models import RegionalAgreement
from opvangregie.regions.models import Municipality
from opvangregie.regions.selectors import municipalities_for_user, safety_regions_for_user
from opvangregie.textguard import Reader


def _region(request):
    code = request.GET.get("regio")
    user = request.user
    regions = safety_regions_for_user(user)
    # One query: the region asked for or the user's default (`default_region_for_user`),
    # among the regions the user may see.
    if code:
        region = regions.filter(code=code).first()
    elif user.safety_region_id:
        region = regions.filter(pk=user.safety_region_id).first()
    else:
        region = regions.order_by("code").first()
    if region is None:
        raise Http404
    return region


def _can_record(user, region) -> bool:
    """Whether the user may change every municipality of the region (and it has any)."""
    editable = municipalities_for_user(user, editable=True).filter(safety_region=region)
    counts = Municipality.objects.filter(safety_region=region).aggregate(
        total=Count("pk"), editable=Count("pk", filter=Q(pk__in=editable.values("pk"))))
    return counts["total"] > 0 and counts["editable"] == counts["total"]


@require_GET
def agreement_list(request):
    region = _region(request)
    # Whether a later agreement replaced it, read with the list (not one query a row).
    agreements = selectors.agreements_for_user(request.user, region=region).annotate(
        is_superseded=Exists(RegionalAgreement.objects.filter(supersedes=OuterRef("pk")))
    ).order_by("-valid_from", "-pk")
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
