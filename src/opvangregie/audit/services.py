from opvangregie.audit.models import AuditEvent


def acting_user(actor):
    """The user to record as actor, or None for the system (demo loads, commands)."""
    return actor if getattr(actor, "is_authenticated", False) else None


def audit_record(
    *, actor, action: str, instance=None, object_type: str = "", object_id: str = "",
    summary: str = "", before=None, after=None,
) -> AuditEvent:
    """Record one audited event; called inside the caller's transaction so both land or neither."""
    if instance is not None:
        object_type = object_type or instance._meta.label_lower
        object_id = object_id or str(instance.pk)
    return AuditEvent.objects.create(
        actor=acting_user(actor),
        action=action,
        object_type=object_type,
        object_id=object_id,
        summary=summary[:300],
        before=before,
        after=after,
    )
