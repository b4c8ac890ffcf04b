"""Writes to flex-home projects: validated, audited, one transaction each, version-checked.

Views decide whether the user may write (`opvangregie.access.flex_project_editable`); the
audit never holds a project's name (the log is read by more people than the project).
"""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from opvangregie.audit.services import acting_user, audit_record
from opvangregie.core.versioning import locked, version_check
from opvangregie.housing.models import FlexProject

FLEX_PROJECT_FIELDS = ("municipality", "name", "contact", "stage", "homes",
                       "expected_delivery")


def _snapshot(project: FlexProject) -> dict:
    return {
        "municipality": project.municipality_id,
        "stage": project.stage,
        "homes": project.homes,
        "expected_delivery": (project.expected_delivery.isoformat()
                              if project.expected_delivery else None),
        "name_released_from": (project.name_released_from.isoformat()
                               if project.name_released_from else None),
    }


def _check(fields: dict) -> None:
    for name in fields:
        if name not in FLEX_PROJECT_FIELDS:
            raise ValueError(f"unknown flex project field {name}")


@transaction.atomic
def flex_project_create(*, actor, **fields) -> FlexProject:
    _check(fields)
    project = FlexProject(created_by=acting_user(actor), **fields)
    project.full_clean()
    project.save()
    audit_record(actor=actor, action="create", instance=project, after=_snapshot(project))
    return project


@transaction.atomic
def flex_project_update(*, project: FlexProject, actor, expected_version: int | None = None,
                        **fields) -> FlexProject:
    """Change a project; refused (EditConflict) when the form's version is stale."""
    _check(fields)
    project = locked(project)
    version_check(current=project, expected_version=expected_version, submitted=fields)
    before = _snapshot(project)
    for name, value in fields.items():
        setattr(project, name, value)
    project.version += 1
    project.full_clean()
    project.save()
    audit_record(actor=actor, action="update", instance=project, before=before,
                 after=_snapshot(project))
    return project


@transaction.atomic
def flex_project_release(*, actor, project: FlexProject, released_from: datetime,
                         reason: str) -> bool:
    """Make the name public from `released_from` on. Only ever widens (an earlier moment
    wins, nothing is taken back); returns whether anything changed."""
    if not reason.strip():
        raise ValidationError({"reason": _("Noem het besluit waarop de vrijgave berust.")})
    project = locked(project)
    current = project.name_released_from
    if current is not None and current <= released_from:
        return False
    before = _snapshot(project)
    project.name_released_from = released_from
    project.version += 1
    project.save(update_fields=["name_released_from", "version"])
    audit_record(actor=actor, action="update", instance=project,
                 summary=_("Naam flexwoningproject vrijgegeven"),
                 before=before, after={**_snapshot(project), "reason": reason.strip()})
    return True
