"""Entering figures: locations, dated capacity, housed permit holders and the Excel upload.

Thin views: reads go through the scoped selectors, writes through the services. 404 for what
the user may not see, 403 for what they may see but not change (and nothing is written).
A location is shown through its `LocationView` (opvangregie.access); a page that shows a
confidential field that is not public yet records one audit event (audit.events).
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.forms.models import model_to_dict
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from opvangregie.access import may_manage
from opvangregie.audit import events
from opvangregie.capacity import selectors, services, upload
from opvangregie.capacity.forms import (
    CapacityRecordForm,
    LocationFilterForm,
    LocationForm,
    LocationReleaseForm,
    PermitHousingForm,
    UploadForm,
    capacity_comment_readers,
)
from opvangregie.capacity.models import (
    CapacityKind,
    CapacityRecord,
    HousingInstrument,
    Location,
    LocationStatus,
    Operator,
)
from opvangregie.core.html import moment_text, month_names, text
from opvangregie.core.versioning import EditConflict, form_after_conflict
from opvangregie.core.views import post_only
from opvangregie.core.workdate import working_date
from opvangregie.regions.selectors import municipalities_for_user
from opvangregie.textguard import Reader, mask

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _visible_location(user, pk: int) -> Location:
    return get_object_or_404(selectors.locations_for_user(user), pk=pk)


def _editable_location(user, pk: int) -> Location:
    location = _visible_location(user, pk)
    if not selectors.locations_for_user(user, editable=True).filter(pk=pk).exists():
        raise PermissionDenied
    return location


def _editable_municipalities_or_403(user):
    municipalities = municipalities_for_user(user, editable=True).order_by("name")
    if not municipalities.exists():
        raise PermissionDenied
    return municipalities


def _target_group_labels() -> dict[str, str]:
    return {
        "for_asylum_seekers": _("asielzoekers"),
        "for_ukrainians": _("Oekraïense ontheemden"),
        "for_permit_holders": _("vergunninghouders"),
    }


def _target_groups(location: Location, labels: dict[str, str] | None = None) -> list[str]:
    labels = labels or _target_group_labels()
    return [label for field, label in labels.items() if getattr(location, field)]


def _registered_message(registered: services.Registered) -> tuple[int, str]:
    if not registered.created:
        return messages.INFO, _(
            "Deze cijfers waren al precies zo geregistreerd; er is niets gewijzigd."
        )
    if registered.record.corrects_id:
        return messages.SUCCESS, _(
            "De cijfers zijn gecorrigeerd. De eerdere registratie blijft zichtbaar in de "
            "geschiedenis."
        )
    return messages.SUCCESS, _("De cijfers zijn geregistreerd.")


LOCATIONS_PER_PAGE = 50
HOUSING_ROWS_PER_PAGE = 50


@require_GET
def location_list(request):
    user = request.user
    municipalities = municipalities_for_user(user).order_by("name")
    form = LocationFilterForm(request.GET or None, municipalities=municipalities)
    locations = selectors.locations_for_user(user).order_by("municipality__name", "type", "pk")
    if form.is_valid():
        if form.cleaned_data["gemeente"]:
            locations = locations.filter(municipality__code=form.cleaned_data["gemeente"])
        if form.cleaned_data["soort"]:
            locations = locations.filter(type=form.cleaned_data["soort"])
    # A page at a time: a region has hundreds of locations, the country thousands.
    page = Paginator(selectors.location_row_values(locations), LOCATIONS_PER_PAGE).get_page(
        request.GET.get("pagina"))
    locations = selectors.location_rows(page.object_list)
    others = request.GET.copy()
    others.pop("pagina", None)
    today = working_date(request)
    views = selectors.location_views_for_user(user, locations)
    events.confidential_location_viewed(user, views, "locatielijst")
    current = selectors.current_capacity_by_location([loc.pk for loc in locations], on=today)
    # The rows are written here, once per list, rather than cell by cell in the template: a
    # page lists 50 locations, and the template engine's per-cell work (lookups, filters,
    # get_FOO_display, {% url %}) was most of the page's time. The markup is the same.
    operators = {value: str(label) for value, label in Operator.choices}
    statuses = {value: str(label) for value, label in LocationStatus.choices}
    groups = _target_group_labels()
    detail_url = reverse("capacity:location_detail", args=[0]).removesuffix("0/")
    words = {
        "confidential": format_html(
            ' <span class="or-badge or-badge--confidential">{}</span>', _("vertrouwelijk")),
        "planned": format_html(' <span class="or-source">({})</span>', _("gepland")),
        "unknown": format_html('<span class="or-source">{}</span>', _("onbekend")),
        "none": format_html(
            '<td class="or-number"><span class="or-source">{}</span></td>'
            '<td class="or-number"><span class="or-source">—</span></td>', _("geen")),
    }
    rows = mark_safe("".join(  # noqa: S308 - every value in it is escaped by `text`
        _location_row(loc, view, current.get(loc.pk), detail_url, operators, statuses, groups,
                      words)
        for loc, view in zip(locations, views, strict=True)
    ))
    return render(request, "capacity/location_list.html", {
        "form": form, "rows": rows, "today": today, "page": page,
        "total": page.paginator.count,
        "page_query": f"{others.urlencode()}&" if others else "",
        "can_create": municipalities_for_user(user, editable=True).exists(),
    })


def _location_row(loc, view, record, detail_url, operators, statuses, groups, words) -> str:
    """One row of the location list as HTML; every value escaped by `text`."""
    if record is None:
        figures = words["none"]
    else:
        occupancy = words["unknown"] if record.occupancy is None else text(record.occupancy)
        planned = words["planned"] if record.kind == CapacityKind.PLANNED else ""
        figures = (f'<td class="or-number">{text(record.places)}{planned}</td>'
                   f'<td class="or-number">{occupancy}</td>')
    badge = words["confidential"] if view.shows_confidential_badge else ""
    return (
        f'<tr>\n<th scope="row"><a href="{detail_url}{loc.pk}/">{text(view.label)}</a>{badge}'
        f"</th>\n<td>{text(loc.municipality.name)}</td>\n<td>{text(view.type_display)}</td>\n"
        f'<td>{text(", ".join(_target_groups(loc, groups)) or "—")}</td>\n'
        f"<td>{text(operators.get(loc.operator, loc.operator))}</td>\n"
        f"<td>{text(statuses.get(loc.status, loc.status))}</td>\n{figures}\n</tr>\n"
    )


HISTORY_SHOWN = 26  # registrations on the detail page unless all are asked for: half a year


def _history(request, location: Location) -> dict:
    everything = request.GET.get("geschiedenis") == "alle"
    history = selectors.capacity_history(
        location, latest=None if everything else HISTORY_SHOWN + 1)
    # One more than shown tells whether there are older ones, without counting them all.
    more = not everything and len(history) > HISTORY_SHOWN
    return {"history": history[1:] if more else history, "history_more": more}


def _history_rows(user, location: Location, view, history, can_edit: bool) -> str:
    """The rows of the registrations table as HTML, written once for the page (the template
    engine per cell was most of the page's time); every value escaped by `text`, the
    comments masked (`guarded`) and hidden outside the circle, as the template did."""
    kinds = {value: str(label) for value, label in CapacityKind.choices}
    ongoing, current, correct = _("loopt door"), _("huidig"), _("corrigeren")
    hidden = format_html('<span class="or-source">{}</span>', _("[vertrouwelijk]"))
    correct_url = reverse("capacity:capacity_correct",
                          kwargs={"pk": location.pk, "record_pk": 0}).rsplit("/0/", 1)
    rows = []
    for record in history:
        start = _short_date(record.valid_from)
        if not record.reason:
            reason = "—"
        elif view.details_visible:
            reason = text(mask(record.reason, user))
        else:
            reason = hidden
        if record.corrected:
            state = (
                _("gecorrigeerd op %(at)s door het systeem") % {
                    "at": moment_text(record.corrected_at)}
                if record.corrected_by is None else
                _("gecorrigeerd op %(at)s door %(by)s") % {
                    "at": moment_text(record.corrected_at), "by": text(record.corrected_by)}
            )
        elif can_edit:
            state = (
                f'{text(current)} <a href="{correct_url[0]}/{record.pk}/{correct_url[1]}">'
                f'{text(correct)}<span class="or-visually-hidden"> '
                f'{_("(registratie vanaf %(d)s)") % {"d": start}}</span></a>'
            )
        else:
            state = text(current)
        occupancy = "—" if record.occupancy is None else text(record.occupancy)
        rows.append(
            f'<tr>\n<th scope="row">{start}</th>\n'
            f"<td>{_short_date(record.valid_to) if record.valid_to else text(ongoing)}</td>\n"
            f'<td class="or-number">{text(record.places)}</td>\n'
            f'<td class="or-number">{occupancy}</td>\n'
            f"<td>{text(kinds.get(record.kind, record.kind))}</td>\n"
            f"<td>{_registered_text(record.registered_at, record.registered_by)}</td>\n"
            f"<td>{reason}</td>\n<td>{state}</td>\n</tr>\n"
        )
    return mark_safe("".join(rows))  # noqa: S308 - every value in it is escaped by `text`


def _choice_label(choices, value) -> str:
    """`get_FOO_display()` of a field with these choices."""
    return next((str(label) for choice, label in choices.choices if choice == value), value)


def _short_date(day) -> str:
    """`{{ day|short_date }}` of a date: 1-6-2024."""
    return f"{day.day}-{day.month}-{day.year}"


def _detail_context(request, location: Location, form: CapacityRecordForm | None = None):
    user = request.user
    view = selectors.location_view_for_user(user, location)
    can_edit = getattr(location, "editable", None)  # read with it (`locations_with_editable`)
    if can_edit is None:
        can_edit = selectors.locations_for_user(user, editable=True).filter(
            pk=location.pk).exists()
    today = working_date(request)
    history = _history(request, location)
    history["history_rows"] = _history_rows(user, location, view, history["history"], can_edit)
    return {
        "location": location,
        "view": view,
        "label": view.label,
        "details_visible": view.details_visible,
        "target_groups": _target_groups(location),
        # The labels as the list writes them: get_FOO_display rebuilds every choice per call.
        "operator_display": _choice_label(Operator, location.operator),
        "status_display": _choice_label(LocationStatus, location.status),
        **history,
        "current": selectors.current_capacity_by_location([location.pk], on=today).get(
            location.pk
        ),
        "today": today,
        "can_edit": can_edit,
        # Every caller read the location through `locations_for_user` (`_visible_location`,
        # `locations_with_editable`):
        # the block of its reports need not ask again.
        "location_visible": True,
        "form": form if form is not None else (
            CapacityRecordForm(initial={"seen_up_to": services.capacity_seen_up_to(location)})
            if can_edit else None
        ),
        "release_form": LocationReleaseForm() if _may_release(user, location) else None,
    }


def _may_release(user, location: Location) -> bool:
    """Coordinators of the region (and administrators) widen a confidential location's release."""
    return location.is_confidential and may_manage(user, location.municipality.safety_region)


@require_POST
def location_release(request, pk: int):
    location = _visible_location(request.user, pk)
    if not _may_release(request.user, location):
        raise PermissionDenied
    form = LocationReleaseForm(request.POST)
    if form.is_valid():
        try:
            widened = services.location_release_widen(
                actor=request.user, location=location, fields=form.fields_to_release,
                released_from=form.cleaned_data["released_from"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            if widened:
                messages.success(request, _("De vrijgave is uitgebreid."))
            else:
                messages.info(request, _("Die velden waren al (eerder) vrijgegeven; er is niets "
                                         "gewijzigd."))
    else:
        messages.error(request, _("Niet vrijgegeven: %(errors)s") % {
            "errors": " ".join(" ".join(errors) for errors in form.errors.values())})
    return redirect("capacity:location_detail", pk=location.pk)


@require_GET
def location_detail(request, pk: int):
    location = get_object_or_404(selectors.locations_with_editable(request.user), pk=pk)
    return _render_detail(request, location)


def _render_detail(request, location: Location, form: CapacityRecordForm | None = None,
                   status: int = 200):
    context = _detail_context(request, location, form)
    events.confidential_location_viewed(request.user, context["view"], "detailpagina")
    return render(request, "capacity/location_detail.html", context, status=status)


@require_http_methods(["GET", "POST"])
def location_create(request):
    municipalities = _editable_municipalities_or_403(request.user)
    form = LocationForm(request.POST or None, municipalities=municipalities)
    if request.method == "POST" and form.is_valid():
        fields = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        location = services.location_create(actor=request.user, **fields)
        messages.success(request, _("De locatie is aangemaakt."))
        return redirect("capacity:location_detail", pk=location.pk)
    return render(request, "capacity/location_form.html", {"form": form, "location": None})


@require_http_methods(["GET", "POST"])
def location_edit(request, pk: int):
    location = _editable_location(request.user, pk)
    form = LocationForm(
        request.POST or None,
        initial={**model_to_dict(location, fields=services.LOCATION_FIELDS),
                 "version": location.version},
        municipalities=municipalities_for_user(request.user, editable=True).order_by("name"),
    )
    if request.method == "POST" and form.is_valid():
        fields = dict(form.cleaned_data)
        expected_version = fields.pop("version")
        try:
            services.location_update(location=location, actor=request.user,
                                     expected_version=expected_version, **fields)
        except EditConflict as conflict:
            form_after_conflict(form, conflict)
        else:
            messages.success(request, _("De gegevens van de locatie zijn opgeslagen."))
            return redirect("capacity:location_detail", pk=location.pk)
    # The form is filled with the name and address: an inzage like the detail page.
    view = selectors.location_view_for_user(request.user, location)
    events.confidential_location_viewed(request.user, view, "wijzigen")
    return render(request, "capacity/location_form.html", {
        "form": form, "location": location, "label": view.label,
    })


def _register(request, location: Location, form: CapacityRecordForm, valid_from,
              seen_up_to: int | None = None) -> bool:
    """Calls the service; puts its validation errors on the form. True when it succeeded."""
    data = form.cleaned_data
    if data["seen_up_to"] is not None:
        seen_up_to = data["seen_up_to"]
    try:
        registered = services.capacity_record_register(
            actor=request.user, location=location, valid_from=valid_from,
            valid_to=data["valid_to"], places=data["places"], occupancy=data["occupancy"],
            kind=data["kind"], reason=data["reason"], seen_up_to=seen_up_to,
        )
    except ValidationError as error:
        form.add_error(None, error)
        if isinstance(error, EditConflict):
            # Shown now: a second "Opslaan" is a deliberate correction of what is shown.
            form.data = form.data.copy()
            form.data["seen_up_to"] = str(services.capacity_seen_up_to(location))
        return False
    messages.add_message(request, *_registered_message(registered))
    return True


@post_only("capacity:location_detail")
def capacity_register(request, pk: int):
    location = _editable_location(request.user, pk)
    form = CapacityRecordForm(request.POST).guard_text(capacity_comment_readers(location))
    if form.is_valid() and _register(request, location, form, form.cleaned_data["valid_from"]):
        return redirect(reverse("capacity:location_detail", kwargs={"pk": pk}) + "#plekken")
    return _render_detail(request, location, form)


@require_http_methods(["GET", "POST"])
def capacity_correct(request, pk: int, record_pk: int):
    location = _editable_location(request.user, pk)
    record = get_object_or_404(CapacityRecord, pk=record_pk, location=location)
    # On a POST the service says who corrected it meanwhile and keeps the user's input.
    if request.method == "GET" and CapacityRecord.objects.filter(corrects=record).exists():
        messages.info(request, _("Deze registratie is al gecorrigeerd; corrigeer de huidige."))
        return redirect(reverse("capacity:location_detail", kwargs={"pk": pk}) + "#plekken")
    form = CapacityRecordForm(
        request.POST or None, correcting=record,
        initial={"valid_from": record.valid_from, "valid_to": record.valid_to,
                 "places": record.places, "occupancy": record.occupancy, "kind": record.kind,
                 "seen_up_to": record.pk},
    ).guard_text(capacity_comment_readers(location))
    if (request.method == "POST" and form.is_valid()
            and _register(request, location, form, record.valid_from, seen_up_to=record.pk)):
        return redirect(reverse("capacity:location_detail", kwargs={"pk": pk}) + "#plekken")
    view = selectors.location_view_for_user(request.user, location)
    events.confidential_location_viewed(request.user, view, "corrigeren")
    return render(request, "capacity/capacity_correct.html", {
        "form": form, "location": location, "record": record, "label": view.label,
    })


@require_http_methods(["GET", "POST"])
def permit_housing(request):
    user = request.user
    editable = municipalities_for_user(user, editable=True).order_by("name")
    can_edit = editable.exists()
    form = None
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied
        chosen = request.POST.get("municipality", "")
        if (chosen.isdigit() and not editable.filter(pk=chosen).exists()
                and municipalities_for_user(user).filter(pk=chosen).exists()):
            raise PermissionDenied
        # The figures page shows every municipality's row to the whole region.
        form = PermitHousingForm(request.POST, municipalities=editable).guard_text(Reader())
        if form.is_valid():
            data = form.cleaned_data
            try:
                registered = services.permit_housing_register(
                    actor=user, municipality=data["municipality"], month=data["month"],
                    housed=data["housed"], reason=data["reason"],
                    instruments=form.instruments(), seen_up_to=data["seen_up_to"],
                )
            except ValidationError as error:
                form.add_error(None, error)
                if isinstance(error, EditConflict):
                    # Shown now: saving again is a deliberate correction of what is shown.
                    form.data = form.data.copy()
                    form.data["seen_up_to"] = str(services.housing_seen_up_to(editable))
            else:
                level, text = _registered_message(registered)
                messages.add_message(request, level, text)
                return redirect("capacity:permit_housing")
    if form is None and can_edit:
        form = PermitHousingForm(municipalities=editable,
                                 initial={"seen_up_to": services.housing_seen_up_to(editable)})
    shown = editable if can_edit else municipalities_for_user(user).order_by("name")
    # A page at a time: a region registers a row per municipality every month.
    page = Paginator(selectors.permit_housing_current_values(shown),
                     HOUSING_ROWS_PER_PAGE).get_page(request.GET.get("pagina"))
    return render(request, "capacity/permit_housing.html", {
        "form": form, "rows": _housing_rows(user, selectors.housing_rows(page.object_list)),
        "can_edit": can_edit,
        "page": page, "page_query": "",
    })


def _registered_text(at, username: str | None) -> str:
    """"1-6-2024 10:00 door jansen", as the templates write who registered a record (escaped);
    `username` None: the system."""
    at = moment_text(at)
    if username is None:
        return _("%(at)s door het systeem") % {"at": at}
    return _("%(at)s door %(by)s") % {"at": at, "by": text(username)}


def _housing_rows(user, registrations) -> str:
    """The rows of the housing table as HTML, written once for the page (the template engine
    per cell was most of its time); every value escaped by `text`, the reason masked."""
    instruments = {value: str(label) for value, label in HousingInstrument.choices}
    not_split = format_html('<span class="or-source">{}</span>', _("niet uitgesplitst"))
    correction = format_html(' <span class="or-source">({})</span>', _("correctie"))
    months = month_names()
    rows = []
    for row in registrations:
        counts = "; ".join(
            f"{text(instruments.get(instrument, instrument))}: {text(housed)}"
            for instrument, housed in row.instrument_counts
        ) or not_split
        rows.append(
            f'<tr>\n<th scope="row">{text(months[row.month.month])} {row.month.year}</th>\n'
            f"<td>{text(row.municipality)}</td>\n"
            f'<td class="or-number">{text(row.housed)}</td>\n<td>{counts}</td>\n'
            f"<td>{_registered_text(row.registered_at, row.registered_by)}"
            f"{correction if row.corrects_id else ''}</td>\n"
            f'<td>{text(mask(row.reason, user) or "—")}</td>\n</tr>\n'
        )
    return mark_safe("".join(rows))  # noqa: S308 - every value in it is escaped by `text`


@require_http_methods(["GET", "POST"])
def upload_figures(request):
    _editable_municipalities_or_403(request.user)
    form = UploadForm(request.POST or None, request.FILES or None)
    parsed = None
    if request.method == "POST" and form.is_valid():
        file = form.cleaned_data["file"]
        try:
            workbook = upload.read_workbook(file, name=file.name, size=file.size)
        except upload.UploadFileError as error:
            form.add_error("file", str(error))
        else:
            try:
                parsed = upload.parse_workbook(workbook)
            finally:
                workbook.close()
            if not parsed.errors:
                upload.resolve_for_user(parsed, request.user)
            if not parsed.errors:
                try:
                    counts = services.figures_upload_register(
                        actor=request.user, capacity_rows=parsed.capacity_rows,
                        housing_rows=parsed.housing_rows,
                    )
                except ValidationError as error:
                    form.add_error(None, _("Er is niets opgeslagen: %(e)s") % {
                        "e": " ".join(error.messages)})
                else:
                    messages.success(request, _(
                        "Het bestand is ingelezen: %(new)s nieuw, %(corr)s gecorrigeerd, "
                        "%(same)s ongewijzigd."
                    ) % {"new": counts.created, "corr": counts.corrected,
                         "same": counts.unchanged})
                    return redirect("capacity:upload")
    return render(request, "capacity/upload.html", {
        "form": form, "parsed": parsed, "max_errors": upload.MAX_ERRORS,
    })


@require_GET
def upload_template(request):
    _editable_municipalities_or_403(request.user)
    content, location_ids = upload.template_for_user(request.user)
    services.figures_template_export_audit(actor=request.user, location_ids=location_ids)
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="opvangregie-cijfers-sjabloon.xlsx"'
    response["Cache-Control"] = "no-store"
    return response
