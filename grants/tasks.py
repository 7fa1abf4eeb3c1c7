import datetime

from django.utils import timezone, translation
from django_tasks import task

from .services import attachments_delete_abandoned

# Uploads that never joined an application are kept this long (an applicant may come back).
ABANDONED_AFTER = datetime.timedelta(days=2)


@task()
def delete_abandoned_uploads() -> int:
    return attachments_delete_abandoned(older_than=timezone.now() - ABANDONED_AFTER)


@task()
def export_ranking(job_id: int) -> None:
    from .exports import export_build
    from .models import ExportJob

    job = ExportJob.objects.select_related("call").get(pk=job_id)
    with translation.override(job.requested_by.preferred_language or "en"):
        try:
            export_build(job)
        except Exception:
            ExportJob.objects.filter(pk=job_id).update(status=ExportJob.Status.FAILED)
            raise


@task()
def apply_stripe_event(event_pk: int) -> str:
    from .award_services import stripe_event_apply

    return stripe_event_apply(event_pk=event_pk)


@task()
def send_tranche_transfer(tranche_id: int) -> str:
    """The Stripe transfer of a tranche a finance officer clicked Pay for. The outcome is kept
    on the tranche (paid, failed, or still "being paid" for the catch-up to settle)."""
    from .award_models import Tranche
    from .award_services import tranche_send
    from .errors import GrantError

    try:
        return tranche_send(tranche=Tranche(pk=tranche_id)).state
    except GrantError as error:
        return type(error).__name__


@task()
def stripe_catch_up() -> int:
    """Run every few minutes: events missed while the webhook was down, and tranches a Stripe
    timeout left "being paid"."""
    from .award_services import processing_tranches_settle, stripe_events_catch_up

    new = stripe_events_catch_up()
    processing_tranches_settle()
    return new


@task()
def reconcile_stripe() -> int:
    from .award_services import reconciliation_run

    return reconciliation_run().pk
