from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch, prefetch_related_objects
from django.forms.models import model_to_dict
from django.http import FileResponse, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.defaultfilters import floatformat
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from opvangregie.audit import events
from opvangregie.core.html import text
from opvangregie.core.templatetags.opvangregie import short_date
from opvangregie.core.versioning import EditConflict, form_after_conflict
from opvangregie.pipeline import selectors, services
from opvangregie.pipeline.exports import longlist_workbook
from opvangregie.pipeline.forms import (
    AddresseeForm,
    CallForm,
    CandidateForm,
    CriterionForm,
    DocumentForm,
    ReleaseForm,
    ScoreForm,
    SpeedBandForm,
    StatusForm,
)
from opvangregie.pipeline.models import (
    Broker,
    CallAddressee,
    CandidateDocument,
    Criterion,
    Score,
)
from opvangregie.regions.selectors import default_region_for_user, municipalities_for_user
from opvangregie.safecells import csv_writer
from opvangregie.textguard import Reader

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _region(request):
    region = default_region_for_user(request.user)
    if region is None:
        raise PermissionDenied
    return region


def overview(request):
    region = _region(request)
    views = selectors.candidate_views_for_user(request.user, region=region)
    events.confidential_candidate_viewed(request.user, views, "longlist")
    calls = selectors.call_summaries(selectors.calls_for_user(request.user, region=region))
    return render(request, "pipeline/overview.html", {
        "region": region, "views": views, "rows": _longlist_rows(views), "calls": calls,
        "status_counts": selectors.status_counts(views),
        "may_manage": selectors.may_manage(request.user, region),
        "may_submit": request.user.role in {"coordinator", "officer", "administrator"},
    })


def _longlist_rows(views) -> str:
    """The longlist's rows as HTML, written once for the page rather than cell by cell in the
    template; every value escaped by `text`, the same markup."""
    detail_url = reverse("pipeline:candidate_detail", kwargs={"pk": 0}).rsplit("/0/", 1)
    confidential = format_html(
        ' <span class="or-badge or-badge--confidential">{}</span>', _("vertrouwelijk"))
    new = format_html(' <span class="or-badge">{}</span>', _("nieuw"))
    rows = []
    for view in views:
        name = text(view.name) if view.name else _("Locatie %(n)s") % {"n": text(view.number)}
        places = "—" if view.possible_places is None else text(view.possible_places)
        score = "—" if view.score is None else text(floatformat(view.score, 0))
        rows.append(
            f'<tr>\n<th scope="row"><a href="{detail_url[0]}/{view.pk}/{detail_url[1]}">{name}'
            f"</a>{confidential if view.shows_confidential_details else ''}"
            f"{new if view.is_new else ''}</th>\n"
            f"<td>{text(view.municipality)}</td>\n<td>{text(view.kind)}</td>\n"
            f'<td>{", ".join(text(use) for use in view.intended_use)}</td>\n'
            f'<td class="or-number">{places}</td>\n'
            f'<td>{text(short_date(view.earliest_opening) or "—")}</td>\n'
            f'<td>{text(view.band)}</td>\n<td class="or-number">{score}</td>\n'
            f"<td>{text(view.status)}</td>\n</tr>\n"
        )
    return mark_safe("".join(rows))  # noqa: S308 - every value in it is escaped by `text`


def export_longlist(request):
    region = _region(request)
    views = selectors.candidate_views_for_user(request.user, region=region)
    events.confidential_candidates_exported(request.user, views, "longlist.xlsx")
    content = longlist_workbook(views, region_name=region.name, generated_at=timezone.now())
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="longlist.xlsx"'
    return response


def _candidate_form(request, data=None, initial=None):
    region = _region(request)
    return CandidateForm(
        data, initial=initial,
        municipalities=municipalities_for_user(request.user, editable=True).filter(
            safety_region=region
        ),
        brokers=Broker.objects.filter(safety_region=region),
        calls=selectors.calls_for_user(request.user, region=region),
    )


@require_http_methods(["GET", "POST"])
def candidate_create(request):
    region = _region(request)
    form = _candidate_form(request, request.POST or None)
    if not form.fields["municipality"].queryset.exists():
        raise PermissionDenied
    if request.method == "POST" and form.is_valid():
        try:
            candidate = services.candidate_submit(
                actor=request.user, safety_region=region,
                **{k: v for k, v in form.cleaned_data.items() if k != "version"},
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("De locatie is aangemeld als %(label)s.") % {
                "label": str(candidate)})
            return redirect("pipeline:candidate_detail", pk=candidate.pk)
    return render(request, "pipeline/candidate_form.html", {"form": form, "candidate": None})


def candidate_detail(request, pk: int):
    candidate = selectors.candidate_for_user(request.user, pk)
    return _render_detail(request, candidate)


def _render_detail(request, candidate, *, status=200, **forms_given):
    # The scores with their criteria, read once for the weighted score and the table (a
    # query per criterion otherwise).
    prefetch_related_objects([candidate], Prefetch(
        "scores", queryset=Score.objects.select_related("criterion").order_by("pk")))
    view = selectors.candidate_view_for_user(request.user, candidate)
    events.confidential_candidate_viewed(request.user, view, "detailpagina")
    manage = selectors.may_manage(request.user, candidate.safety_region)
    criteria = Criterion.objects.filter(safety_region=candidate.safety_region)
    # Only with criteria to score; the form reads them once for the check and its select.
    score_form = ScoreForm(criteria=criteria) if manage else None
    context = {
        "view": view,
        # With who changed it: the table names them (a query per change otherwise).
        "history": candidate.status_changes.select_related("changed_by"),
        "documents": candidate.documents.all() if view.details_visible else [],
        "scores": candidate.scores.all(),
        "may_manage": manage,
        "may_edit": selectors.may_edit(request.user, candidate),
        "release": getattr(candidate, "release", None) if view.details_visible else None,
        "status_form": StatusForm(initial={"expected_version": candidate.version})
        if manage else None,
        "score_form": score_form if score_form and score_form.fields["criterion"].listed()
        else None,
        "release_form": ReleaseForm() if manage else None,
        "document_form": DocumentForm() if selectors.may_edit(request.user, candidate) else None,
    }
    context.update(forms_given)
    return render(request, "pipeline/candidate_detail.html", context, status=status)


def _editable(request, pk):
    candidate = selectors.candidate_for_user(request.user, pk)
    if not selectors.may_edit(request.user, candidate):
        raise PermissionDenied
    return candidate


def _readers_of(candidate):
    """Status reasons and score notes are read where the candidate's details are."""
    return Reader.of_municipality(candidate.municipality_id)


def _managed(request, pk):
    candidate = selectors.candidate_for_user(request.user, pk)
    if not selectors.may_manage(request.user, candidate.safety_region):
        raise PermissionDenied
    return candidate


@require_http_methods(["GET", "POST"])
def candidate_edit(request, pk: int):
    candidate = _editable(request, pk)
    form = _candidate_form(request, request.POST or None,
                           initial={**model_to_dict(candidate), "version": candidate.version})
    if request.method == "POST" and form.is_valid():
        fields = dict(form.cleaned_data)
        expected_version = fields.pop("version")
        try:
            services.candidate_update(actor=request.user, candidate=candidate,
                                      expected_version=expected_version, **fields)
        except EditConflict as conflict:
            form_after_conflict(form, conflict)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("De wijzigingen zijn opgeslagen."))
            return redirect("pipeline:candidate_detail", pk=pk)
    # The form is filled with the identifying fields: an inzage like the detail page.
    events.confidential_candidate_viewed(
        request.user, selectors.candidate_view_for_user(request.user, candidate), "wijzigen")
    return render(request, "pipeline/candidate_form.html", {"form": form, "candidate": candidate})


def _post_form(request, candidate, form, action, success: str, form_name: str = ""):
    if form_name and form.is_bound and not form.is_valid() and form.text_guard_confirm:
        # The text names a record its readers may not see: show the form again with the
        # warning and the "Toch opslaan" box instead of a message.
        return _render_detail(request, candidate, status=400, **{form_name: form})
    if form.is_valid():
        try:
            action(**form.cleaned_data)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, success)
    else:
        messages.error(request, _("Niet opgeslagen: %(errors)s") % {
            "errors": " ".join(f"{form.fields[name].label}: {' '.join(errs)}"
                               if name in form.fields else " ".join(errs)
                               for name, errs in form.errors.items())})
    return redirect("pipeline:candidate_detail", pk=candidate.pk)


@require_POST
def candidate_status(request, pk: int):
    candidate = _managed(request, pk)
    return _post_form(
        request, candidate, StatusForm(request.POST).guard_text(_readers_of(candidate)),
        lambda **data: services.candidate_change_status(
            actor=request.user, candidate=candidate, **data),
        _("De status is gewijzigd."), "status_form",
    )


@require_POST
def candidate_score(request, pk: int):
    candidate = _managed(request, pk)
    criteria = Criterion.objects.filter(safety_region=candidate.safety_region)
    return _post_form(
        request, candidate,
        ScoreForm(request.POST, criteria=criteria).guard_text(_readers_of(candidate)),
        lambda **data: services.candidate_score(actor=request.user, candidate=candidate, **data),
        _("De score is opgeslagen."), "score_form",
    )


@require_POST
def candidate_release(request, pk: int):
    candidate = _managed(request, pk)
    return _post_form(
        request, candidate, ReleaseForm(request.POST),
        lambda **data: services.candidate_release(
            actor=request.user, candidate=candidate, **data),
        _("De vrijgave is vastgelegd."),
    )


@require_POST
def document_upload(request, pk: int):
    candidate = _editable(request, pk)
    return _post_form(
        request, candidate, DocumentForm(request.POST, request.FILES),
        lambda file: services.document_add(actor=request.user, candidate=candidate, upload=file),
        _("Het document is toegevoegd."),
    )


def document_download(request, pk: int):
    document = get_object_or_404(
        CandidateDocument.objects.select_related("candidate"),
        pk=pk, candidate__in=selectors.candidates_for_user(request.user),
    )
    if not selectors.details_visible(request.user, document.candidate):
        raise PermissionDenied
    events.candidate_document_downloaded(request.user, document.candidate, document.pk)
    return FileResponse(document.file.open("rb"), as_attachment=True,
                        filename=document.original_name, content_type=document.content_type)


def access_log(request, pk: int):
    candidate = _managed(request, pk)
    log = events.events_about(events.CANDIDATE, candidate.pk)
    if request.GET.get("formaat") == "csv":
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        filename = f"toegang-locatie-{candidate.number}.csv"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        response.write("\ufeff")
        writer = csv_writer(response, delimiter=";")
        writer.writerow([_("Tijdstip"), _("Gebruiker"), _("Actie"), _("Omschrijving")])
        for event in log:
            writer.writerow([timezone.localtime(event.at).strftime("%d-%m-%Y %H:%M:%S"),
                             event.actor.username if event.actor else "systeem",
                             event.get_action_display(), event.summary])
        return response
    return render(request, "pipeline/access_log.html", {"candidate": candidate,
                                                         "events": log})


@require_http_methods(["GET", "POST"])
def call_create(request):
    region = _region(request)
    if not selectors.may_manage(request.user, region):
        raise PermissionDenied
    form = CallForm(
        request.POST or None,
        municipalities=municipalities_for_user(request.user).filter(safety_region=region),
        brokers=Broker.objects.filter(safety_region=region),
    ).guard_text(Reader())  # the call goes to every municipality of the region
    if request.method == "POST" and form.is_valid():
        call = services.call_create(actor=request.user, safety_region=region,
                                    **form.cleaned_data)
        messages.success(request, _("De uitvraag is vastgelegd."))
        return redirect("pipeline:call_detail", pk=call.pk)
    return render(request, "pipeline/call_form.html", {"form": form})


@require_http_methods(["GET", "POST"])
def call_detail(request, pk: int):
    call = get_object_or_404(selectors.calls_for_user(request.user), pk=pk)
    manage = selectors.may_manage(request.user, call.safety_region)
    if request.method == "POST":
        if not manage:
            raise PermissionDenied
        form = AddresseeForm(request.POST).guard_text(Reader())
        form.fields["addressee"].queryset = CallAddressee.objects.filter(call=call)
        if not form.is_valid() and form.text_guard_confirm:
            return _render_call(request, call, manage, form, status=400)
        if form.is_valid():
            services.addressee_update(actor=request.user, addressee=form.cleaned_data["addressee"],
                                      status=form.cleaned_data["status"],
                                      note=form.cleaned_data["note"])
            messages.success(request, _("De reactie is bijgewerkt."))
        else:
            messages.error(request, _("Niet opgeslagen: kies een geldige reactie."))
        return redirect("pipeline:call_detail", pk=pk)
    return _render_call(request, call, manage)


def _render_call(request, call, manage, form=None, *, status=200):
    addressees = call.addressees.select_related("municipality", "broker")
    return render(request, "pipeline/call_detail.html", {
        "call": call, "summary": selectors.call_summary(call), "addressees": addressees,
        "reminders": selectors.reminder_list(call), "may_manage": manage,
        "statuses": AddresseeForm().fields["status"].choices,
        # An addressee note that named a confidential record: its warning and "Toch opslaan".
        "warned_form": form,
        "warned_pk": form.cleaned_data["addressee"].pk
        if form is not None and form.cleaned_data.get("addressee") else None,
    }, status=status)


@require_http_methods(["GET", "POST"])
def criteria(request):
    region = _region(request)
    manage = selectors.may_manage(request.user, region)
    criterion_form = CriterionForm(request.POST if "criterium" in request.POST else None)
    band_form = SpeedBandForm(request.POST if "klasse" in request.POST else None)
    if request.method == "POST":
        if not manage:
            raise PermissionDenied
        if criterion_form.is_bound and criterion_form.is_valid():
            services.criterion_create(actor=request.user, safety_region=region,
                                      **criterion_form.cleaned_data)
            messages.success(request, _("Het criterium is toegevoegd."))
            return redirect("pipeline:criteria")
        if band_form.is_bound and band_form.is_valid():
            services.speed_band_create(actor=request.user, safety_region=region,
                                       **band_form.cleaned_data)
            messages.success(request, _("De snelheidsklasse is toegevoegd."))
            return redirect("pipeline:criteria")
    return render(request, "pipeline/criteria.html", {
        "region": region, "may_manage": manage,
        "criteria": Criterion.objects.filter(safety_region=region),
        "bands": region.speed_bands.all(),
        "criterion_form": criterion_form, "band_form": band_form,
    })
