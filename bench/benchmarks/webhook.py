"""Stripe's webhook under load: 4 concurrent senders post signed `account.updated` events (20 %
of them duplicates, some sent at the same moment by two senders) to gunicorn on PostgreSQL; the
webhook verifies each, stores it once by its id and queues its application; `db_worker`
processes apply the events, fetching each account again from a local Stripe stand-in
(tests/grants/stripe_standin.py). Afterwards the database must hold each event exactly once,
applied once, and every account in the state of its last event.

Figures: webhook_vs_bare (the idle-queue rate over the bare view's, requested the same way by
the same 4 senders: the burst is sent in BENCH_ROUNDS parts alternating with rounds of the bare
view, and the medians of both compared, as every benchmark does), webhook_events_per_s (requests
answered per second, duplicates included, while the task
queue is idle: the webhook alone), webhook_events_per_s_while_applying (the same while two
db_workers apply on this machine's CPUs), webhook_applied_per_s (events the two workers apply
per second) and webhook_exactly_once (1 when every check holds, else 0)."""

import http.client
import json
import multiprocessing
import os
import random
import socket
import subprocess
import time

from bench.harness import PYTHON, ROOT, ROUNDS, django_script, gunicorn, log, paired
from tests.grants.stripe_standin import WEBHOOK_SECRET, StripeStandIn, sign

# 2 500 accounts × 4 events × 2 bursts = 20 000 events, and 20 % more deliveries as duplicates.
ACCOUNTS = int(os.environ.get("BENCH_WEBHOOK_ACCOUNTS", "2500"))
EVENTS_PER_ACCOUNT = 4  # disabled, enabled, disabled, enabled: the last one says "enabled"
DUPLICATE_SHARE = 0.20
SENDERS = 4
WORKERS = 4  # gunicorn
TASK_WORKERS = 2  # db_worker
GOALS = {"webhook_vs_bare": (">=", 0.5), "webhook_exactly_once": (">=", 1)}
BARE_REQUESTS = 500  # per sender, per bare round

SEED = """
import json
from grants.payments.models import StripeAccount
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
from grants.payments.models import StripeAccount, StripeEvent
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


def _send_bare(job) -> int:
    """The yardstick: the bare view, requested the way `_send` posts (a connection each)."""
    base, count = job
    host, port = base.removeprefix("http://").split(":")
    answered = 0
    for _ in range(count):
        connection = http.client.HTTPConnection(host, int(port), timeout=30)
        try:
            connection.connect()
            connection.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            connection.request("GET", "/bench/bare/")
            response = connection.getresponse()
            response.read()
            answered += response.status == 200
        finally:
            connection.close()
    return answered


def _bare_burst(base) -> float:
    context = multiprocessing.get_context("fork")
    with context.Pool(SENDERS) as pool:
        started = time.perf_counter()
        answered = sum(pool.map(_send_bare, [(base, BARE_REQUESTS)] * SENDERS))
        return answered / (time.perf_counter() - started)


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


def _round(standin, ids, rng) -> tuple[list[dict], list[list[str]], int]:
    """One round of Stripe's history for every account (disabled, enabled, disabled, enabled),
    20 % of the deliveries duplicated, shuffled and shared among the senders."""
    events = []
    for _repeat in range(EVENTS_PER_ACCOUNT // 2):
        events += [standin.disable_payouts(account_id) for account_id in ids]
        events += [standin.enable_payouts(account_id) for account_id in ids]
    duplicates = rng.sample(events, int(len(events) * DUPLICATE_SHARE / (1 - DUPLICATE_SHARE)))
    sent = [json.dumps(e) for e in events + duplicates]
    rng.shuffle(sent)
    return events, [sent[i::SENDERS] for i in range(SENDERS)], len(duplicates)


def _burst(base, slices) -> tuple[dict, float]:
    context = multiprocessing.get_context("fork")
    with context.Pool(SENDERS) as pool:
        started = time.perf_counter()
        answers = pool.map(_send, [(base, WEBHOOK_SECRET, s) for s in slices])
        elapsed = time.perf_counter() - started
    totals = {k: sum(a[k] for a in answers) for k in ("stored", "duplicate", "errors")}
    return totals, elapsed


def _task_workers(env) -> list[subprocess.Popen]:
    return [
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
            env=env,
            stdout=subprocess.DEVNULL,
        )
        for _ in range(TASK_WORKERS)
    ]


def run(ctx) -> dict[str, float]:
    """Two bursts. The first arrives while the task queue is idle (the webhook alone, as when
    the workers run on other machines); the workers then drain it. The second arrives while the
    workers apply (web and task workers share this machine's CPUs and database)."""
    env = ctx["env"]
    standin = StripeStandIn().start()
    workers = []
    try:
        ids = [standin.add_account(payouts_enabled=False) for _ in range(ACCOUNTS)]
        seeded = json.loads(django_script(env, SEED % {"ids": json.dumps(ids)}).splitlines()[-1])
        assert seeded["accounts"] == ACCOUNTS, seeded
        rng = random.Random(7)
        first, first_slices, first_duplicates = _round(standin, ids, rng)
        second, second_slices, second_duplicates = _round(standin, ids, rng)
        webhook_env = {
            **env,
            "STRIPE_API_BASE": standin.url,
            "STRIPE_SECRET_KEY": "sk_test_bench",
            "STRIPE_WEBHOOK_SECRET": WEBHOOK_SECRET,
            "TASKS_IMMEDIATE": "0",  # the database queue and db_worker, as in production
        }
        with gunicorn(webhook_env, workers=WORKERS) as base:
            warm = _send((base, WEBHOOK_SECRET, first_slices[0][:20]))
            first_slices[0] = first_slices[0][20:]
            # The idle-queue burst in ROUNDS parts, alternating with rounds of the bare view.
            parts = iter([[s[r::ROUNDS] for s in first_slices] for r in range(ROUNDS)])
            bursts = []

            def webhook_round():
                part = next(parts)
                bursts.append(_burst(base, part))
                return {"rps": sum(len(s) for s in part) / bursts[-1][1]}

            paired_figures = paired(
                "webhook", webhook_round, lambda: {"rps": _bare_burst(base)}, log_each=False
            )
            burst = {k: sum(b[0][k] for b in bursts) for k in ("stored", "duplicate", "errors")}
            burst_seconds = sum(b[1] for b in bursts)
            workers = _task_workers(webhook_env)
            _wait_until_applied(env, 20, deadline=120)  # the workers are up
            drain_started = time.perf_counter()
            drained = _wait_until_applied(env, len(first), deadline=900)
            drain_seconds = time.perf_counter() - drain_started
            busy, busy_seconds = _burst(base, second_slices)
            applied = _wait_until_applied(env, len(first) + len(second), deadline=900)
        checked = json.loads(django_script(env, CHECK % {"ids": json.dumps(ids)}).splitlines()[-1])
    finally:
        for worker in workers:
            worker.terminate()
            worker.wait(timeout=30)
        standin.stop()
    events = len(first) + len(second)
    duplicates = first_duplicates + second_duplicates
    totals = {k: warm[k] + burst[k] + busy[k] for k in ("stored", "duplicate", "errors")}
    exactly_once = (
        totals["errors"] == 0
        and totals["stored"] == events
        and totals["duplicate"] == duplicates
        and checked["stored"] == checked["distinct"] == events
        and checked["processed"] == events
        and checked["updated"] == events
        and checked["enabled"] == ACCOUNTS
    )
    idle_rate = sum(len(s) for s in first_slices) / burst_seconds
    busy_rate = sum(len(s) for s in second_slices) / busy_seconds
    drain_rate = (drained - 20) / drain_seconds
    log(
        f"webhook: queue idle {idle_rate:.0f} requests/s; while applying {busy_rate:.0f}/s; "
        f"drain {drain_rate:.0f} events/s; {applied} of {events} applied; answers {totals}; "
        f"database {checked}"
    )
    return {
        **paired_figures,  # webhook_vs_bare, webhook_rps, webhook_bare_rps: medians of rounds
        "webhook_events_per_s": round(idle_rate, 1),
        "webhook_events_per_s_while_applying": round(busy_rate, 1),
        "webhook_applied_per_s": round(drain_rate, 1),
        "webhook_exactly_once": 1 if exactly_once else 0,
        "webhook_events": events,
        "webhook_duplicates": duplicates,
    }
