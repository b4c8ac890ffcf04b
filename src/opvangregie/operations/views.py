"""Crisis emergency shelter operations: rotas, stays (the two-week rule), the emergency button.

Thin views: reads through `operations.selectors`, writes through `operations.services`. 404 for
what the user may not see, 403 for what they may see but not change (nothing is written).
"""

from datetime import date

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from opvangregie.accounts.models import Role
from opvangregie.audit import events
from opvangregie.capacity.selectors import (
    location_label,
    location_view_for_user,
    location_views_for_user,
)
from opvangregie.core.cache import one_revision
from opvangregie.core.views import post_only
from opvangregie.core.workdate import working_date
from opvangregie.operations import forms, members, selectors, services
from opvangregie.operations.models import (
    DutyTurn,
    EmergencyRequest,
    ParticipantKind,
    RotaStatus,
)
from opvangregie.regions.models import SafetyRegion
from opvangregie.regions.selectors import (
    default_region_for_user,
    municipalities_for_user,
    safety_regions_for_user,
)
from opvangregie.textguard import Reader


def _errors_to_form(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def _record_shown(user, locations, context: str, *, export: bool = False) -> None:
    """One audit event for the confidential names a list page showed (or a file held)."""
    unique = list({loc.pk: loc for loc in locations if loc is not None}.values())
    views = location_views_for_user(user, unique)
    if export:
        events.confidential_locations_exported(user, views, context)
    else:
        events.confidential_location_viewed(user, views, context)


@require_GET
def index(request):
    user = request.user
    return render(request, "operations/index.html", {
        "rotas": selectors.rotas_for_user(user).order_by("safety_region__code", "-start"),
        "open_requests": selectors.emergency_requests_for_user(user).filter(
            status=EmergencyRequest.Status.OPEN),
        "unread": selectors.unread_notification_count(user),
        "can_create_rota": _rota_regions(user).exists(),
    })


# --- rotas -------------------------------------------------------------------------------------


def _rota_regions(user):
    if user.role == Role.ADMINISTRATOR:
        return SafetyRegion.objects.order_by("code")
    if user.role == Role.COORDINATOR and user.safety_region_id:
        return SafetyRegion.objects.filter(pk=user.safety_region_id)
    return SafetyRegion.objects.none()


def _visible_rota(user, pk: int):
    return get_object_or_404(selectors.rotas_for_user(user), pk=pk)


def _editable_rota(user, pk: int):
    rota = _visible_rota(user, pk)
    if not selectors.rota_may_change(user, rota):
        raise PermissionDenied
    return rota


@require_http_methods(["GET", "POST"])
def rota_create(request):
    user = request.user
    regions = _rota_regions(user)
    if not regions.exists():
        raise PermissionDenied
    allow_national = user.role == Role.ADMINISTRATOR
    initial = {"safety_region": default_region_for_user(user),
               "participant_kind": ParticipantKind.MUNICIPALITY}
    form = forms.RotaForm(request.POST or None, regions=regions, allow_national=allow_national,
                          initial=initial).guard_text(Reader())
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        kind = data["participant_kind"]
        region = None if kind == ParticipantKind.REGION else data["safety_region"]
        candidates = members.rota_members(kind=kind, key=data["key"], region=region,
                                          reference_date=data["reference_date"])
        try:
            unavailable = form.unavailable_by_name()
            chosen = _with_unavailable(user, candidates, unavailable)
            rota = services.rota_create(
                actor=user, name=data["name"], participant_kind=kind, members=chosen,
                start=data["start"], end=data["end"], safety_region=region,
                turn_days=7 * data["turn_weeks"], parallel=data["parallel"],
                places_per_turn=data["places_per_turn"], notes=data["notes"],
                key_description=members.key_description(kind, data["key"],
                                                        data["reference_date"]),
            )
        except ValidationError as error:
            _errors_to_form(form, error)
        else:
            messages.success(request, _("Het rooster is gemaakt als concept. Controleer het en "
                                        "stel het vast."))
            return redirect("operations:rota_detail", pk=rota.pk)
    return render(request, "operations/rota_form.html", {"form": form})


def _member_label(user, member) -> str:
    if member.location is not None:
        return location_label(user, member.location)
    return member.name


def _with_unavailable(user, candidates, unavailable: dict):
    labels = {_member_label(user, m).lower(): i for i, m in enumerate(candidates)}
    unknown = sorted(name for name in unavailable if name not in labels)
    if unknown:
        raise ValidationError(
            _("Niet beschikbaar: onbekende deelnemer(s): %(names)s.") % {
                "names": ", ".join(unknown)})
    chosen = list(candidates)
    for name, periods in unavailable.items():
        chosen[labels[name]] = chosen[labels[name]].with_unavailable(periods)
    return chosen


@require_GET
@one_revision  # the masking of the notes and of every change's reason
def rota_detail(request, pk: int):
    user = request.user
    rota = _visible_rota(user, pk)
    participants = selectors.participants_of(rota)
    labels = selectors.participant_labels(user, participants)
    turns = selectors.turns_of(rota, participants=False)
    slots = []
    for turn in turns:
        if not slots or slots[-1]["slot"] != turn.slot:
            slots.append({"slot": turn.slot, "number": turn.slot + 1, "start": turn.start,
                          "end": turn.end, "turns": [], "places": 0})
        slots[-1]["turns"].append({"turn": turn, "label": labels[turn.participant_id]})
        slots[-1]["places"] += turn.places
    weeks, week_rows = selectors.week_grid(rota, participants, turns, labels)
    can_change = selectors.rota_may_change(user, rota)
    _record_shown(user, [p.location for p in participants], "rooster")
    return render(request, "operations/rota_detail.html", {
        "rota": rota,
        "slots": slots,
        "participants": [{"p": p, "label": labels[p.pk]} for p in participants],
        "weeks": weeks,
        "week_rows": week_rows,
        "changes": [{"c": c, "from": labels[c.from_participant_id],
                     "to": labels[c.to_participant_id]} for c in selectors.changes_of(rota)],
        "own": [{"p": p, "label": labels[p.pk]}
                for p in selectors.participants_of_user(user, rota, participants)],
        "can_change": can_change and rota.status == RotaStatus.ADOPTED,
        "can_adopt": can_change and rota.status == RotaStatus.CONCEPT,
        "adopt_form": forms.AdoptForm() if can_change else None,
        "total_turns": len(turns),
    })


@require_POST
def rota_adopt(request, pk: int):
    rota = _editable_rota(request.user, pk)
    form = forms.AdoptForm(request.POST)
    if form.is_valid():
        try:
            services.rota_adopt(actor=request.user, rota=rota,
                                decision_reference=form.cleaned_data["decision_reference"])
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Het rooster is vastgesteld."))
    else:
        messages.error(request, _("Niet vastgesteld: noem het besluit."))
    return redirect("operations:rota_detail", pk=rota.pk)


@require_http_methods(["GET", "POST"])
def turn_change(request, pk: int, turn_pk: int):
    user = request.user
    rota = _visible_rota(user, pk)
    turn = get_object_or_404(DutyTurn.objects.select_related("participant", "rota"), pk=turn_pk,
                             rota=rota)
    if not selectors.rota_may_change(user, rota):
        raise PermissionDenied
    participants = selectors.participants_of(rota)
    labels = selectors.participant_labels(user, participants)
    others = [t for t in selectors.turns_of(rota)
              if t.participant_id != turn.participant_id and t.slot != turn.slot]
    form = forms.TurnChangeForm(
        request.POST or None,
        participants=[(p.pk, labels[p.pk]) for p in participants
                      if p.pk != turn.participant_id],
        other_turns=[(t.pk, f"{labels[t.participant_id]}: {t.start:%d-%m-%Y} t/m "
                      f"{t.end:%d-%m-%Y}") for t in others],
    ).guard_text(Reader())  # a rota is read by all its participants
    if rota.status != RotaStatus.ADOPTED:
        messages.info(request, _("Alleen een vastgesteld rooster wordt gewijzigd."))
        return redirect("operations:rota_detail", pk=rota.pk)
    _record_shown(user, [p.location for p in participants], "dienst wijzigen")
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if data["action"] == "replace":
                participant = next(p for p in participants if p.pk == data["participant"])
                services.turn_replace(actor=user, turn=turn, participant=participant,
                                      reason=data["reason"])
            else:
                other = next(t for t in others if t.pk == data["other_turn"])
                services.turn_swap(actor=user, turn=turn, other=other, reason=data["reason"])
        except ValidationError as error:
            _errors_to_form(form, error)
        else:
            messages.success(request, _("De dienst is gewijzigd; de reden is vastgelegd."))
            return redirect(reverse("operations:rota_detail", kwargs={"pk": rota.pk})
                            + "#wijzigingen")
    return render(request, "operations/turn_change.html", {
        "rota": rota, "turn": turn, "label": labels[turn.participant_id], "form": form,
    })


@require_GET
def participant_ics(request, pk: int, participant_pk: int):
    user = request.user
    rota = _visible_rota(user, pk)
    participant = get_object_or_404(rota.participants.select_related("location__municipality"),
                                    pk=participant_pk)
    label = selectors.participant_labels(user, [participant])[participant.pk]
    content = selectors.participant_ics(rota, participant, label)
    _record_shown(user, [participant.location], "rooster.ics", export=True)
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    filename = slugify(f"rooster-{rota.pk}-{label}") or f"rooster-{rota.pk}"
    response["Content-Disposition"] = f'attachment; filename="{filename}.ics"'
    return response


# --- stays and the two-week rule ----------------------------------------------------------------


def _chosen_day(request) -> tuple[forms.DayForm, date]:
    form = forms.DayForm(request.GET or None)
    day = working_date(request)
    if form.is_valid() and form.cleaned_data["op"]:
        day = form.cleaned_data["op"]
    return form, day


@require_GET
def stays(request):
    user = request.user
    form, day = _chosen_day(request)
    shown = selectors.stays_on(user, on=day)
    # One inzage for every location name the two tables show (their views, built once).
    events.confidential_location_viewed(user, shown.views, "verblijven")
    return render(request, "operations/stays.html", {
        "form": form, "day": day, "occupancy": shown.occupancy, "two_weeks": shown.two_weeks,
        # The chosen day goes along to the locations' pages (worked out once, not per row).
        "day_query": f"?op={day:%Y-%m-%d}" if request.GET.get("op") else "",
    })


def _cno_location(user, pk: int, *, editable: bool):
    location = get_object_or_404(selectors.cno_locations_for_user(user), pk=pk)
    if editable and not selectors.cno_locations_for_user(user, editable=True).filter(
            pk=pk).exists():
        raise PermissionDenied
    return location


def _location_context(request, location, **forms_given):
    user = request.user
    form, day = _chosen_day(request)
    present = (selectors.stays_for_user(user).filter(location=location, departed_on__isnull=True)
               .order_by("arrived_on", "reference"))
    can_edit = selectors.cno_locations_for_user(user, editable=True).filter(
        pk=location.pk).exists()
    view = location_view_for_user(user, location)
    # Built only to be rendered: the page shows the name, so this is an inzage.
    events.confidential_location_viewed(user, view, "verblijf locatie")
    return {
        "location": location, "label": view.label, "day": day,
        "day_form": form,
        "occupancy": selectors.occupancy_on(user, on=day, locations=[location])[0],
        "present": [{"stay": s, "day": selectors.day_of_stay(s, day),
                     "deadline": selectors.stay_deadline(s)} for s in present],
        "movements": selectors.movements_for_user(user).filter(location=location)
        .order_by("-day", "-pk")[:30],
        "can_edit": can_edit,
        "movement_form": forms_given.get("movement_form") or forms.MovementForm(
            initial={"day": day}),
        "stay_form": forms_given.get("stay_form") or forms.StayForm(initial={"arrived_on": day}),
        "depart_form": forms.DepartForm(initial={"departed_on": day}),
        "depart_errors": forms_given.get("depart_errors"),
    }


@require_GET
def stay_location(request, pk: int):
    location = _cno_location(request.user, pk, editable=False)
    return render(request, "operations/stay_location.html", _location_context(request, location))


@post_only("operations:stay_location")
def movement_register(request, pk: int):
    location = _cno_location(request.user, pk, editable=True)
    form = forms.MovementForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.movements_register(
                actor=request.user, location=location, day=data["day"],
                arrivals=data["arrivals"], departures=data["departures"],
                destination=data["destination"],
            )
        except ValidationError as error:
            _errors_to_form(form, error)
        else:
            messages.success(request, _("De aankomsten en vertrekken zijn geregistreerd."))
            return redirect("operations:stay_location", pk=location.pk)
    return render(request, "operations/stay_location.html",
                  _location_context(request, location, movement_form=form), status=400)


@post_only("operations:stay_location")
def stay_register(request, pk: int):
    location = _cno_location(request.user, pk, editable=True)
    form = forms.StayForm(request.POST)
    if form.is_valid():
        try:
            services.stay_register(actor=request.user, location=location,
                                   reference=form.cleaned_data["reference"],
                                   arrived_on=form.cleaned_data["arrived_on"])
        except ValidationError as error:
            _errors_to_form(form, error)
        else:
            messages.success(request, _("De aankomst is geregistreerd."))
            return redirect("operations:stay_location", pk=location.pk)
    return render(request, "operations/stay_location.html",
                  _location_context(request, location, stay_form=form), status=400)


@require_POST
def stay_depart(request, pk: int, stay_pk: int):
    location = _cno_location(request.user, pk, editable=True)
    stay = get_object_or_404(selectors.stays_for_user(request.user), pk=stay_pk,
                             location=location)
    form = forms.DepartForm(request.POST)
    if form.is_valid():
        try:
            services.stay_depart(actor=request.user, stay=stay,
                                 departed_on=form.cleaned_data["departed_on"],
                                 destination=form.cleaned_data["destination"])
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Het vertrek is geregistreerd."))
    else:
        messages.error(request, _("Niet geregistreerd: vul de datum en de bestemming in."))
    return redirect("operations:stay_location", pk=location.pk)


# --- the emergency button -----------------------------------------------------------------------


def _emergency_regions(user):
    """The regions for which the user may sound the emergency button."""
    return SafetyRegion.objects.filter(
        pk__in=[r.pk for r in safety_regions_for_user(user)
                if selectors.emergency_may_manage(user, r)]
    ).order_by("code")


@require_http_methods(["GET", "POST"])
def emergency_list(request):
    user = request.user
    regions = _emergency_regions(user)
    form = None
    if regions.exists():
        # Requests and their answers are read by everyone in the region.
        form = forms.EmergencyForm(request.POST or None, regions=regions).guard_text(Reader())
    elif request.method == "POST":
        raise PermissionDenied
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            emergency = services.emergency_request_create(
                actor=user, safety_region=data["safety_region"],
                places_needed=data["places_needed"], target_group=data["target_group"],
                note=data["note"],
            )
        except ValidationError as error:
            _errors_to_form(form, error)
        else:
            messages.success(request, _("De noodknop is ingedrukt; de coördinatoren en de "
                                        "gemeenten met vrije plekken hebben een melding."))
            return redirect("operations:emergency_detail", pk=emergency.pk)
    return render(request, "operations/emergency_list.html", {
        "form": form,
        "requests": selectors.emergency_requests_for_user(user),
    })


def _visible_request(user, pk: int) -> EmergencyRequest:
    return get_object_or_404(selectors.emergency_requests_for_user(user), pk=pk)


def _respond_options(user, emergency, *, offered=None):
    municipalities = list(municipalities_for_user(user, editable=True).filter(
        safety_region=emergency.safety_region).order_by("name"))
    own = selectors.respondable_locations(user, emergency, offered=offered,
                                          municipalities=municipalities)
    return own, municipalities


def _duration(delta) -> str | None:
    if delta is None:
        return None
    minutes = max(0, int(delta.total_seconds() // 60))
    hours, minutes = divmod(minutes, 60)
    if hours:
        return _("%(h)s uur en %(m)s minuten") % {"h": hours, "m": minutes}
    return _("%(m)s minuten") % {"m": minutes}


def _emergency_context(request, emergency, *, accept_form=None, decline_form=None):
    user = request.user
    free = selectors.free_places_for_request(user, emergency)
    own, municipalities = _respond_options(user, emergency, offered=free)
    responses = selectors.responses_of(emergency)
    response_rows = [
        {"r": r, "label": location_label(user, r.location) if r.location_id else ""}
        for r in responses
    ]
    is_open = emergency.status == EmergencyRequest.Status.OPEN
    may_manage = selectors.emergency_may_manage(user, emergency.safety_region)
    # Built only to be rendered: one inzage for every location name the page shows.
    _record_shown(user, [row.location for row in free]
                  + ([row.location for row in own] if is_open else [])
                  + [r.location for r in responses if r.location_id], "noodknop")
    return {
        "emergency": emergency,
        "free": free,
        "responses": response_rows,
        "accepted_places": sum(r.places for r in responses if r.accepted),
        "time_to_answer": _duration(selectors.time_to_answer(emergency, responses)),
        "accept_form": accept_form or (forms.AcceptForm(
            locations=[(row.location.pk, f"{row.label} ({row.free} vrij)") for row in own])
            if is_open and own else None),
        "decline_form": decline_form or (forms.DeclineForm(
            municipalities=[(m.pk, m.name) for m in municipalities])
            if is_open and municipalities else None),
        "close_form": forms.CloseForm(initial={"placed": 0}) if is_open and may_manage else None,
    }


@require_GET
@one_revision  # the free places, and the masking of every note on the page
def emergency_detail(request, pk: int):
    emergency = _visible_request(request.user, pk)
    return render(request, "operations/emergency_detail.html",
                  _emergency_context(request, emergency))


@post_only("operations:emergency_detail")
def emergency_respond(request, pk: int):
    user = request.user
    emergency = _visible_request(user, pk)
    own, municipalities = _respond_options(user, emergency)
    if not municipalities:
        raise PermissionDenied
    if request.POST.get("answer") == "accept":
        form = forms.AcceptForm(request.POST, locations=[(row.location.pk, row.label)
                                                         for row in own]).guard_text(Reader())
        if form.is_valid():
            location = next(r.location for r in own if r.location.pk == form.cleaned_data[
                "location"])
            try:
                services.emergency_respond(
                    actor=user, request=emergency, municipality=location.municipality,
                    accepted=True, location=location, places=form.cleaned_data["places"],
                    note=form.cleaned_data["note"],
                )
            except ValidationError as error:
                _errors_to_form(form, error)
            else:
                messages.success(request, _("Uw aanbod is doorgegeven aan de coördinator."))
                return redirect("operations:emergency_detail", pk=emergency.pk)
        return render(request, "operations/emergency_detail.html",
                      _emergency_context(request, emergency, accept_form=form), status=400)
    form = forms.DeclineForm(request.POST, municipalities=[(m.pk, m.name)
                                                           for m in municipalities]
                             ).guard_text(Reader())
    if form.is_valid():
        municipality = next(m for m in municipalities
                            if m.pk == form.cleaned_data["municipality"])
        try:
            services.emergency_respond(actor=user, request=emergency,
                                       municipality=municipality, accepted=False,
                                       note=form.cleaned_data["note"])
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Vastgelegd dat uw gemeente nu geen plekken biedt."))
        return redirect("operations:emergency_detail", pk=emergency.pk)
    return render(request, "operations/emergency_detail.html",
                  _emergency_context(request, emergency, decline_form=form), status=400)


@require_POST
def emergency_close(request, pk: int):
    user = request.user
    emergency = _visible_request(user, pk)
    if not selectors.emergency_may_manage(user, emergency.safety_region):
        raise PermissionDenied
    form = forms.CloseForm(request.POST)
    if form.is_valid():
        try:
            services.emergency_close(actor=user, request=emergency,
                                     placed=form.cleaned_data["placed"])
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Het verzoek is afgesloten."))
    else:
        messages.error(request, _("Niet afgesloten: vul het aantal geplaatste mensen in."))
    return redirect("operations:emergency_detail", pk=emergency.pk)


# --- notifications -----------------------------------------------------------------------------


@require_GET
def notifications(request):
    return render(request, "operations/notifications.html", {
        "notifications": selectors.notifications_for_user(request.user)[:100],
        "unread": selectors.unread_notification_count(request.user),
    })


@require_POST
def notifications_read(request):
    unread = selectors.notifications_for_user(request.user).filter(read_at__isnull=True)
    count = services.notifications_mark_read(actor=request.user, notifications=list(unread))
    messages.success(request, ngettext("%(n)s melding gemarkeerd als gelezen.",
                                       "%(n)s meldingen gemarkeerd als gelezen.", count)
                     % {"n": count})
    return redirect("operations:notifications")

