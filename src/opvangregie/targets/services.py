from django.db import transaction

from opvangregie.audit.services import audit_record
from opvangregie.targets.models import Target


@transaction.atomic
def target_create(*, actor=None, **fields) -> Target:
    target = Target(**fields)
    target.full_clean()
    target.save()
    audit_record(
        actor=actor,
        action="create",
        instance=target,
        summary=target.name,
        after={"amount": target.amount, "kind": target.kind},
    )
    return target
