from django.db import transaction
from django.utils.translation import gettext as _

from opvangregie.accounts.models import Role, User
from opvangregie.audit.services import audit_record


@transaction.atomic
def user_create(
    *,
    username: str,
    password: str,
    role: str,
    safety_region=None,
    municipalities=(),
    first_name: str = "",
    last_name: str = "",
    email: str = "",
    actor=None,
) -> User:
    user = User(
        username=username,
        email=email,
        role=role,
        safety_region=safety_region,
        first_name=first_name,
        last_name=last_name,
        # Only administrators reach the Django admin ("beheer").
        is_staff=role == Role.ADMINISTRATOR,
        is_superuser=role == Role.ADMINISTRATOR,
    )
    user.set_password(password)
    user.full_clean()
    user.save()
    user.municipalities.set(municipalities)
    audit_record(actor=actor, action="create", instance=user, after={"role": role})
    return user


@transaction.atomic
def user_set_password(*, user: User, password: str, actor=None) -> None:
    user.set_password(password)
    user.save(update_fields=["password"])
    audit_record(actor=actor, action="update", instance=user, after={"password": "gewijzigd"})


def _account_snapshot(instance) -> dict:
    """What the audit keeps of a user or group: roles and scope, never a password hash."""
    if isinstance(instance, User):
        return {
            "username": instance.username, "role": instance.role,
            "safety_region": instance.safety_region_id, "is_active": instance.is_active,
            "is_staff": instance.is_staff, "is_superuser": instance.is_superuser,
        }
    return {"name": str(instance)}


def _related_ids(values) -> list:
    return sorted(value.pk for value in values)


@transaction.atomic
def account_admin_save(*, actor, instance, created: bool, changed_fields=(),
                       related=None) -> None:
    """Save a user or group changed in the admin (`/beheer/`) and audit it.

    The admin's form has validated the fields already. `related` holds the many-to-many values
    the admin will set right after (municipalities, groups, permissions), by field name, so
    the audit names them too.
    """
    before = None
    if not created:
        stored = type(instance)._default_manager.get(pk=instance.pk)
        before = _account_snapshot(stored)
        for name in related or {}:
            before[name] = _related_ids(getattr(stored, name).all())
    instance.save()
    after = _account_snapshot(instance)
    for name, values in (related or {}).items():
        after[name] = _related_ids(values)
    if "password" in changed_fields or "password1" in changed_fields:
        after.update({"password": "gewijzigd"})
    audit_record(
        actor=actor, action="create" if created else "update", instance=instance,
        summary=_("Via beheer: %(fields)s") % {"fields": ", ".join(changed_fields) or "-"},
        before=before, after=after,
    )


@transaction.atomic
def account_admin_delete(*, actor, instance) -> None:
    """Delete a user or group in the admin, audited (the audit keeps the snapshot)."""
    before = _account_snapshot(instance)
    object_type, object_id = instance._meta.label_lower, str(instance.pk)
    instance.delete()
    audit_record(actor=actor, action="delete", object_type=object_type, object_id=object_id,
                 before=before)


def sign_in_record_delete(*, actor, instance) -> None:
    """Delete a second-factor device or a lockout in the admin, audited (no secrets logged)."""
    user_id = getattr(instance, "user_id", None)
    before = {"user": user_id, "username": getattr(instance, "username", None),
              "name": getattr(instance, "name", None)}
    object_type, object_id = instance._meta.label_lower, str(instance.pk)
    instance.delete()
    audit_record(actor=actor, action="delete", object_type=object_type, object_id=object_id,
                 summary=_("Verwijderd via beheer: %(kind)s") % {
                     "kind": instance._meta.verbose_name},
                 before={key: value for key, value in before.items() if value is not None})


def user_password_changed_in_admin(*, actor, user: User) -> None:
    """Record a password set on the admin's password page (the hash is never logged)."""
    audit_record(actor=actor, action="update", instance=user,
                 summary=_("Wachtwoord gewijzigd via beheer"), after={"password": "gewijzigd"})


@transaction.atomic
def working_date_set(*, user: User, working_date, actor=None) -> User:
    """Set (or clear, with None) the day the user's date-driven pages open on; audited."""
    before = user.working_date.isoformat() if user.working_date else None
    user.working_date = working_date
    # Only this field changed; the rest of the account is the admin's to validate.
    user.full_clean(exclude=[f.name for f in User._meta.fields if f.name != "working_date"],
                    validate_unique=False, validate_constraints=False)
    user.save(update_fields=["working_date"])
    audit_record(actor=actor, action="update", instance=user,
                 summary=_("Werkdatum gewijzigd"),
                 before={"working_date": before},
                 after={"working_date": working_date.isoformat() if working_date else None})
    return user
