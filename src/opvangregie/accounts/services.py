from django.db import transaction

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
