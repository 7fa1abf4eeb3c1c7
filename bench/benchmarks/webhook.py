"""Stripe's webhook under load, as in production: 4 concurrent senders post signed
`account.updated` events (20 % of them duplicates, some sent at the same moment by two senders)
to gunicorn on PostgreSQL; the webhook verifies each, stores it once by its id and queues its
application; two `db_worker` processes apply the events meanwhile, fetching each account again
from a local Stripe stand-in (tests/grants/stripe_standin.py). Afterwards the database must hold
each event exactly once, applied once, and every account in the state of its last event.

Figures: webhook_events_per_s (requests answered per second, duplicates included),
webhook_applied_per_s (events applied per second, from the first request to the last event
applied) and webhook_exactly_once (1 when every check holds, else 0)."""

import http.client
import json
import multiprocessing
import random
import socket
import subprocess
import time

from bench.harness import PYTHON, ROOT, django_script, gunicorn, log

ACCOUNTS = 500
EVENTS_PER_ACCOUNT = 4  # disabled, enabled, disabled, enabled: the last one says "enabled"
DUPLICATE_SHARE = 0.20
SENDERS = 4
WORKERS = 4  # gunicorn
TASK_WORKERS = 2  # db_worker
GOALS = {"webhook_events_per_s": (">=", 300), "webhook_exactly_once": (">=", 1)}

SEED = """
import json
from grants.award_models import StripeAccount
from youthcities.accounts.models import User
owner = User.objects.get(email="applicant@example.org")
ids = json.loads('''%(ids)s''')
StripeAccount.objects.bulk_create(
    [StripeAccount(account_id=i, owner=owner, country="JO") for i in ids], batch_size=1000)
print(json.dumps({"accounts": StripeAccount.objects.filter(account_id__in=ids).count()}))
"""

CHECK = """
import json
from django.db.models import Count
from grants.award_models import StripeAccount, StripeEvent
from youthcities.audit.models import AuditEntry
ids = json.loads('''%(ids)s''')
events = StripeEvent.objects.filter(account__in=ids)
print(json.dumps({
    "stored": events.count(),
    "distinct": events.values("event_id").distinct().count(),
    "processed": events.filter(processed_at__isnull=False).count(),
    "updated": events.filter(outcome="account updated").count(),
    "enabled": StripeAccount.objects.filter(account_id__in=ids, payouts_enabled=True).count(),
    "changes": AuditEntry.objects.filter(action="stripe.account_updated").count(),
}))
"""


def _send(job) -> dict:
    """One sender: posts its share of the events, one connection per request (gunicorn's sync
    workers close each connection). TCP_NODELAY, as HTTP clients such as urllib3 set it: Python's
    http.client writes the headers and the body apart, and Nagle's algorithm would hold the body
    back until the server's delayed ACK (some 40 ms)."""
    base, secret, payloads = job
    from tests.grants.stripe_standin import sign

    host, port = base.removeprefix("http://").split(":")
    answers = {"stored": 0, "duplicate": 0, "errors": 0}
    for payload in payloads:
        body = payload.encode()
        connection = http.client.HTTPConnection(host, int(port), timeout=30)
        try:
            connection.connect()
            connection.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            connection.request(
                "POST",
                "/stripe/webhook/",
                body=body,
                headers={
                    "Content-Type": "application/json",
                    "Stripe-Signature": sign(body, secret),
                },
            )
            response = connection.getresponse()
            text = response.read().decode()
            answers[text if response.status == 200 and text in answers else "errors"] += 1
        except OSError:
            answers["errors"] += 1
        finally:
            connection.close()
    return answers


def _wait_until_applied(env, expected: int, *, deadline: float) -> int:
    import psycopg

    stop = time.monotonic() + deadline
    with psycopg.connect(env["DATABASE_URL"], autocommit=True) as connection:
        while True:
            (done,) = connection.execute(
                "SELECT count(*) FROM grants_stripeevent WHERE processed_at IS NOT NULL"
            ).fetchone()
            if done >= expected or time.monotonic() > stop:
                return done
            time.sleep(0.05)


def run(ctx) -> dict[str, float]:
    from tests.grants.stripe_standin import WEBHOOK_SECRET, StripeStandIn

    env = ctx["env"]
    standin = StripeStandIn().start()
    try:
        ids = [standin.add_account(payouts_enabled=False) for _ in range(ACCOUNTS)]
        seeded = json.loads(django_script(env, SEED % {"ids": json.dumps(ids)}).splitlines()[-1])
        assert seeded["accounts"] == ACCOUNTS, seeded
        events = []
        for _round in range(EVENTS_PER_ACCOUNT // 2):
            for account_id in ids:
                events.append(standin.disable_payouts(account_id))
            for account_id in ids:
                events.append(standin.enable_payouts(account_id))
        rng = random.Random(7)
        duplicates = rng.sample(events, int(len(events) * DUPLICATE_SHARE / (1 - DUPLICATE_SHARE)))
        sent = [json.dumps(e) for e in events + duplicates]
        rng.shuffle(sent)
        slices = [sent[i::SENDERS] for i in range(SENDERS)]
        webhook_env = {
            **env,
            "STRIPE_API_BASE": standin.url,
            "STRIPE_SECRET_KEY": "sk_test_bench",
            "STRIPE_WEBHOOK_SECRET": WEBHOOK_SECRET,
            "TASKS_IMMEDIATE": "0",  # the database queue and db_worker, as in production
        }
        task_workers = [
            subprocess.Popen(  # noqa: S603
                # Lower priority than the web workers: the webhook must answer Stripe at once;
                # applying may lag a little behind a burst and catches up after it.
                [
                    "nice",
                    "-n",
                    "10",
                    PYTHON,
                    "manage.py",
                    "db_worker",
                    "--no-reload",
                    "--interval",
                    "0.05",
                ],  # fmt: skip
                cwd=ROOT,
                env=webhook_env,
                stdout=subprocess.DEVNULL,
            )
            for _ in range(TASK_WORKERS)
        ]
        with gunicorn(webhook_env, workers=WORKERS) as base:
            # Warm-up: every web worker connected, every db_worker started and applying.
            warm = _send((base, WEBHOOK_SECRET, slices[0][:20]))
            _wait_until_applied(env, 20, deadline=120)
            context = multiprocessing.get_context("fork")
            with context.Pool(SENDERS) as pool:
                started = time.perf_counter()
                answers = pool.map(_send, [(base, WEBHOOK_SECRET, s[20:] if i == 0 else s)
                                           for i, s in enumerate(slices)])  # fmt: skip
                elapsed = time.perf_counter() - started
            applied = _wait_until_applied(env, len(events), deadline=300)
            applied_elapsed = time.perf_counter() - started
        for worker in task_workers:
            worker.terminate()
            worker.wait(timeout=30)
        requests = sum(len(s) for s in slices) - 20
        totals = {k: sum(a[k] for a in [warm, *answers]) for k in ("stored", "duplicate", "errors")}
        checked = json.loads(django_script(env, CHECK % {"ids": json.dumps(ids)}).splitlines()[-1])
    finally:
        standin.stop()
    exactly_once = (
        totals["errors"] == 0
        and checked["stored"] == checked["distinct"] == len(events)
        and checked["processed"] == len(events)
        and checked["updated"] == len(events)
        and checked["enabled"] == ACCOUNTS
        and totals["duplicate"] == len(sent) - len(events)
    )
    rate = requests / elapsed
    log(
        f"webhook: {requests} requests in {elapsed:.1f} s ({rate:.0f}/s); all {applied} applied "
        f"after {applied_elapsed:.1f} s; answers {totals}; database {checked}; "
        f"{len(duplicates)} duplicates"
    )
    return {
        "webhook_events_per_s": round(rate, 1),
        "webhook_applied_per_s": round(len(events) / applied_elapsed, 1),
        "webhook_exactly_once": 1 if exactly_once else 0,
        "webhook_events": len(events),
        "webhook_duplicates": len(duplicates),
    }
