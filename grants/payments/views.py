"""Stripe's webhook: the portal's only CSRF-exempt URL. The signature is checked on the raw
body; a verified event is stored by its id (once) and applied by a background task. Nothing
from an unverified request is stored."""

import logging

import stripe
from django.conf import settings
from django.http import HttpResponse, HttpResponseBadRequest
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from grants.payments import gateway
from grants.payments.stripe_events import stripe_event_row
from grants.payments.tasks import apply_stripe_event
from youthcities.queue import insert_once_and_enqueue

log = logging.getLogger(__name__)


@csrf_exempt  # Stripe cannot send a CSRF token; the signature is the proof of origin.
@require_POST
def stripe_webhook(request):
    signature = request.headers.get("Stripe-Signature", "")
    if not settings.STRIPE_WEBHOOK_SECRET or not signature:
        return HttpResponseBadRequest("missing signature")
    try:
        event = gateway.webhook_event(request.body, signature)
    except (ValueError, stripe.SignatureVerificationError):
        log.warning("Stripe webhook with a bad signature or body refused")
        return HttpResponseBadRequest("bad signature")
    if not isinstance(event, dict) or not event.get("id"):
        return HttpResponseBadRequest("not an event")
    # Applied by a task: Stripe gets its answer at once, and a retry or the catch-up finds the
    # event kept even if the worker is down. Stored and queued together, or neither.
    stored = insert_once_and_enqueue(
        stripe_event_row(event), unique="event_id", task=apply_stripe_event, pk_argument="event_pk"
    )
    return HttpResponse("stored" if stored else "duplicate", content_type="text/plain")
