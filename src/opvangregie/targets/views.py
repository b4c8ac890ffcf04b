from datetime import date
from fractions import Fraction
from html import escape

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from opvangregie.access import location_labels_with_period
from opvangregie.accounts.models import Role
from opvangregie.capacity.models import LocationType
from opvangregie.capacity.selectors import locations_for_user
from opvangregie.core.cache import NO_REGION, cached_for_user
from opvangregie.core.html import text
from opvangregie.core.templatetags.opvangregie import fraction, percent
from opvangregie.core.versioning import EditConflict
from opvangregie.core.workdate import working_date
from opvangregie.fairshare import FairShareError
from opvangregie.input_limits import is_plausible_date
from opvangregie.regions import selectors as region_selectors
from opvangregie.targets import explain, national, selectors, services
from opvangregie.targets.credit import planned_credits_now, window_locations
from opvangregie.targets.distribution import distribution_compute, region_municipalities
from opvangregie.targets.forms import (
    CREDITED_LOCATION_TYPE,
    METHOD_LABELS,
    AdoptForm,
    NationalWhatIfForm,
    ProgressForm,
    TargetCorrectForm,
    TargetForm,
    WhatIfForm,
    chosen_target,
)
from opvangregie.targets.models import Target
from opvangregie.targets.progress import progress_for_user, target_for_progress


def may_manage_distributions(user, region) -> bool:
    return user.role == Role.ADMINISTRATOR or (
        user.role == Role.COORDINATOR and user.safety_region_id == region.pk
    )


def _lists(data):
    """(name, values) of a QueryDict or a plain dict: a multiple choice keeps every value."""
    if hasattr(data, "lists"):
        return data.lists()
    return ((name, value if isinstance(value, list) else [value])
            for name, value in data.items())


def _planned_locations(user, region, target, location_type, now):
    """The locations with effort in the target's window, labelled as the user may see them at
    `now` (and the period the labels hold), and the adopted version's choice."""
    ids = window_locations([m.pk for m in region_municipalities(region, target.period_start)],
                           target=target, location_type=location_type)
    labels, since, until = location_labels_with_period(
        user, locations_for_user(user).filter(pk__in=ids), now=now
    )
    adopted = selectors.adopted_distribution(user, target=target, region=region)
    default = (list(adopted.planned_credits.values_list("location_id", flat=True))
               if adopted else [])
    return labels, default, since, until


def _planned_options(user, region, target) -> dict:
    """The what-if's choice of planned effort to credit for `target`: the locations of the
    region with effort in the target's window (labelled as the user may see them), and the
    choice of the adopted version as the default."""
    location_type = CREDITED_LOCATION_TYPE.get(target.kind) if target else None
    if location_type is None:
        return {}
    # Read from the capacity records once per revision of the figures, and used for as long
    # as no release moment of a name passes (else read again: a name may have become public).
    now = timezone.now()
    labels, default, since, until = cached_for_user(
        user, "whatif-planned", (region.pk, target.pk, location_type),
        lambda: _planned_locations(user, region, target, location_type, now),
        region_id=region.pk,
    )
    if not since <= now < until:
        labels, default, since, until = _planned_locations(
            user, region, target, location_type, now
        )
    return {"planned_choices": sorted(labels.items(), key=lambda item: item[1]),
            "planned_default": [pk for pk in default if pk in labels]}


def _whatif_basis(user, region, reference_date: date) -> tuple[list[Target], list]:
    """The regional targets the user may see and the region's municipalities on the date."""
    targets = list(
        selectors.targets_for_user(user, region=region).filter(scope=Target.Scope.REGIONAL)
    )
    return targets, (list(region_municipalities(region, reference_date)) if targets else [])


def _whatif_computed(user, *, inputs, method: str) -> dict:
    """The computed distribution and its table, compared with the adopted version, rendered
    as the page shows it.

    Kept in the cache with the figures it shows (the same key): rendering the rows per request
    was a fifth of the dashboard, and only the table is kept with the distribution (the
    adopted version and the rows took longer to read back from the cache than the whole
    table). The save form (the CSRF token, the query's own values) is written per request.
    """
    try:
        computed = distribution_compute(inputs)
    except FairShareError as error:
        return {"whatif_error": str(error.message)}
    adopted = selectors.adopted_distribution(user, target=inputs.target, region=inputs.region)
    adopted_amounts = (
        {a.municipality_id: a.amount for a in adopted.allocations.all()} if adopted else {}
    )
    table = render_to_string("targets/_whatif_table.html", {
        "whatif": computed,
        "whatif_rows": [
            (m, unit, adopted_amounts.get(m.pk), explain.reason_texts(unit, method=method),
             explain.crediting_difference(unit))
            for m, unit in zip(computed.municipalities, computed.result.units, strict=True)
        ],
        "whatif_water_level": explain.water_level(
            (m.name, unit)
            for m, unit in zip(computed.municipalities, computed.result.units, strict=True)
        ) if computed.result.window_weeks else None,
        "adopted": adopted,
        "whatif_method_label": METHOD_LABELS.get(method, method),
    })
    return {"whatif": computed, "whatif_table_html": table}


def whatif_context(request, *, region, reference_date: date, population_weight: Fraction):
    """The what-if part of the dashboard: a form and, when valid, the computed distribution.

    The targets, municipalities and the computation are kept in the cache under the revision
    of the figures (core.cache), keyed by the reader and every input of the form: between two
    changes every reading of the same choices gives the same answer.
    """
    user = request.user
    targets, municipalities = cached_for_user(
        user, "whatif-basis", (region.pk, reference_date),
        lambda: _whatif_basis(user, region, reference_date), region_id=NO_REGION,
    )
    if not targets:
        return {}
    # Without a choice yet, show the latest target with crediting on, as the seeds do.
    data = (
        request.GET
        if "doel" in request.GET
        else {"doel": targets[-1].pk, "methode": "hamilton", "verrekenen": "on"}
    )
    form = WhatIfForm(data, targets=targets, municipalities=municipalities,
                      **_planned_options(user, region, chosen_target(data, targets)))
    context = {"whatif_form": form, "can_save": may_manage_distributions(user, region)}
    if not form.is_valid():
        return context
    context["save_params"] = [
        ("regio", region.code),
        ("peildatum", reference_date.isoformat()),
        ("gewicht_inwoners", str(int(population_weight * 100))),
        *((name, value) for name, values in _lists(form.data) for value in values
          if name not in {"regio", "peildatum", "gewicht_inwoners", "csrfmiddlewaretoken"}
          and value),
    ]
    credit_as_of = working_date(request)
    inputs = form.distribution_input(
        region=region, reference_date=reference_date, population_weight=population_weight,
        credit_as_of=credit_as_of,
    )
    parts = (region.pk, reference_date, population_weight, credit_as_of,
             sorted(form.cleaned_data.items()), form.planned_default)
    context.update(cached_for_user(
        user, "whatif", parts,
        lambda: _whatif_computed(user, inputs=inputs, method=inputs.method),
        region_id=region.pk,  # credits from this region's records only
    ))
    return context


def _back_to_dashboard(request):
    query = request.POST.copy()
    query.pop("csrfmiddlewaretoken", None)
    return redirect(f"{reverse('dashboard')}?{query.urlencode()}")


@require_POST
def distribution_save(request):
    region = get_object_or_404(
        region_selectors.safety_regions_for_user(request.user), code=request.POST.get("regio")
    )
    if not may_manage_distributions(request.user, region):
        raise PermissionDenied
    try:
        reference_date = date.fromisoformat(request.POST.get("peildatum", ""))
        if not is_plausible_date(reference_date):
            raise ValueError(reference_date)
        weight = Fraction(int(request.POST.get("gewicht_inwoners", 50)), 100)
    except ValueError:
        messages.error(request, _("Niet opgeslagen: peildatum of gewicht ontbreekt of is onjuist."))
        return _back_to_dashboard(request)
    targets = selectors.targets_for_user(request.user, region=region).filter(
        scope=Target.Scope.REGIONAL
    )
    form = WhatIfForm(
        request.POST, targets=targets,
        municipalities=region_municipalities(region, reference_date),
        **_planned_options(request.user, region, chosen_target(request.POST, targets)),
    )
    inputs = None
    if form.is_valid():
        inputs = form.distribution_input(
            region=region, reference_date=reference_date,
            population_weight=min(max(weight, Fraction(0)), Fraction(1)), require_reasons=True,
            credit_as_of=working_date(request),
        )
    if inputs is None or form.errors:
        messages.error(request, _("Niet opgeslagen: %(errors)s") % {
            "errors": " ".join(str(e) for errors in form.errors.values() for e in errors)
        })
        return _back_to_dashboard(request)
    try:
        computed = distribution_compute(inputs)
    except FairShareError as error:
        messages.error(request, _("Niet opgeslagen: %(error)s") % {"error": error.message})
        return _back_to_dashboard(request)
    distribution = services.distribution_save(
        actor=request.user, computed=computed, notes=request.POST.get("toelichting", "")
    )
    messages.success(request, _("Opgeslagen als concept, versie %(v)s.") % {
        "v": distribution.version
    })
    return redirect("distribution_detail", pk=distribution.pk)


def distribution_list(request):
    distributions = selectors.distributions_for_user(request.user).order_by(
        "safety_region__name", "target__period_start", "-version"
    )
    return render(request, "targets/distribution_list.html", {"distributions": distributions})


def _allocation_rows(distribution, allocations, water_level) -> SafeString:
    """The rows of "Toewijzing per gemeente", as the template's loop wrote them: a share, fair
    part, credit, remainder, quota and reasons per municipality, through the same filters
    (`percent`, `fraction`) and escaped as `{{ value }}` (`core.html.text`). A test compares
    both."""
    window = bool(distribution.window_weeks)
    rows = []
    for allocation in allocations:
        explanation = allocation.explanation
        reasons = "; ".join(text(reason) for reason in
                            explain.reason_texts(explanation, method=distribution.method))
        cells = [
            f'\n  <tr>\n    <th scope="row">{text(allocation.municipality.name)}</th>\n'
            f'    <td class="or-number">{text(percent(explanation.get("share", "")))}</td>\n    '
        ]
        if window:
            cells.append(
                f'\n    <td class="or-number">'
                f'{text(fraction(explanation.get("fair_part", ""), 1))}</td>\n'
                f'    <td class="or-number">{text(fraction(allocation.credit, 1))}</td>\n'
                f'    <td class="or-number">'
                f'{text(fraction(explanation.get("remaining", ""), 1))}</td>\n    ')
            if water_level:
                difference = explain.crediting_difference(explanation) or "—"
                cells.append(f'<td class="or-number">{text(difference)}</td>')
            cells.append("\n    ")
        cells.append(
            f'\n    <td class="or-number">'
            f'{text(fraction(explanation.get("quota_exact", ""), 2))}</td>\n'
            f'    <td class="or-number"><strong>{text(allocation.amount)}</strong></td>\n'
            f"    <td>{reasons}</td>\n  </tr>\n  ")
        rows.append("".join(cells))
    return mark_safe("".join(rows))  # noqa: S308 - every value is escaped by `text`


def distribution_detail(request, pk: int):
    distribution = get_object_or_404(selectors.distributions_for_user(request.user), pk=pk)
    allocations = list(distribution.allocations.select_related("municipality"))
    today = timezone.localdate()
    # The credited planned effort with its place-weeks as known today reads the capacity
    # records of a window: kept per reader under the revision of the figures (the credits of
    # a distribution never change; a registration changes the revision).
    planned_credits = cached_for_user(
        request.user, "planned-credits-now", (distribution.pk, today),
        lambda: planned_credits_now(distribution, on=today))
    water_level = explain.water_level(
        (a.municipality.name, a.explanation) for a in allocations
    ) if distribution.window_weeks else None
    return render(
        request,
        "targets/distribution_detail.html",
        {
            "distribution": distribution,
            "allocations": allocations,
            "allocation_rows": _allocation_rows(distribution, allocations, water_level),
            "water_level": water_level,
            "method_label": explain.method_label(distribution.method),
            "key_text": explain.key_text(distribution.key),
            "credit_type_label": LocationType(distribution.credit_location_type).label
            if distribution.credit_location_type in LocationType.values
            else distribution.credit_location_type,
            "agreements": distribution.agreements.select_related(
                "municipality", "to_municipality"
            ),
            "can_adopt": may_manage_distributions(request.user, distribution.safety_region)
            and distribution.status == "concept",
            "adopt_form": AdoptForm(initial={"version": distribution.target.version}),
            "planned_credits": planned_credits,
            "can_recompute": may_manage_distributions(request.user, distribution.safety_region)
            and any(item.fell_through for item in planned_credits),
        },
    )


@require_POST
def distribution_recompute(request, pk: int):
    """A new concept version with the effort as known today (planned effort fell through)."""
    distribution = get_object_or_404(selectors.distributions_for_user(request.user), pk=pk)
    if not may_manage_distributions(request.user, distribution.safety_region):
        raise PermissionDenied
    try:
        new = services.distribution_recompute(
            actor=request.user, distribution=distribution, as_of=timezone.localdate()
        )
    except FairShareError as error:
        messages.error(request, error.message)
        return redirect("distribution_detail", pk=pk)
    messages.success(request, _("Herberekend als versie %(v)s (concept); stel die vast om hem "
                                "te laten gelden.") % {"v": new.version})
    return redirect("distribution_detail", pk=new.pk)


@require_http_methods(["GET"])
def target_progress(request, pk: int):
    """Delivery against the share of a target, per municipality and week (targets.progress)."""
    regions = list(region_selectors.safety_regions_for_user(request.user))
    code = request.GET.get("regio", "")
    form = ProgressForm(request.GET if "peildatum" in request.GET else None)
    as_of = (form.cleaned_data.get("peildatum") if form.is_valid() else None) \
        or timezone.localdate()
    found = selectors.target_versions_for_user(request.user).filter(pk=pk).first()
    if found is None:
        raise Http404
    region = next((r for r in regions if r.code == code), None) or next(
        (r for r in regions if r.pk == found.safety_region_id), None
    ) or region_selectors.default_region_for_user(request.user)
    # The target and the region were read above through the user's scope: passed on, not
    # read again (when the region is the default one, target_for_progress checks it itself).
    target = (target_for_progress(request.user, pk=pk, region=region, as_of=as_of,
                                  found=found if region in regions else None)
              if region is not None else None)
    if target is None:
        raise Http404
    if not form.is_bound:
        form = ProgressForm(initial={"peildatum": as_of})
    return render(request, "targets/progress.html", {
        "progress": progress_for_user(request.user, region=region, target=target, as_of=as_of),
        "form": form,
        "region": region,
    })


@require_POST
def distribution_adopt(request, pk: int):
    distribution = get_object_or_404(selectors.distributions_for_user(request.user), pk=pk)
    if not may_manage_distributions(request.user, distribution.safety_region):
        raise PermissionDenied
    form = AdoptForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Niet vastgesteld: noem het besluit."))
        return redirect("distribution_detail", pk=pk)
    try:
        services.distribution_adopt(
            actor=request.user, distribution=distribution,
            decision_reference=form.cleaned_data["besluit"],
            expected_version=form.cleaned_data["version"],
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("distribution_detail", pk=pk)
    messages.success(request, _("De verdeling is vastgesteld."))
    return redirect("distribution_detail", pk=pk)


@require_http_methods(["GET", "POST"])
def target_create(request):
    regions = [
        region for region in region_selectors.safety_regions_for_user(request.user)
        if may_manage_distributions(request.user, region)
    ]
    if not regions:
        raise PermissionDenied
    region = region_selectors.default_region_for_user(request.user)
    region = region if region in regions else regions[0]
    form = TargetForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.target_create(
                actor=request.user, scope=Target.Scope.REGIONAL, safety_region=region,
                **form.cleaned_data,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("De opgave is vastgelegd."))
            return redirect("dashboard")
    return render(request, "targets/target_form.html", {"form": form, "region": region})


@require_http_methods(["GET", "POST"])
def target_correct(request, pk: int):
    """Change a regional target; the service keeps the old version for earlier dates."""
    # Every version of the region's targets: a form opened on a version someone corrected
    # meanwhile must meet the conflict message, not a 404.
    target = get_object_or_404(
        selectors.target_versions_for_user(request.user).filter(scope=Target.Scope.REGIONAL),
        pk=pk,
    )
    if not may_manage_distributions(request.user, target.safety_region):
        raise PermissionDenied
    newest = max(selectors.target_lineage(target))
    if request.method == "GET" and newest != target.pk:
        return redirect("target_correct", pk=newest)
    initial = {name: getattr(target, name) for name in TargetForm.base_fields}
    form = TargetCorrectForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        fields = dict(form.cleaned_data)
        reason = fields.pop("reason")
        try:
            corrected = services.target_correct(
                target=target, actor=request.user, reason=reason, **fields
            )
        except EditConflict as conflict:
            # Show what the other person stored; a second "Opslaan" corrects the newest version.
            form.add_error(None, conflict)
            return render(request, "targets/target_form.html", {
                "form": form, "region": target.safety_region,
                "target": Target.objects.get(pk=conflict.current_version),
                "action": reverse("target_correct", kwargs={"pk": conflict.current_version}),
            })
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if corrected.pk == target.pk:
                messages.info(request, _("Er is niets gewijzigd."))
            else:
                messages.success(request, _(
                    "De opgave is gewijzigd; de vorige versie blijft bewaard voor eerdere data."
                ))
            return redirect("dashboard")
    return render(request, "targets/target_form.html", {
        "form": form, "region": target.safety_region, "target": target,
    })


def _dutch_number(numerator: int, denominator: int, places: int) -> str:
    """numerator / denominator (≥ 0) rounded half up to `places` decimals, written the Dutch
    way (1.234,56): the `fraction` filter's output without its per-call Decimal and locale
    work, which a table of 342 rows would repeat 700 times."""
    scale = 10**places
    scaled = (2 * numerator * scale + denominator) // (2 * denominator)
    whole = f"{scaled // scale:,}".replace(",", ".")
    return f"{whole},{scaled % scale:0{places}d}" if places else whole


# Escaped HTML that depends only on a tuple of units from `national.national_units` (kept in
# its cache, so the same tuple object comes back until a CBS figure changes). Keyed by id;
# the entry holds the tuple itself, so the id cannot be reused while the entry lives.
_UNIT_HTML: dict[int, tuple] = {}


def _unit_html(units) -> tuple[list[str], str]:
    """Per unit the row header, and the <option>s of the agreement fields' <datalist>."""
    found = _UNIT_HTML.get(id(units))
    if found is None or found[0] is not units:
        heads = [
            f'<tr><th scope="row">{escape(u.name)} <span class="or-source">{escape(u.code)}'
            "</span></th>"
            for u in units
        ]
        options = "".join(
            f'<option value="{escape(u.name)}">{escape(u.code)}</option>' for u in units
        )
        if len(_UNIT_HTML) >= 16:
            _UNIT_HTML.clear()
        found = _UNIT_HTML[id(units)] = (units, heads, options)
    return found[1], found[2]


def national_rows_html(computed) -> str:
    """The result table's rows: unit, share, quota, places and what decided them.

    Built here rather than in a template loop or with format_html per row: 342 rows would
    cost more than the rest of the page. Every text is escaped; numbers are digits only."""
    columns = computed.result.columns()
    heads, _options = _unit_html(computed.units)
    rows = []
    for head, (share_n, share_d), (quota_n, quota_d), allocation, reasons in zip(
        heads, columns["shares"], columns["quotas"], columns["allocations"],
        columns["reasons"], strict=True,
    ):
        places = f"{allocation:,}".replace(",", ".")
        rows.append(
            f'{head}<td class="or-number">{_dutch_number(share_n * 100, share_d, 2)} %</td>'
            f'<td class="or-number">{_dutch_number(quota_n, quota_d, 2)}</td>'
            f'<td class="or-number"><strong>{places}</strong></td>'
            f"<td>{escape('; '.join(reason.text for reason in reasons))}</td></tr>"
        )
    return mark_safe("\n".join(rows))  # noqa: S308 (every text above is escaped)


@require_GET
def national_whatif(request):
    """The national what-if: a national number over every municipality or the 25 regions."""
    if not selectors.may_distribute_nationally(request.user):
        raise PermissionDenied
    targets = list(selectors.national_targets_for_user(request.user))
    token = national.reference_data_token()
    dates = national.reference_dates(token)
    data = request.GET if request.GET else {
        "niveau": national.MUNICIPALITIES, "methode": "hamilton", "gewicht_inwoners": 50,
        "doel": targets[-1].pk if targets else "",
    }
    form = NationalWhatIfForm(
        data, targets=targets, dates=dates,
        units_for=lambda level, day: national.national_units(level, day, token),
    )
    context = {"form": form}
    if form.is_valid():
        chosen = form.cleaned_data
        try:
            computed = national.national_compute(
                units=chosen["units"], level=chosen["niveau"],
                reference_date=chosen["reference_date"],
                total=chosen["total"], population_weight=Fraction(chosen["gewicht_inwoners"], 100),
                method=chosen["methode"],
                agreements=tuple(national.NationalAgreement(*found)
                                 for found in chosen["agreements"]),
            )
        except FairShareError as error:
            context["whatif_error"] = error.message
        else:
            context.update(
                computed=computed,
                rows_html=national_rows_html(computed),
                placed=sum(computed.result.allocations.values()),
                method_label=METHOD_LABELS.get(chosen["methode"], chosen["methode"]),
                target=chosen["target"] if not chosen.get("aantal") else None,
                population_weight=chosen["gewicht_inwoners"],
                land_area_weight=100 - chosen["gewicht_inwoners"],
            )
    # The names the agreement fields suggest (one <datalist>, built here: 342 options).
    found = (getattr(form, "cleaned_data", None) or {}).get("units")
    if found is None and dates:
        found = national.national_units(national.MUNICIPALITIES, dates[0], token)
    context["unit_options_html"] = mark_safe(  # noqa: S308 (escaped in _unit_html)
        _unit_html(found[0])[1] if found else ""
    )
    template = "targets/_national_results.html" if request.htmx else "targets/national_whatif.html"
    return render(request, template, context)
