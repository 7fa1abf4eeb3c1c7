"""Calls: the version their cached ranking is read at, and the one unlock of a scored rubric."""

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from grants.calls.models import GrantCall
from grants.errors import NotAllowed
from grants.permissions import require_role
from youthcities.accounts.roles import PROGRAMME_STAFF
from youthcities.audit.services import audit_record


def ranking_touch(call_id: int) -> None:
    """The ranking of a call is cached; every change it shows bumps the call's version, inside
    the transaction of the change, so that a cached ranking is never read after it."""
    GrantCall.objects.filter(pk=call_id).update(ranking_version=F("ranking_version") + 1)


def rubric_unlock(*, call: GrantCall, actor, reason: str) -> GrantCall:
    """Allow one change of a rubric that already has scores. Submitted reviews are re-scored
    with the new weights when the change is saved (`rubric_changed`)."""
    require_role(actor, PROGRAMME_STAFF)
    if not reason.strip():
        raise NotAllowed(_("Give a reason for unlocking the rubric."))
    with transaction.atomic():
        call = GrantCall.objects.select_for_update().get(pk=call.pk)
        call.rubric_unlocked_at = timezone.now()
        call.save(update_fields=["rubric_unlocked_at"])
        audit_record(actor=actor, action="rubric.unlocked", target=call, data={"reason": reason})
    return call
