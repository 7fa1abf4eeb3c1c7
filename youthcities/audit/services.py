from django.db import models

from .models import AuditEntry


def audit_record(
    *, actor, action: str, target: models.Model, data: dict | None = None
) -> AuditEntry:
    """Write one audit entry. Call it inside the transaction of the change it records."""
    return AuditEntry.objects.create(
        actor=actor if actor is not None and actor.is_authenticated else None,
        action=action,
        target_type=target._meta.label_lower,
        target_id=str(target.pk),
        data=data or {},
    )
