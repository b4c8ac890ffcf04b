"""No lost update: a save from a form loaded before someone else's save is refused (ADR 7).

Every editable record has an integer `version`, raised by its service on each save. The edit
form carries the version it was loaded with; the service locks the row inside its transaction
(`select_for_update`; on SQLite the IMMEDIATE transaction holds the write lock already) and
compares. A stale save whose values differ from what is stored raises `EditConflict`, a
`ValidationError`, so every form shows it like any other error and nothing is written.
"""

from dataclasses import dataclass
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import formats, timezone
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class Difference:
    label: str
    theirs: str
    yours: str


def _shown(field: models.Field | None, value) -> str:
    if value is None or value == "":
        return _("(leeg)")
    if field is not None and field.flatchoices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return _("ja") if value else _("nee")
    if isinstance(value, datetime):
        return formats.date_format(timezone.localtime(value), "SHORT_DATETIME_FORMAT")
    if isinstance(value, date):
        return formats.date_format(value, "SHORT_DATE_FORMAT")
    return formats.localize(value) if isinstance(value, int | float) else str(value)


def _label(field: models.Field | None, name: str) -> str:
    text = str(field.verbose_name) if field is not None else name
    return text[:1].upper() + text[1:]


class EditConflict(ValidationError):
    """Someone else saved first; says what they stored against what this user entered."""

    def __init__(self, *, differences: list[Difference], changed_by: str = "",
                 changed_at: datetime | None = None, current_version: int | None = None):
        self.differences = differences
        self.changed_by = changed_by
        self.changed_at = changed_at
        self.current_version = current_version
        super().__init__(self._text(), code="edit_conflict")

    def _text(self) -> str:
        if self.changed_by and self.changed_at:
            who = _("%(who)s op %(when)s") % {"who": self.changed_by,
                                             "when": _shown(None, self.changed_at)}
        elif self.changed_by or self.changed_at:
            who = self.changed_by or _shown(None, self.changed_at)
        else:
            who = _("iemand anders")
        lines = "; ".join(
            _("%(label)s: %(theirs)s (opgeslagen) tegenover %(yours)s (uw invoer)")
            % {"label": d.label, "theirs": d.theirs, "yours": d.yours}
            for d in self.differences
        )
        return _(
            "Dit is intussen gewijzigd door %(who)s, nadat u het formulier opende. Er is niets "
            "overschreven. %(lines)s. Uw invoer staat nog in het formulier: controleer het en "
            "sla opnieuw op als uw waarden moeten gelden."
        ) % {"who": who, "lines": lines}


def user_label(user) -> str:
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


def differences(current: models.Model, submitted: dict) -> list[Difference]:
    """The submitted values that differ from the stored ones, labelled for the user."""
    found = []
    for name, yours in submitted.items():
        field = current._meta.get_field(name)
        theirs = getattr(current, name)
        if isinstance(field, models.ManyToManyField):
            theirs = set(theirs.all())
            yours = set(yours or ())
            if theirs != yours:
                found.append(Difference(_label(field, name),
                                        ", ".join(sorted(map(str, theirs))) or _("(leeg)"),
                                        ", ".join(sorted(map(str, yours))) or _("(leeg)")))
            continue
        if theirs != yours:
            found.append(Difference(_label(field, name), _shown(field, theirs),
                                    _shown(field, yours)))
    return found


def last_change(instance: models.Model) -> tuple[str, datetime | None]:
    """Who last changed the record and when, from the audit log (empty when unknown)."""
    from opvangregie.audit.models import AuditEvent

    event = (
        AuditEvent.objects.filter(object_type=instance._meta.label_lower,
                                  object_id=str(instance.pk),
                                  action__in=["create", "update", "import"])
        .select_related("actor")
        .order_by("-at", "-id")
        .first()
    )
    if event is None:
        return "", None
    return user_label(event.actor), event.at


def locked(instance: models.Model) -> models.Model:
    """The instance, read again from its row, which stays locked until the transaction ends.

    Refreshed in place, so a caller holding the instance sees what was saved.
    """
    instance.refresh_from_db(
        from_queryset=type(instance)._default_manager.select_for_update()
    )
    return instance


def version_check(*, current: models.Model, expected_version: int | None,
                  submitted: dict) -> None:
    """Refuse a save from a stale form whose values differ from what is stored.

    `current` is the locked row; `expected_version` the version the form was loaded with
    (None: no form, e.g. the demo loader or a command, which always saves). A stale form whose
    values equal the stored ones loses nothing, so it is not refused.
    """
    if expected_version is None or current.version == expected_version:
        return
    found = differences(current, submitted)
    if found:
        who, when = last_change(current)
        raise EditConflict(differences=found, changed_by=who, changed_at=when,
                           current_version=current.version)


def form_after_conflict(form, conflict: EditConflict) -> None:
    """Show the conflict on the form, keep the user's input, and move it to the stored version.

    A second press of "Opslaan" after reading the message is a deliberate choice for the user's
    own values, so that save is no longer stale.
    """
    form.add_error(None, conflict)
    if conflict.current_version is not None and "version" in form.fields:
        form.data = form.data.copy()
        form.data[form.add_prefix("version")] = str(conflict.current_version)
