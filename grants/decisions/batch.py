"""Batch decisions from the ranking: one decision for many applications, each still decided by
`application_decide` (one service call, one audit entry, one email each). An application whose
status moved since staff selected it (someone decided it meanwhile, the applicant withdrew) is
skipped and listed, never decided on a stale view."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from grants.applications.models import Application
from grants.decisions.models import BatchDecision
from grants.decisions.services import application_decide
from grants.errors import GrantError, NotAllowed
from grants.permissions import require_role
from youthcities.accounts.roles import PROGRAMME_STAFF
from youthcities.audit.services import audit_record


def batch_decision_start(*, call, actor, outcome: str, message: str, selected) -> BatchDecision:
    """Record what staff confirmed: the decision and each application with the status they saw
    (`selected`: (application id, status) pairs of this call)."""
    require_role(actor, PROGRAMME_STAFF)
    if outcome not in dict(BatchDecision.BATCH_OUTCOMES):
        raise NotAllowed()
    if outcome == "more_info" and not message.strip():
        raise NotAllowed(_("Say what information you need."))
    pairs = list(dict(selected).items())
    known = set(
        Application.objects.filter(call=call, pk__in=[pk for pk, _status in pairs]).values_list(
            "pk", flat=True
        )
    )
    rows = [{"id": pk, "status": status} for pk, status in pairs if pk in known]
    if not rows:
        raise NotAllowed(_("Select at least one application."))
    with transaction.atomic():
        batch = BatchDecision.objects.create(
            call=call, outcome=outcome, message=message.strip(), selected=rows, requested_by=actor
        )
        audit_record(
            actor=actor,
            action="decisions.batch_started",
            target=call,
            data={"batch": batch.pk, "outcome": outcome, "count": len(rows)},
        )
    return batch


def batch_decision_run(batch: BatchDecision) -> BatchDecision:
    """Decide each selected application in turn, saving the progress after each."""
    batch.status = BatchDecision.Status.RUNNING
    batch.save(update_fields=["status"])
    actor = batch.requested_by
    for row in batch.selected[batch.rows_done :]:
        application = Application.objects.filter(pk=row["id"]).first()
        reason = _batch_one(batch, application, row["status"], actor)
        reference = application.reference if application else str(row["id"])
        if reason is None:
            batch.decided = [*batch.decided, reference]
        else:
            batch.skipped = [*batch.skipped, {"reference": reference, "reason": reason}]
        batch.rows_done += 1
        batch.save(update_fields=["decided", "skipped", "rows_done"])
    batch.status = BatchDecision.Status.DONE
    batch.finished_at = timezone.now()
    batch.save(update_fields=["status", "finished_at"])
    return batch


def _batch_one(batch, application, seen_status, actor) -> str | None:
    """Decide one application; the reason it was skipped, or None."""
    if application is None:
        return _("It no longer exists.")
    try:
        with transaction.atomic():
            current = Application.objects.select_for_update().get(pk=application.pk)
            if current.status != seen_status:
                return _("Its status changed since you selected it: it is now “%(status)s”.") % {
                    "status": current.get_status_display()
                }
            application_decide(
                application=current, actor=actor, outcome=batch.outcome, message=batch.message
            )
    except GrantError as error:
        return str(error.message)
    return None
