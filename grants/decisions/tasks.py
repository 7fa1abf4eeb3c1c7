"""Decisions' background work: a batch decision, applied away from the web request."""

from django.utils import translation
from django_tasks import task

from grants.decisions.batch import batch_decision_run
from grants.decisions.models import BatchDecision


@task()
def run_batch_decision(batch_id: int) -> None:
    batch = BatchDecision.objects.select_related("requested_by").get(pk=batch_id)
    with translation.override(batch.requested_by.preferred_language or "en"):
        try:
            batch_decision_run(batch)
        except Exception:
            BatchDecision.objects.filter(pk=batch_id).update(status=BatchDecision.Status.FAILED)
            raise
