"""Named audit events for views and exports of confidential fields: one function per kind.

Every kind of "who looked at what" is listed here, so it can be searched and reviewed in one
place (as Open Forms' `logging/logevent.py`). Writes keep using `audit_record` in the services.

A page about one record records an event on that record (`object_id` is its pk), so the
record's access log finds it. A list or export records ONE event for everything it showed:
`object_id` stays empty and `after["ids"]` names the records; the summary names them by
number, never by name. Only views that carried a confidential, not yet public field count
(`shows_confidential_details`); when none did, nothing is recorded.
"""

from collections.abc import Iterable

from django.db import connection
from django.utils.translation import gettext as _

from opvangregie.audit.models import AuditEvent
from opvangregie.audit.services import audit_record

CANDIDATE = "pipeline.candidatelocation"
LOCATION = "capacity.location"
FLEX_PROJECT = "housing.flexproject"
SUMMARY_LIMIT = 300


def _shown(views) -> list:
    return [view for view in views if view.shows_confidential_details]


def _numbers(labels: list[str], prefix: str) -> str:
    text = prefix + ", ".join(labels)
    if len(text) <= SUMMARY_LIMIT:
        return text
    return prefix + _("%(n)s records (zie de ids)") % {"n": len(labels)}


def _one_or_list(*, user, action: str, object_type: str, views, context: str,
                 label) -> AuditEvent | None:
    single = not isinstance(views, list | tuple)
    shown = _shown([views] if single else views)
    if not shown:
        return None
    fields = sorted({name for view in shown for name in _fields_of(view)})
    labels = [label(view) for view in shown]
    return audit_record(
        actor=user, action=action, object_type=object_type,
        object_id=str(shown[0].pk) if single else "",
        summary=_numbers(labels, f"{context}: "),
        after={"context": context, "ids": [view.pk for view in shown], "fields": fields},
    )


def _fields_of(view) -> Iterable[str]:
    return getattr(view, "confidential_shown", None) or (
        name for name in ("name", "address", "owner", "notes") if getattr(view, name, None)
    )


def _candidate_label(view) -> str:
    return f"Locatie {view.number}"


def _location_label(view) -> str:
    return f"#{view.pk}"


def confidential_candidate_viewed(user, candidates, context: str) -> AuditEvent | None:
    """A page showed identifying fields of not-yet-released candidates (`CandidateView`s):
    one view for a page about one candidate, a list for a list page."""
    return _one_or_list(user=user, action=AuditEvent.Action.VIEW, object_type=CANDIDATE,
                        views=candidates, context=context, label=_candidate_label)


def confidential_candidates_exported(user, candidates, context: str) -> AuditEvent | None:
    """A download (xlsx, csv) contained identifying fields of not-yet-released candidates."""
    return _one_or_list(user=user, action=AuditEvent.Action.EXPORT, object_type=CANDIDATE,
                        views=list(candidates), context=context, label=_candidate_label)


def candidate_document_downloaded(user, candidate, document_pk: int) -> AuditEvent:
    """A candidate's document was downloaded (documents are never public)."""
    return audit_record(actor=user, action=AuditEvent.Action.EXPORT, instance=candidate,
                        summary=f"{candidate}: document {document_pk}",
                        after={"context": "document", "ids": [candidate.pk],
                               "document": document_pk})


def confidential_location_viewed(user, locations, context: str) -> AuditEvent | None:
    """A page showed confidential fields of locations (`LocationView`s) that are not public:
    one view for a page about one location, a list for a list page."""
    return _one_or_list(user=user, action=AuditEvent.Action.VIEW, object_type=LOCATION,
                        views=locations, context=context, label=_location_label)


def confidential_locations_exported(user, locations, context: str) -> AuditEvent | None:
    """A download contained confidential fields of locations that are not public."""
    return _one_or_list(user=user, action=AuditEvent.Action.EXPORT, object_type=LOCATION,
                        views=list(locations), context=context, label=_location_label)


def events_about(object_type: str, pk: int):
    """Every view or change of one record: its own events and the list events naming it."""
    own = list(AuditEvent.objects.filter(object_type=object_type, object_id=str(pk))
               .select_related("actor"))
    lists = AuditEvent.objects.filter(object_type=object_type, object_id="").select_related(
        "actor")
    if connection.features.supports_json_field_contains:
        named = list(lists.filter(after__ids__contains=[pk]))
    else:
        named = [event for event in lists
                 if isinstance(event.after, dict) and pk in event.after.get("ids", ())]
    return sorted(own + named, key=lambda event: (event.at, event.pk), reverse=True)


def _flex_label(view) -> str:
    return f"Flexproject #{view.pk}"


def confidential_flex_project_viewed(user, projects, context: str) -> AuditEvent | None:
    """A page showed the name of flex-home projects (`FlexProjectView`s) not yet released:
    one view for a page about one project, a list for a list page."""
    return _one_or_list(user=user, action=AuditEvent.Action.VIEW, object_type=FLEX_PROJECT,
                        views=projects, context=context, label=_flex_label)
