"""Paying through Stripe Connect, against the Stripe stand-in (the real `stripe` library on
loopback): onboarding, transfers with idempotency keys, timeouts after Stripe did the work,
webhooks (signatures, duplicates, any order), the catch-up, reconciliation, 50 concurrent payers
and a property test of event order."""

import io
import json
import threading
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.test import override_settings
from django.urls import get_resolver
from django_tasks_db.models import DBTaskResult
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from grants.awards.models import Award
from grants.awards.services import stripe_onboarding_link
from grants.errors import NotAllowed
from grants.payments.countries import payout_countries_ensure
from grants.payments.gateway import GatewayError, NotPayable, OutcomeUnknown, PayoutNotAllowed
from grants.payments.models import LedgerEntry, StripeAccount, StripeEvent, Tranche
from grants.payments.services import tranche_pay, tranche_retry
from grants.payments.stripe_events import (
    processing_tranches_settle,
    reconciliation_run,
    stripe_event_apply,
    stripe_event_store,
)
from grants.payments.tasks import apply_stripe_event, stripe_catch_up
from tests.grants.award_helpers import connect_stripe, make_award, make_finance
from tests.grants.review_helpers import make_staff
from tests.grants.stripe_standin import sign
from tests.support.ci import need
from tests.support.concurrency import connect_for_race

pytestmark = pytest.mark.django_db
T = Tranche.State
WEBHOOK = "/stripe/webhook/"


def _stripe_award(standin, **kwargs):
    award = make_award(country="JO", accept=True, **kwargs)
    connect_stripe(award, standin)
    return award


def _post(client, event, *, secret=None, signature=None):
    payload = json.dumps(event).encode()
    header = (
        signature
        if signature is not None
        else sign(payload, **({"secret": secret} if secret else {}))
    )
    headers = {"HTTP_STRIPE_SIGNATURE": header} if header else {}
    return client.post(WEBHOOK, data=payload, content_type="application/json", **headers)


def _onboarded_account(standin) -> StripeAccount:
    """A grantee's award in a Stripe country, and the Connect account its onboarding made."""
    award = make_award(country="JO", accept=True)
    stripe_onboarding_link(award=award, actor=award.grantee, return_url="r", refresh_url="f")
    return StripeAccount.objects.get()


# --- Paying --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("currency", "amount", "minor"),
    [
        ("USD", Decimal("1000"), 50000),
        ("JOD", Decimal("1000.002"), 500001),
        ("XOF", 900001, 450000),
    ],
)
def test_paying_a_tranche_sends_one_transfer_in_minor_units_with_its_award_group(
    stripe_standin, currency, amount, minor
):
    award = _stripe_award(stripe_standin, amount=Decimal(amount), currency=currency)
    tranche = award.tranches.get(position=1)
    tranche = tranche_pay(tranche=tranche, actor=make_finance())
    assert tranche.state == T.PAID
    [transfer] = stripe_standin.transfers.values()
    assert transfer["amount"] == minor
    assert transfer["currency"] == currency.lower()
    assert transfer["transfer_group"] == f"award-{award.pk}"
    assert transfer["destination"] == award.stripe_account.account_id
    assert transfer["metadata"] == {"tranche": str(tranche.pk), "award": str(award.pk)}
    assert tranche.stripe_transfer_id == transfer["id"]
    [paid] = LedgerEntry.objects.filter(kind="tranche_paid")
    assert (paid.amount, paid.reference, paid.method) == (tranche.amount, transfer["id"], "stripe")


def test_the_idempotency_key_is_saved_before_stripe_is_called(stripe_standin):
    award = _stripe_award(stripe_standin)
    tranche = award.tranches.get(position=1)
    stripe_standin.drop_next_transfer_responses = 3  # Stripe acts but never answers
    with pytest.raises(OutcomeUnknown):
        tranche_pay(tranche=tranche, actor=make_finance())
    tranche.refresh_from_db()
    assert tranche.state == T.PROCESSING
    assert tranche.idempotency_key
    # Every attempt carried the saved key: Stripe made one transfer.
    assert [key for (_m, _p, key) in stripe_standin.idempotent] == [tranche.idempotency_key]
    assert stripe_standin.transfer_requests == 3
    assert len(stripe_standin.transfers) == 1


def test_a_timeout_after_stripe_did_the_work_is_retried_with_the_same_key_and_pays_once(
    stripe_standin,
):
    award = _stripe_award(stripe_standin)
    stripe_standin.drop_next_transfer_responses = 1
    tranche = tranche_pay(tranche=award.tranches.get(position=1), actor=make_finance())
    assert tranche.state == T.PAID
    assert stripe_standin.transfer_requests == 2
    assert len(stripe_standin.transfers) == 1
    assert LedgerEntry.objects.filter(kind="tranche_paid").count() == 1


def test_a_tranche_stripe_never_answered_for_is_settled_later_without_paying_twice(
    stripe_standin,
):
    award = _stripe_award(stripe_standin)
    stripe_standin.drop_next_transfer_responses = 3
    with pytest.raises(OutcomeUnknown):
        tranche_pay(tranche=award.tranches.get(position=1), actor=make_finance())
    assert processing_tranches_settle() == 1
    tranche = award.tranches.get(position=1)
    assert tranche.state == T.PAID
    assert len(stripe_standin.transfers) == 1
    assert LedgerEntry.objects.filter(kind="tranche_paid").count() == 1
    assert processing_tranches_settle() == 0


def test_paying_a_tranche_that_is_not_payable_never_reaches_stripe(stripe_standin):
    award = _stripe_award(stripe_standin)
    officer = make_finance()
    with pytest.raises(NotPayable):
        tranche_pay(tranche=award.tranches.get(position=2), actor=officer)  # scheduled
    tranche_pay(tranche=award.tranches.get(position=1), actor=officer)
    with pytest.raises(NotPayable):
        tranche_pay(tranche=award.tranches.get(position=1), actor=officer)  # paid
    assert stripe_standin.transfer_requests == 1


def test_a_payee_whose_account_cannot_receive_payouts_is_not_paid(stripe_standin):
    award = make_award(country="JO", accept=True)
    officer = make_finance()
    with pytest.raises(PayoutNotAllowed):  # no account at all
        tranche_pay(tranche=award.tranches.get(position=1), actor=officer)
    account_id = stripe_standin.add_account(payouts_enabled=False)
    account = StripeAccount.objects.create(account_id=account_id, owner=award.grantee, country="JO")
    Award.objects.filter(pk=award.pk).update(stripe_account=account)
    with pytest.raises(PayoutNotAllowed):  # onboarding not finished
        tranche_pay(tranche=award.tranches.get(position=1), actor=officer)
    assert stripe_standin.transfer_requests == 0
    assert award.tranches.get(position=1).state == T.PAYABLE


def test_a_manually_paid_award_is_never_paid_through_stripe(stripe_standin):
    award = make_award(country="LB", accept=True)
    with pytest.raises(PayoutNotAllowed):
        tranche_pay(tranche=award.tranches.get(position=1), actor=make_finance())
    assert stripe_standin.transfer_requests == 0


def test_only_finance_pays(stripe_standin):
    award = _stripe_award(stripe_standin)
    for person in [award.grantee, make_staff()]:
        with pytest.raises(NotAllowed):
            tranche_pay(tranche=award.tranches.get(position=1), actor=person)
    assert stripe_standin.transfer_requests == 0


def test_stripe_refusing_a_transfer_fails_the_tranche_which_can_be_paid_again(stripe_standin):
    award = _stripe_award(stripe_standin)
    officer = make_finance()
    stripe_standin.disable_payouts(award.stripe_account.account_id)  # event not delivered yet
    with pytest.raises(GatewayError):
        tranche_pay(tranche=award.tranches.get(position=1), actor=officer)
    tranche = award.tranches.get(position=1)
    assert tranche.state == T.FAILED
    assert "cannot receive" in tranche.failure_reason
    assert LedgerEntry.objects.filter(kind="payment_failed").count() == 1
    assert not LedgerEntry.objects.filter(kind="tranche_paid").exists()
    tranche_retry(tranche=tranche, actor=officer)
    stripe_standin.enable_payouts(award.stripe_account.account_id)
    tranche = tranche_pay(tranche=tranche, actor=officer)
    assert tranche.state == T.PAID
    assert tranche.attempt == 2


# --- Onboarding ----------------------------------------------------------------------------------


def test_onboarding_makes_one_connect_account_and_a_link_with_return_and_refresh_urls(
    stripe_standin,
):
    award = make_award(country="JO", accept=True)
    url = stripe_onboarding_link(
        award=award,
        actor=award.grantee,
        return_url="https://portal.example/return/",
        refresh_url="https://portal.example/refresh/",
    )
    [account] = StripeAccount.objects.all()
    assert url == f"{stripe_standin.url}/onboarding/{account.account_id}"
    assert not account.payouts_enabled
    award.refresh_from_db()
    assert award.stripe_account == account
    stripe_onboarding_link(award=award, actor=award.grantee, return_url="r", refresh_url="f")
    assert len(stripe_standin.accounts) == 1
    with pytest.raises(NotAllowed):
        stripe_onboarding_link(award=award, actor=make_staff(), return_url="r", refresh_url="f")


def test_onboarding_is_refused_where_stripe_does_not_pay_out(stripe_standin):
    award = make_award(country="LB", accept=True)
    with pytest.raises(PayoutNotAllowed):
        stripe_onboarding_link(award=award, actor=award.grantee, return_url="r", refresh_url="f")
    assert not stripe_standin.accounts


def test_account_updated_webhook_lets_the_account_receive_payouts(
    client, stripe_standin, django_capture_on_commit_callbacks
):
    account = _onboarded_account(stripe_standin)
    event = stripe_standin.enable_payouts(account.account_id)
    with django_capture_on_commit_callbacks(execute=True):
        assert _post(client, event).status_code == 200
    account.refresh_from_db()
    assert account.payouts_enabled
    assert StripeEvent.objects.get().outcome == "account updated"


# --- The webhook ---------------------------------------------------------------------------------


def _an_event(standin):
    account_id = standin.add_account()
    return standin.enable_payouts(account_id)


@pytest.mark.parametrize(
    "case", ["missing", "empty secret", "wrong secret", "tampered", "garbage", "old"]
)
def test_a_webhook_with_a_bad_or_missing_signature_is_refused_and_nothing_is_stored(
    client, stripe_standin, case
):
    event = _an_event(stripe_standin)
    payload = json.dumps(event).encode()
    header = {
        "missing": "",
        "empty secret": sign(payload, secret=""),
        "wrong secret": sign(payload, secret="whsec_someone_else"),
        "tampered": sign(payload.replace(b"account.updated", b"account.deleted")),
        "garbage": "t=1,v1=abc",
        "old": sign(payload, timestamp=1_000_000_000),
    }[case]
    if case == "tampered":
        response = client.post(
            WEBHOOK,
            data=payload,
            content_type="application/json",
            HTTP_STRIPE_SIGNATURE=header,
        )
    else:
        response = _post(client, event, signature=header)
    assert response.status_code == 400
    assert not StripeEvent.objects.exists()


def test_a_correctly_signed_body_that_is_not_an_event_is_refused(client, stripe_standin):
    for payload in [b"not json", b"[1, 2]", b'{"type": "account.updated"}', b"\xff\xfe{}"]:
        response = client.post(
            WEBHOOK,
            data=payload,
            content_type="application/json",
            HTTP_STRIPE_SIGNATURE=sign(payload),
        )
        assert response.status_code == 400
    assert not StripeEvent.objects.exists()


def test_the_webhook_refuses_everything_when_no_secret_is_configured(client, settings):
    settings.STRIPE_WEBHOOK_SECRET = ""
    payload = b'{"id": "evt_1"}'
    response = client.post(
        WEBHOOK, data=payload, content_type="application/json", HTTP_STRIPE_SIGNATURE=sign(payload)
    )
    assert response.status_code == 400
    assert not StripeEvent.objects.exists()


def test_the_webhook_is_answered_without_the_middleware_a_person_needs(client, stripe_standin):
    """No session, language, login or page headers: a signed machine request, served from
    MachineEndpointMiddleware (the busiest write in a Stripe burst)."""
    client.force_login(make_staff())  # even with a person's session cookie
    response = _post(client, _an_event(stripe_standin))
    assert (response.status_code, response.content) == (200, b"stored")
    for header in ("Content-Language", "Content-Security-Policy", "Vary", "X-Frame-Options"):
        assert header not in response.headers
    assert not response.cookies
    assert not hasattr(response.wsgi_request, "user")


def test_the_webhook_skips_the_health_check_of_the_kept_connection(
    client, stripe_standin, monkeypatch
):
    """One round trip less per delivery; Stripe retries one a dead connection failed."""
    checks = []
    real = connection.is_usable
    monkeypatch.setattr(connection, "is_usable", lambda: checks.append(1) or real())
    event = _an_event(stripe_standin)
    # What production's request_started does (the test client leaves it out): check again.
    connection.health_check_enabled, connection.health_check_done = True, False
    assert _post(client, event).content == b"stored"
    assert checks == []
    connection.health_check_done = False
    client.get("/en/grants/")  # a person's page still checks it
    assert checks == [1]


def test_a_webhook_body_over_the_limit_is_refused_unread(client, settings, stripe_standin):
    settings.REQUEST_BODY_MAX_BYTES = 100
    response = _post(client, _an_event(stripe_standin))
    assert response.status_code == 413
    assert not StripeEvent.objects.exists()


def test_the_webhook_only_accepts_post(client):
    assert client.get(WEBHOOK).status_code == 405


def test_a_duplicate_webhook_is_stored_and_applied_once(
    client, stripe_standin, django_capture_on_commit_callbacks
):
    event = stripe_standin.enable_payouts(_onboarded_account(stripe_standin).account_id)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        first = _post(client, event)
        second = _post(client, event)
    assert (first.status_code, second.status_code) == (200, 200)
    assert (first.content, second.content) == (b"stored", b"duplicate")
    assert len(callbacks) == 1  # one apply task
    stored = StripeEvent.objects.get()
    assert stored.processed_at is not None
    assert stripe_event_apply(event_pk=stored.pk) == "duplicate"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's index kinds")
def test_each_event_received_writes_one_index_on_its_id():
    """Unique by a constraint: no second, prefix-search index on the id to write per event."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE tablename = %s", [StripeEvent._meta.db_table]
        )
        on_the_id = [row[0] for row in cursor.fetchall() if "(event_id" in row[0]]
    assert len(on_the_id) == 1
    assert "UNIQUE" in on_the_id[0]


# The real worker closes its database connections as it goes: a committed test.
@pytest.mark.django_db(transaction=True)
@override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}})
def test_on_the_database_queue_a_webhook_is_stored_and_queued_once_and_the_worker_applies_it(
    client, stripe_standin, django_assert_num_queries
):
    payout_countries_ensure()  # an earlier transactional test may have flushed migrated data
    account = _onboarded_account(stripe_standin)
    event = stripe_standin.enable_payouts(account.account_id)
    with django_assert_num_queries(1):  # the event and its task in one statement
        first = _post(client, event)
    second = _post(client, event)
    assert (first.content, second.content) == (b"stored", b"duplicate")
    stored = StripeEvent.objects.get()
    assert stored.payload == event
    assert (stored.type, stored.account) == ("account.updated", account.account_id)
    [queued] = DBTaskResult.objects.filter(task_path=apply_stripe_event.module_path)
    assert queued.args_kwargs == {"args": [], "kwargs": {"event_pk": stored.pk}}
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload")
    stored.refresh_from_db()
    account.refresh_from_db()
    assert (stored.outcome, account.payouts_enabled) == ("account updated", True)


def test_a_webhook_for_an_unknown_account_changes_nothing(
    client, stripe_standin, django_capture_on_commit_callbacks
):
    event = _an_event(stripe_standin)  # an account that is not one of ours
    with django_capture_on_commit_callbacks(execute=True):
        response = _post(client, event)
    assert response.status_code == 200  # Stripe must not retry it forever
    stored = StripeEvent.objects.get()
    assert stored.outcome == "unknown account"
    assert stored.processed_at is not None
    assert not StripeAccount.objects.exists()


def test_a_transfer_event_settles_a_tranche_left_being_paid(
    client, stripe_standin, django_capture_on_commit_callbacks
):
    award = _stripe_award(stripe_standin)
    stripe_standin.drop_next_transfer_responses = 3
    with pytest.raises(OutcomeUnknown):
        tranche_pay(tranche=award.tranches.get(position=1), actor=make_finance())
    [created] = stripe_standin.events_of("transfer.created")
    with django_capture_on_commit_callbacks(execute=True):
        assert _post(client, created).status_code == 200
    assert award.tranches.get(position=1).state == T.PAID
    assert LedgerEntry.objects.filter(kind="tranche_paid").count() == 1


def test_a_reversed_transfer_adds_one_reversing_entry(
    client, stripe_standin, django_capture_on_commit_callbacks
):
    award = _stripe_award(stripe_standin)
    tranche = tranche_pay(tranche=award.tranches.get(position=1), actor=make_finance())
    event = stripe_standin.reverse_transfer(tranche.stripe_transfer_id)
    with django_capture_on_commit_callbacks(execute=True):
        _post(client, event)
        _post(client, event)
    tranche.refresh_from_db()
    assert tranche.state == T.REVERSED
    [reversal] = LedgerEntry.objects.filter(kind="reversal")
    assert reversal.amount == -tranche.amount
    assert reversal.reverses == LedgerEntry.objects.get(kind="tranche_paid")


def test_the_stripe_webhook_is_the_only_csrf_exempt_url():
    """Django REST framework's views (Wagtail's admin API) are marked exempt because DRF checks
    CSRF itself for session users; every other view must not be."""
    from rest_framework.views import APIView

    exempt = []

    def walk(patterns, prefix=""):
        for pattern in patterns:
            if hasattr(pattern, "url_patterns"):
                walk(pattern.url_patterns, prefix + str(pattern.pattern))
                continue
            callback = pattern.callback
            view_class = getattr(callback, "cls", None) or getattr(callback, "view_class", None)
            if isinstance(view_class, type) and issubclass(view_class, APIView):
                continue
            if getattr(callback, "csrf_exempt", False):
                exempt.append(prefix + str(pattern.pattern))

    walk(get_resolver().url_patterns)
    assert exempt == ["stripe/webhook/"]


# --- Catch-up and reconciliation ---------------------------------------------------------------


def test_the_catch_up_stores_and_applies_events_the_webhook_missed(
    stripe_standin, django_capture_on_commit_callbacks
):
    stripe_standin.enable_payouts(_onboarded_account(stripe_standin).account_id)  # never delivered
    with django_capture_on_commit_callbacks(execute=True):
        assert stripe_catch_up.call() == 1
    assert StripeAccount.objects.get().payouts_enabled
    assert StripeEvent.objects.get().processed_at is not None
    with django_capture_on_commit_callbacks(execute=True):
        assert stripe_catch_up.call() == 0


def test_the_catch_up_applies_events_stored_but_never_applied(stripe_standin):
    from django.utils import timezone

    event = stripe_standin.enable_payouts(_onboarded_account(stripe_standin).account_id)
    stored = stripe_event_store(event=event)  # its enqueue never ran (no commit in this test)
    StripeEvent.objects.filter(pk=stored.pk).update(
        received_at=timezone.now() - timezone.timedelta(minutes=10)
    )
    stripe_catch_up.call()
    stored.refresh_from_db()
    assert stored.processed_at is not None
    assert StripeAccount.objects.get().payouts_enabled


def test_reconciliation_with_nothing_wrong_lists_no_mismatch(stripe_standin):
    award = _stripe_award(stripe_standin)
    tranche_pay(tranche=award.tranches.get(position=1), actor=make_finance())
    run = reconciliation_run(actor=make_finance())
    assert run.transfers_checked == 1
    assert run.mismatches == []


def test_reconciliation_lists_every_mismatch(stripe_standin):
    award = _stripe_award(stripe_standin)
    officer = make_finance()
    paid = tranche_pay(tranche=award.tranches.get(position=1), actor=officer)
    # Stripe's side: a transfer the ledger never saw, and a reversal not applied yet.
    stray = stripe_standin.add_transfer(amount=700, currency="usd", destination="acct_x")
    stripe_standin.reverse_transfer(paid.stripe_transfer_id, amount=100)
    # The ledger's side: a payment Stripe does not know, and one whose amount differs.
    other = _stripe_award(stripe_standin)
    lost, wrong = other.tranches.get(position=1), other.tranches.get(position=2)
    odd = stripe_standin.add_transfer(amount=123, currency="usd", destination="acct_y")
    for tranche, reference in [(lost, "tr_lost"), (wrong, odd["id"])]:
        LedgerEntry.objects.create(
            award=other,
            call=other.call,
            tranche=tranche,
            kind="tranche_paid",
            amount=tranche.amount,
            currency="USD",
            method="stripe",
            reference=reference,
        )
    run = reconciliation_run(actor=officer)
    problems = sorted((m["problem"], m["transfer"]) for m in run.mismatches)
    assert problems == sorted(
        [
            ("transfer_without_ledger", stray["id"]),
            ("reversal_differs", paid.stripe_transfer_id),
            ("ledger_without_transfer", "tr_lost"),
            ("amount_differs", odd["id"]),
        ]
    )


def test_only_finance_reconciles(stripe_standin):
    with pytest.raises(NotAllowed):
        reconciliation_run(actor=make_staff())


# --- Concurrency ---------------------------------------------------------------------------------


@pytest.mark.xdist_group("fifty-connections")
@pytest.mark.django_db(transaction=True)
def test_fifty_threads_paying_the_same_tranche_pay_it_once(stripe_standin):
    need(connection.vendor == "postgresql", "row locks are proven on PostgreSQL")
    payout_countries_ensure()  # an earlier transactional test may have flushed migrated data
    award = _stripe_award(stripe_standin)
    officer = make_finance()
    tranche_id = award.tranches.get(position=1).pk
    start = threading.Barrier(50)
    outcomes = []
    lock = threading.Lock()

    def pay():
        try:
            connect_for_race()
            start.wait(timeout=90)
            try:
                tranche_pay(tranche=Tranche(pk=tranche_id), actor=officer)
                result = "paid"
            except NotPayable:
                result = "refused"
            with lock:
                outcomes.append(result)
        finally:
            connection.close()

    threads = [threading.Thread(target=pay) for _ in range(50)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["paid"] + ["refused"] * 49
    assert stripe_standin.transfer_requests == 1
    assert len(stripe_standin.transfers) == 1
    assert LedgerEntry.objects.filter(kind="tranche_paid").count() == 1
    assert Tranche.objects.get(pk=tranche_id).state == T.PAID


# --- Any order, any duplicates -------------------------------------------------------------------


def _state(award):
    award.refresh_from_db()
    account = StripeAccount.objects.get(pk=award.stripe_account_id)
    return {
        "tranches": list(award.tranches.order_by("position").values_list("state", flat=True)),
        "payouts_enabled": account.payouts_enabled,
        "ledger": sorted(
            (kind, str(amount)) for kind, amount in award.ledger.values_list("kind", "amount")
        ),
        "events": StripeEvent.objects.filter(processed_at__isnull=False).count(),
        "award": award.state,
    }


def test_any_order_of_events_with_duplicates_ends_in_the_state_of_the_clean_sequence(
    stripe_standin,
):
    """Stripe's history: the account was disabled and enabled again, the transfer made (our
    process died before it heard the answer) and later partly reversed. Delivered in any order,
    any number of times, the events lead where the clean sequence leads."""
    award = _stripe_award(stripe_standin)
    account_id = award.stripe_account.account_id
    stripe_standin.drop_next_transfer_responses = 3
    with pytest.raises(OutcomeUnknown):
        tranche_pay(tranche=award.tranches.get(position=1), actor=make_finance())
    transfer_id = next(iter(stripe_standin.transfers))
    stripe_standin.disable_payouts(account_id)
    stripe_standin.enable_payouts(account_id)
    stripe_standin.reverse_transfer(transfer_id, amount=10000)
    events = list(stripe_standin.events)  # as Stripe made them: the clean sequence

    def deliver(sequence):
        with transaction.atomic():
            for event in sequence:
                stored = stripe_event_store(event=event)
                pk = stored.pk if stored else StripeEvent.objects.get(event_id=event["id"]).pk
                stripe_event_apply(event_pk=pk)
            state = _state(award)
            transaction.set_rollback(True)
        return state

    clean = deliver(events)
    assert clean["tranches"][0] == T.REVERSED
    assert ("reversal", "-100.000") in clean["ledger"]

    @hypothesis_settings(
        max_examples=40,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(data=st.data())
    def any_order(data):
        extra = data.draw(st.lists(st.sampled_from(range(len(events))), max_size=8))
        order = data.draw(st.permutations(list(range(len(events))) + extra))
        assert deliver([events[i] for i in order]) == clean

    any_order()


def test_the_catch_up_command_queues_the_catch_up_and_the_reconciliation(stripe_standin):
    from django.core.management import call_command

    from grants.payments.models import ReconciliationRun

    award = _stripe_award(stripe_standin)
    stripe_standin.drop_next_transfer_responses = 3
    with pytest.raises(OutcomeUnknown):
        tranche_pay(tranche=award.tranches.get(position=1), actor=make_finance())
    call_command("stripe_catch_up", "--reconcile", stdout=io.StringIO())
    assert award.tranches.get(position=1).state == T.PAID  # settled with the saved key
    assert len(stripe_standin.transfers) == 1
    assert ReconciliationRun.objects.get().mismatches == []
