"""The one place that talks to Stripe, through the official library. Amounts cross this line in
minor units (Babel's precision for the currency); everything else in the portal uses Decimal.

A network failure, a timeout or a 5xx on a POST is retried here with the *same* idempotency key:
if Stripe did the work before the connection broke, the retry returns that result and nothing is
done twice. Such a failure never means "refused": the outcome is unknown, and the caller keeps
the tranche "being paid" under its key. Only a 4xx answer is a refusal.

The calls run in background tasks (never in a web request), each waiting at most
`TIMEOUT_SECONDS` for Stripe."""

import functools
import json
import logging
from decimal import Decimal

import stripe
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from grants.errors import GrantError
from youthcities.money import minor_units

log = logging.getLogger(__name__)

# Attempts of one call when the network fails (the first one included). No pause between them:
# the idempotency key, not timing, makes a retry safe.
ATTEMPTS = 3
# How long one attempt waits for Stripe (connecting and reading). `STRIPE_TIMEOUT_SECONDS` in the
# settings overrides it (the tests make it short).
TIMEOUT_SECONDS = 15
# Answers that say nothing about whether Stripe acted: its server failed (5xx), another request
# with the same key is still running (409), or too many requests (429).
UNCERTAIN_STATUSES = {409, 429}


class PaymentError(GrantError):
    message = _("The payment could not be made.")


class GatewayError(PaymentError):
    """Stripe refused the request, or could not be reached."""

    message = _("Stripe could not be reached. Nothing was paid twice; try again later.")


class OutcomeUnknown(GatewayError):
    """Stripe did not answer after every retry: the transfer may or may not exist. The tranche
    stays "being paid" until Stripe's event, the catch-up task or a retry settles it."""

    message = _(
        "Stripe did not answer. The tranche stays “being paid” until Stripe confirms the "
        "outcome; do not pay it another way."
    )


class PayoutNotAllowed(PaymentError):
    message = _("This payee cannot receive payouts through Stripe yet.")


class NotPayable(PaymentError):
    message = _("This tranche is not ready to pay.")


class TransferMismatch(OutcomeUnknown):
    """Stripe holds a transfer for this tranche that is not the one we asked for."""

    message = _(
        "Stripe holds a transfer for this tranche that does not match it. The tranche stays "
        "“being paid”: check it in Stripe and in the reconciliation; do not pay it another way."
    )


@functools.lru_cache(maxsize=4)
def _client(api_key: str, base: str, timeout: float) -> stripe.StripeClient:
    addresses = {"api": base, "connect": base} if base else None
    return stripe.StripeClient(
        api_key,
        base_addresses=addresses,
        max_network_retries=0,  # retried below, with the same key, where it is safe
        http_client=stripe.RequestsClient(timeout=timeout),
    )


def client() -> stripe.StripeClient:
    return _client(
        settings.STRIPE_SECRET_KEY or "sk_test_not_configured",
        settings.STRIPE_API_BASE,
        float(getattr(settings, "STRIPE_TIMEOUT_SECONDS", TIMEOUT_SECONDS)),
    )


def uncertain(error: stripe.StripeError) -> bool:
    """Whether a failed call may still have been carried out by Stripe."""
    if isinstance(error, stripe.APIConnectionError):
        return True
    status = error.http_status
    return status is None or status >= 500 or status in UNCERTAIN_STATUSES


def to_minor(amount: Decimal, currency: str) -> int:
    scaled = Decimal(amount).scaleb(minor_units(currency))
    if scaled != scaled.to_integral_value():
        raise ValueError(f"{amount} has more decimals than {currency} allows")
    return int(scaled)


def from_minor(value: int, currency: str) -> Decimal:
    return (
        Decimal(int(value))
        .scaleb(-minor_units(currency))
        .quantize(Decimal(1).scaleb(-minor_units(currency)))
    )


def _plain(obj):
    """Stripe's objects as plain dicts: the rest of the portal never sees library types."""
    return obj.to_dict() if isinstance(obj, stripe.StripeObject) else obj


def _retrying(call, *args, **kwargs):
    for attempt in range(1, ATTEMPTS + 1):
        try:
            return _plain(call(*args, **kwargs))
        except stripe.StripeError as error:
            if not uncertain(error):
                raise
            log.warning(
                "Stripe did not answer clearly (attempt %d of %d): %s",
                attempt,
                ATTEMPTS,
                error.http_status or type(error).__name__,
            )
            if attempt == ATTEMPTS:
                raise


def account_create(*, country: str, email: str, user_id: int) -> dict:
    return _retrying(
        client().v1.accounts.create,
        params={
            "type": "express",
            "country": country,
            "email": email,
            "capabilities": {"transfers": {"requested": True}},
            "metadata": {"user": str(user_id)},
        },
        options={"idempotency_key": f"yc-account-{user_id}-{country}"},
    )


def account_link(*, account_id: str, refresh_url: str, return_url: str) -> str:
    link = _retrying(
        client().v1.account_links.create,
        params={
            "account": account_id,
            "refresh_url": refresh_url,
            "return_url": return_url,
            "type": "account_onboarding",
        },
    )
    return link["url"]


def account_retrieve(account_id: str) -> dict:
    return _retrying(client().v1.accounts.retrieve, account_id)


def transfer_create(
    *,
    amount: Decimal,
    currency: str,
    destination: str,
    transfer_group: str,
    idempotency_key: str,
    metadata: dict,
) -> dict:
    """One transfer. Raises `OutcomeUnknown` if Stripe never answered clearly (no answer, a
    timeout, a 5xx), `GatewayError` if it refused."""
    try:
        return _retrying(
            client().v1.transfers.create,
            params={
                "amount": to_minor(amount, currency),
                "currency": currency.lower(),
                "destination": destination,
                "transfer_group": transfer_group,
                "metadata": metadata,
            },
            options={"idempotency_key": idempotency_key},
        )
    except stripe.StripeError as error:
        if uncertain(error):
            raise OutcomeUnknown() from error
        raise GatewayError(error.user_message or str(error)) from error


def transfer_of_tranche(*, transfer_group: str, tranche_id: int) -> dict | None:
    """The transfer Stripe made for a tranche, found by the award's transfer group and the
    tranche named in its metadata; None if there is none. Asked before every transfer is sent,
    so a retry after Stripe forgot the idempotency key (24 hours) never pays twice. Raises
    `OutcomeUnknown` if Stripe cannot be asked."""
    try:
        for transfer in _all(client().v1.transfers, {"transfer_group": transfer_group}):
            if (transfer.get("metadata") or {}).get("tranche") == str(tranche_id):
                return transfer
    except stripe.StripeError as error:
        raise OutcomeUnknown() from error
    return None


def transfer_retrieve(transfer_id: str) -> dict:
    return _retrying(client().v1.transfers.retrieve, transfer_id)


def _all(service, params: dict):
    """Every item of a Stripe list, page after page, as dicts."""
    params = {"limit": 100, **params}
    while True:
        page = _retrying(service.list, params=params)
        yield from page["data"]
        if not page.get("has_more") or not page["data"]:
            return
        params = {**params, "starting_after": page["data"][-1]["id"]}


def transfers_all(*, created_gte: int | None = None):
    params = {} if created_gte is None else {"created": {"gte": created_gte}}
    return _all(client().v1.transfers, params)


def events_since(created_gte: int):
    return _all(client().v1.events, {"created": {"gte": created_gte}})


def webhook_event(payload: bytes, signature: str) -> dict:
    """The verified event, or `stripe.SignatureVerificationError` / `ValueError`. The library
    checks the signature (as its `construct_event` does); the body is then read as plain JSON,
    without building the library's objects: the webhook is the portal's busiest Stripe path and
    the rest of the portal wants plain dicts anyway."""
    stripe.WebhookSignature.verify_header(
        payload, signature, settings.STRIPE_WEBHOOK_SECRET, stripe.Webhook.DEFAULT_TOLERANCE
    )
    return json.loads(payload)  # a body that is not JSON or not UTF-8: a ValueError
