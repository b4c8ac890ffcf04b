"""The board meeting: meetings, decisions, actions, proposals to the national desk, location
reports, and the status report ("tussenstand") as a page, a deck and a workbook.

Thin views: reads through `meetings.selectors` (and `reports.status_report`), writes through
`meetings.services`. 404 for what the user may not see, 403 for what they may see but not
change (nothing is written).
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from opvangregie.audit import events
from opvangregie.capacity.selectors import location_view_for_user
from opvangregie.core.cache import one_revision
from opvangregie.core.html import text
from opvangregie.core.versioning import EditConflict, form_after_conflict
from opvangregie.core.views import post_only
from opvangregie.core.workdate import working_date, working_moment
from opvangregie.meetings import forms, selectors, services
from opvangregie.meetings.models import DecisionStatus
from opvangregie.regions.selectors import default_region_for_user, safety_regions_for_user
from opvangregie.reports import deck, deck_workbook, web_charts
from opvangregie.reports.presentation import NumberFormatter
from opvangregie.reports.status_report import status_report_for_user
from opvangregie.textguard import Reader

# Meetings, decisions, actions and proposals are read by every user of the region, board
# members included: their text may name no record such a reader may not see.
REGION_READERS = Reader()


def _errors_to_form(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)


def _managed_regions_or_403(user):
    regions = selectors.managed_regions(user)
    if not regions:
        raise PermissionDenied
    return regions


# --- meetings ---------------------------------------------------------------------------------


@require_GET
@one_revision  # the meetings' parts and the masking read the revision once
def meeting_list(request):
    user = request.user
    region = default_region_for_user(user)
    return render(request, "meetings/meeting_list.html", {
        "meetings": selectors.meetings_for_user(user).order_by("-date", "-pk"),
        "region": region,
        "can_manage": bool(selectors.managed_regions(user)),
    })


@require_http_methods(["GET", "POST"])
def meeting_create(request):
    regions = _managed_regions_or_403(request.user)
    form = forms.MeetingForm(request.POST or None, regions=regions).guard_text(REGION_READERS)
    if request.method == "POST" and form.is_valid():
        meeting = services.meeting_create(
            actor=request.user, safety_region=form.region(), date=form.cleaned_data["date"],
            title=form.cleaned_data["title"], notes=form.cleaned_data["notes"],
        )
        messages.success(request, _("Het overleg is aangemaakt."))
        return redirect("meetings:meeting_detail", pk=meeting.pk)
    return render(request, "meetings/meeting_form.html", {"form": form})


def _detail_context(request, meeting, **forms_given):
    user = request.user
    contents = selectors.meeting_contents(meeting)
    can_manage = selectors.may_manage(user, meeting.safety_region)
    following, due = contents.following, contents.due
    items, decisions, actions = contents.items, contents.decisions, contents.actions
    context = {
        "meeting": meeting,
        "items": [
            {"item": item,
             "decisions": [d for d in decisions if d.agenda_item_id == item.pk],
             "actions": [a for a in actions if a.agenda_item_id == item.pk]}
            for item in items
        ],
        "loose_decisions": [d for d in decisions if d.agenda_item_id is None],
        "loose_actions": [a for a in actions if a.agenda_item_id is None],
        "next_meeting": following,
        "due": due,
        "can_manage": can_manage,
        "report_query": f"regio={meeting.safety_region.code}&peildatum={meeting.date.isoformat()}",
        "status_choices": DecisionStatus.choices,
    }
    if can_manage:
        context["agenda_form"] = forms_given.get("agenda_form") or forms.AgendaItemForm()
        context["decision_form"] = forms_given.get("decision_form") or forms.DecisionForm(
            meeting=meeting)
        context["action_form"] = forms_given.get("action_form") or forms.ActionForm(
            meeting=meeting)
    return context


@require_GET
def meeting_detail(request, pk: int):
    meeting = selectors.meeting_for_user(request.user, pk)
    return render(request, "meetings/meeting_detail.html", _detail_context(request, meeting))


def _managed_meeting(request, pk: int):
    meeting = selectors.meeting_for_user(request.user, pk)
    if not selectors.may_manage(request.user, meeting.safety_region):
        raise PermissionDenied
    return meeting


@require_http_methods(["GET", "POST"])
def meeting_narrative(request, pk: int):
    """The typed slides of the meeting's deck (safety picture, national picture, findings,
    agreements of the bestuursakkoord). Every user of the region reads them in the deck."""
    meeting = _managed_meeting(request, pk)
    form = forms.MeetingNarrativeForm(
        request.POST or None, instance=meeting, initial={"version": meeting.version},
    ).guard_text(REGION_READERS)
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in services.NARRATIVE_FIELDS}
        try:
            services.meeting_narrative_update(
                actor=request.user, meeting=meeting,
                expected_version=form.cleaned_data["version"], **fields)
        except EditConflict as conflict:
            form_after_conflict(form, conflict)
        except ValidationError as error:
            _errors_to_form(form, error)
        else:
            messages.success(request, _("De teksten voor de tussenstand zijn opgeslagen."))
            return redirect("meetings:meeting_detail", pk=meeting.pk)
    return render(request, "meetings/meeting_narrative.html",
                  {"form": form, "meeting": meeting},
                  status=400 if request.method == "POST" else 200)


def _back_to(meeting, anchor: str):
    return redirect(reverse("meetings:meeting_detail", kwargs={"pk": meeting.pk}) + anchor)


@post_only("meetings:meeting_detail")
def agenda_item_add(request, pk: int):
    meeting = _managed_meeting(request, pk)
    form = forms.AgendaItemForm(request.POST).guard_text(REGION_READERS)
    if form.is_valid():
        services.agenda_item_create(actor=request.user, meeting=meeting, **form.cleaned_data)
        messages.success(request, _("Het agendapunt is toegevoegd."))
        return _back_to(meeting, "#agenda")
    return render(request, "meetings/meeting_detail.html",
                  _detail_context(request, meeting, agenda_form=form), status=400)


@post_only("meetings:meeting_detail")
def decision_add(request, pk: int):
    meeting = _managed_meeting(request, pk)
    form = forms.DecisionForm(request.POST, meeting=meeting).guard_text(REGION_READERS)
    if form.is_valid():
        try:
            services.decision_create(actor=request.user, meeting=meeting, **form.cleaned_data)
        except ValidationError as error:
            _errors_to_form(form, error)
        else:
            messages.success(request, _("Het besluit is vastgelegd."))
            return _back_to(meeting, "#agenda")
    return render(request, "meetings/meeting_detail.html",
                  _detail_context(request, meeting, decision_form=form), status=400)


@post_only("meetings:meeting_detail")
def action_add(request, pk: int):
    meeting = _managed_meeting(request, pk)
    form = forms.ActionForm(request.POST, meeting=meeting).guard_text(REGION_READERS)
    if form.is_valid():
        try:
            services.action_create(actor=request.user, meeting=meeting, **form.cleaned_data)
        except ValidationError as error:
            _errors_to_form(form, error)
        else:
            messages.success(request, _("De actie is vastgelegd."))
            return _back_to(meeting, "#agenda")
    return render(request, "meetings/meeting_detail.html",
                  _detail_context(request, meeting, action_form=form), status=400)


@require_POST
def decision_status(request, pk: int):
    decision = selectors.decision_for_user(request.user, pk)
    if not selectors.may_manage(request.user, decision.meeting.safety_region):
        raise PermissionDenied
    form = forms.DecisionStatusForm(request.POST)
    if form.is_valid():
        try:
            services.decision_set_status(
                actor=request.user, decision=decision, status=form.cleaned_data["status"],
                note=form.cleaned_data["note"],
                expected_version=form.cleaned_data["expected_version"],
            )
        except EditConflict as conflict:
            # The message names both statuses, so the user's choice is not lost.
            messages.error(request, " ".join(conflict.messages))
        else:
            messages.success(request, _("De status van het besluit is gewijzigd."))
    else:
        messages.error(request, _("Kies een geldige status."))
    return _back_to(decision.meeting, f"#besluit-{decision.pk}")


@require_POST
def action_done(request, pk: int):
    action = selectors.action_for_user(request.user, pk)
    if not selectors.may_manage(request.user, action.meeting.safety_region):
        raise PermissionDenied
    services.action_complete(actor=request.user, action=action)
    messages.success(request, _("De actie is afgerond."))
    return _back_to(action.meeting, f"#actie-{action.pk}")


# --- proposals --------------------------------------------------------------------------------


@require_GET
def proposal_list(request):
    user = request.user
    states = selectors.proposal_states(user)
    return render(request, "meetings/proposal_list.html", {
        "states": states,
        "overdue": [s for s in states if s.overdue],
        "can_manage": bool(selectors.managed_regions(user)),
    })


def _name_of(user) -> str:
    return user.get_full_name() or user.username


@require_http_methods(["GET", "POST"])
def proposal_create(request):
    regions = _managed_regions_or_403(request.user)
    form = forms.ProposalForm(request.POST or None, regions=regions,
                              initial={"submitted_at": working_moment(request),
                                       # Usually the user records their own proposal.
                                       "submitted_by": _name_of(request.user)},
                              ).guard_text(REGION_READERS)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            proposal = services.proposal_submit(
                actor=request.user, safety_region=form.region(), title=data["title"],
                content=data["content"], submitted_at=data["submitted_at"],
                submitted_by=data["submitted_by"],
            )
        except ValidationError as error:
            _errors_to_form(form, error)
        else:
            messages.success(request, _("Het voorstel is vastgelegd."))
            return redirect("meetings:proposal_detail", pk=proposal.pk)
    return render(request, "meetings/proposal_form.html", {"form": form})


def _proposal_context(request, proposal, answer_form=None):
    can_manage = selectors.may_manage(request.user, proposal.safety_region)
    return {
        "state": selectors.ProposalState(proposal, timezone.now()),
        "proposal": proposal,
        # A refused answer is shown again with the user's input, even when answered meanwhile.
        "can_answer": can_manage and (not proposal.answer or answer_form is not None),
        "form": answer_form or (forms.ProposalAnswerForm(
            initial={"answered_at": working_moment(request),
                     "version": proposal.version})
            if can_manage and not proposal.answer else None),
    }


@require_GET
def proposal_detail(request, pk: int):
    proposal = selectors.proposal_for_user(request.user, pk)
    return render(request, "meetings/proposal_detail.html", _proposal_context(request, proposal))


@post_only("meetings:proposal_detail")
def proposal_answer(request, pk: int):
    proposal = selectors.proposal_for_user(request.user, pk)
    if not selectors.may_manage(request.user, proposal.safety_region):
        raise PermissionDenied
    form = forms.ProposalAnswerForm(request.POST).guard_text(REGION_READERS)
    if form.is_valid():
        try:
            services.proposal_answer(actor=request.user, proposal=proposal,
                                     answer=form.cleaned_data["answer"],
                                     answered_at=form.cleaned_data["answered_at"],
                                     note=form.cleaned_data["note"],
                                     expected_version=form.cleaned_data["version"])
        except EditConflict as conflict:
            form_after_conflict(form, conflict)
        except ValidationError as error:
            _errors_to_form(form, error)
        else:
            messages.success(request, _("Het antwoord van het loket is vastgelegd."))
            return redirect("meetings:proposal_detail", pk=proposal.pk)
    return render(request, "meetings/proposal_detail.html",
                  _proposal_context(request, proposal, form), status=400)


# --- location reports -------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def location_report_create(request, pk: int):
    location = selectors.reportable_location_for_user(request.user, pk)
    if not selectors.may_report(request.user, location):
        raise PermissionDenied
    form = forms.LocationReportForm(request.POST or None,
                                    initial={"reported_on": working_date(request)})
    # A report's text is shown to whoever may see the location's name (`show_text`).
    form.guard_text(Reader.of_municipality(location.municipality_id)
                    if location.is_confidential else REGION_READERS)
    if request.method == "POST" and form.is_valid():
        services.location_report_create(actor=request.user, location=location,
                                        **form.cleaned_data)
        messages.success(request, _("De rapportage is vastgelegd."))
        return redirect(reverse("capacity:location_detail", kwargs={"pk": location.pk})
                        + "#rapportages")
    view = location_view_for_user(request.user, location)
    events.confidential_location_viewed(request.user, view, "rapportage locatie")
    return render(request, "meetings/location_report_form.html", {
        "form": form, "location": location, "label": view.label,
    })


# --- the status report ("tussenstand") --------------------------------------------------------


def _default_region(user, regions: list):
    """`default_region_for_user(user)`, found among the user's regions read already (in code
    order) instead of read again."""
    if user.safety_region_id is None:
        return regions[0]
    return (next((r for r in regions if r.pk == user.safety_region_id), None)
            or default_region_for_user(user))


def _status_report(request):
    regions = list(safety_regions_for_user(request.user).order_by("code"))
    if not regions:
        raise Http404
    submitted = {k: v for k, v in request.GET.items() if k in ("regio", "peildatum") and v}
    form = forms.StatusReportForm(submitted or None, regions=regions)
    chosen = {}
    if form.is_bound:
        form.is_valid()
        chosen = form.cleaned_data
    region = (next((r for r in regions if r.code == chosen.get("regio")), None)
              or _default_region(request.user, regions))
    as_of = chosen.get("peildatum") or working_date(request)
    if not form.errors:
        form = forms.StatusReportForm(initial={"regio": region.code, "peildatum": as_of},
                                      regions=regions)
    report = status_report_for_user(request.user, region=region, as_of=as_of)
    return report, form, len(regions) > 1


def _row_cells(texts: list[str], numeric: tuple[bool, ...], *, total: bool) -> SafeString:
    """The cells of one table row: a row header, then data cells (numbers right-aligned), the
    total row in bold. Written here rather than in the template: a report has hundreds of
    cells, and the template engine took about 30 µs a cell."""
    cells = []
    for index, (value, is_number) in enumerate(zip(texts, numeric, strict=True)):
        content = text(value)
        if total:
            content = f"<strong>{content}</strong>"
        if index == 0:
            cells.append(f'<th scope="row">{content}</th>')
        else:
            cells.append(f'<td class="or-number">{content}</td>' if is_number
                         else f"<td>{content}</td>")
    return mark_safe("".join(cells))  # noqa: S308 - every text is escaped above


def _page_sections(report) -> SafeString:
    """The report's sections as the page shows them, every cell formatted as the deck formats
    it. Written here rather than in the template (a loop per section, line, header and chart
    include): the printable page spent half its time there. Escaped as `{{ value }}` is
    (`core.html.text`); a test compares it with the template it replaced."""
    fmt = NumberFormatter()
    bron = _("Bron: %(source)s")
    parts = []
    for section in report.sections:
        key = text(section.key)
        parts.append(f'\n<section aria-labelledby="deel-{key}">\n'
                     f'  <h2 id="deel-{key}">{text(section.title)}</h2>\n  ')
        if section.numbered_items:
            parts.append("<ol>" + "".join(f'<li value="{text(number)}">{text(title)}</li>'
                                          for number, title in section.numbered_items)
                         + "</ol>\n  ")
        elif section.lines:
            parts.append("<ul>" + "".join(f"<li>{text(line)}</li>" for line in section.lines)
                         + "</ul>")
        parts.append("\n  ")
        if section.chart:
            parts.append(web_charts.figure_html(
                web_charts.from_deck_chart(section.chart, ident=f"grafiek-{section.key}")))
        parts.append("\n  ")
        for table in section.tables:
            caption = text(table.caption)
            headers = "".join(
                ('<th scope="col" class="or-number">' if numeric else '<th scope="col">')
                + f"{text(header)}</th>"
                for header, numeric in zip(table.headers, table.numeric, strict=True))
            last = len(table.rows) - 1
            rows = "".join(
                "\n    <tr>"
                + _row_cells([deck.cell_text(value, fmt) for value in row], table.numeric,
                             total=table.has_total_row and index == last)
                + "</tr>\n    "
                for index, row in enumerate(table.rows))
            parts.append(
                f'\n  <div class="or-table-wrapper" role="region" tabindex="0" '
                f'aria-label="{caption}">\n<table class="or-table">\n'
                f"    <caption>{caption}</caption>\n"
                f"    <thead><tr>{headers}</tr></thead>\n"
                f"    <tbody>\n    {rows}\n    </tbody>\n  </table>\n  </div>\n  ")
        parts.append(f'\n  <p class="or-source">{bron % {"source": text(section.source)}}'
                     "</p>\n</section>\n")
    return mark_safe("".join(parts))  # noqa: S308 - every value is escaped by `text`


@require_GET
@one_revision
def status_report(request):
    report, form, show_region_choice = _status_report(request)
    return render(request, "reports/status_report.html", {
        "report": report, "sections": _page_sections(report), "form": form,
        "show_region_choice": show_region_choice,
        "query": f"regio={report.region.code}&peildatum={report.as_of.isoformat()}",
    })


@require_GET
def status_report_pptx(request):
    report, _form, _choice = _status_report(request)
    response = HttpResponse(deck.deck_bytes(report), content_type=deck.CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{deck.file_name(report)}"'
    return response


@require_GET
def status_report_xlsx(request):
    report, _form, _choice = _status_report(request)
    response = HttpResponse(deck_workbook.workbook_bytes(report),
                            content_type=deck_workbook.CONTENT_TYPE)
    response["Content-Disposition"] = (
        f'attachment; filename="{deck_workbook.file_name(report)}"'
    )
    return response
