"""A small stand-in for Stripe's API, the only stand-in the suite uses: a threaded HTTP server on
loopback that the real `stripe` library talks to. It implements the endpoints the portal calls
(accounts, account links, transfers, events), honours `Idempotency-Key` as Stripe does (the same
key returns the same response, and the work is done once), and can misbehave the ways Stripe can:
drop a response after doing the work (a timeout after Stripe acted, as the caller sees it), hang
before answering, answer 500 (before acting, or after acting: Stripe then replays that 500 for
the key), and forget its idempotency keys (Stripe keeps them 24 hours).

Also used by `bench/benchmarks/webhook.py`."""

import hashlib
import hmac
import itertools
import json
import re
import secrets
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlsplit

WEBHOOK_SECRET = "whsec_standin"


def _nest(pairs) -> dict:
    """Stripe's form encoding (`metadata[tranche]=5`, `created[gte]=1`) back into dicts."""
    out: dict = {}
    for key, value in pairs:
        parts = re.findall(r"[^\[\]]+", key)
        node = out
        for part in parts[:-1]:
            node = node.setdefault(part, {})
        node[parts[-1]] = value
    return out


def sign(payload: bytes, secret: str = WEBHOOK_SECRET, timestamp: int | None = None) -> str:
    """The `Stripe-Signature` header, computed with Stripe's scheme."""
    timestamp = int(time.time()) if timestamp is None else timestamp
    signed = f"{timestamp}.".encode() + payload
    digest = hmac.new(secret.encode(), signed, hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={digest}"


class StripeStandIn:
    def __init__(self):
        self.lock = threading.Lock()
        self.accounts: dict[str, dict] = {}
        self.transfers: dict[str, dict] = {}
        self.events: list[dict] = []
        self.idempotent: dict[str, tuple[int, bytes]] = {}
        self.transfer_requests = 0  # POST /v1/transfers that reached the server
        self.drop_next_transfer_responses = 0  # do the work, then hang up without answering
        self.transfer_delay = 0.0  # seconds a POST /v1/transfers waits before it is handled
        self.fail_next_transfers = 0  # answer 500 to the next POST /v1/transfers ...
        self.fail_after_work = False  # ... having made the transfer (and keeping the 500)
        self.transfer_keys: list[str | None] = []  # the Idempotency-Key of each transfer POST
        self._ids = itertools.count(1)
        self._server = None
        self.url = ""

    # --- the server -------------------------------------------------------------------------

    def start(self) -> "StripeStandIn":
        standin = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def setup(self):
                super().setup()
                # Answer at once: without this, Nagle's algorithm and the client's delayed ACK
                # hold every keep-alive response back by some 40 ms.
                self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

            def log_message(self, *args):
                pass

            def do_GET(self):
                standin._handle(self, "GET")

            def do_POST(self):
                standin._handle(self, "POST")

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        if self._server:
            self._server.shutdown()
            self._server.server_close()

    def _handle(self, request, method: str) -> None:
        split = urlsplit(request.path)
        length = int(request.headers.get("Content-Length") or 0)
        body = request.rfile.read(length).decode() if length else ""
        params = _nest(parse_qsl(body if method == "POST" else split.query))
        key = request.headers.get("Idempotency-Key") if method == "POST" else None
        drop = fail = False
        transfer_post = method == "POST" and split.path == "/v1/transfers"
        if transfer_post and self.transfer_delay:
            time.sleep(self.transfer_delay)  # Stripe is slow to answer (a hang, as seen from here)
        with self.lock:
            if transfer_post:
                self.transfer_requests += 1
                self.transfer_keys.append(key)
                if self.drop_next_transfer_responses:
                    self.drop_next_transfer_responses -= 1
                    drop = True
                if self.fail_next_transfers:
                    self.fail_next_transfers -= 1
                    fail = True
            if key and (method, split.path, key) in self.idempotent:
                status, payload = self.idempotent[(method, split.path, key)]
            elif fail and not self.fail_after_work:
                # Stripe failed before it acted: nothing done, nothing kept for the key.
                status, payload = 500, json.dumps(_server_error()).encode()
            else:
                status, obj = self._route(method, split.path, params)
                if fail:  # it acted, then failed: the 500 is what the key replays
                    status, obj = 500, _server_error()
                payload = json.dumps(obj).encode()
                if key:
                    self.idempotent[(method, split.path, key)] = (status, payload)
        if drop:
            request.close_connection = True
            return  # the work is done, the caller hears nothing
        request.send_response(status)
        request.send_header("Content-Type", "application/json")
        request.send_header("Content-Length", str(len(payload)))
        request.send_header("Request-Id", f"req_{secrets.token_hex(6)}")
        request.end_headers()
        request.wfile.write(payload)

    def _id(self, prefix: str) -> str:
        return f"{prefix}_{next(self._ids):06d}{secrets.token_hex(4)}"

    def _route(self, method: str, path: str, params: dict) -> tuple[int, dict]:
        parts = path.strip("/").split("/")
        if parts[:1] != ["v1"]:
            return 404, _error("unknown path")
        resource = parts[1] if len(parts) > 1 else ""
        ident = parts[2] if len(parts) > 2 else None
        if resource == "accounts" and method == "POST" and ident is None:
            return 200, self._account_create(params)
        if resource == "accounts" and method == "GET" and ident:
            if ident not in self.accounts:
                return 404, _error(f"No such account: '{ident}'", code="resource_missing")
            return 200, self.accounts[ident]
        if resource == "account_links" and method == "POST":
            account = params.get("account")
            if account not in self.accounts:
                return 400, _error(f"No such account: '{account}'")
            return 200, {
                "object": "account_link",
                "url": f"{self.url}/onboarding/{account}",
                "created": int(time.time()),
                "expires_at": int(time.time()) + 300,
            }
        if resource == "transfers" and method == "POST" and ident is None:
            return self._transfer_create(params)
        if resource == "transfers" and method == "GET" and ident:
            if ident not in self.transfers:
                return 404, _error(f"No such transfer: '{ident}'", code="resource_missing")
            return 200, self.transfers[ident]
        if resource == "transfers" and method == "GET":
            items = sorted(self.transfers.values(), key=lambda t: t["id"], reverse=True)
            if params.get("transfer_group"):
                items = [t for t in items if t["transfer_group"] == params["transfer_group"]]
            return 200, _page(items, params, "/v1/transfers")
        if resource == "events" and method == "GET" and ident:
            found = [e for e in self.events if e["id"] == ident]
            return (200, found[0]) if found else (404, _error("No such event"))
        if resource == "events" and method == "GET":
            items = list(reversed(self.events))  # newest first, as Stripe lists them
            return 200, _page(items, params, "/v1/events")
        return 404, _error(f"unknown endpoint {method} {path}")

    def _account_create(self, params: dict) -> dict:
        account = {
            "id": self._id("acct"),
            "object": "account",
            "type": params.get("type", "express"),
            "country": params.get("country", "US"),
            "email": params.get("email"),
            "details_submitted": False,
            "payouts_enabled": False,
            "charges_enabled": False,
            "metadata": params.get("metadata", {}),
        }
        self.accounts[account["id"]] = account
        return account

    def _transfer_create(self, params: dict) -> tuple[int, dict]:
        destination = params.get("destination")
        account = self.accounts.get(destination)
        if account is None:
            return 400, _error(f"No such destination: '{destination}'")
        if not account["payouts_enabled"]:
            return 400, _error("The destination account cannot receive transfers yet.")
        try:
            amount = int(params.get("amount", ""))
        except ValueError:
            return 400, _error("Invalid integer: amount")
        if amount <= 0:
            return 400, _error("Amount must be positive")
        transfer = {
            "id": self._id("tr"),
            "object": "transfer",
            "amount": amount,
            "amount_reversed": 0,
            "currency": params.get("currency", "usd"),
            "destination": destination,
            "transfer_group": params.get("transfer_group"),
            "metadata": params.get("metadata", {}),
            "reversed": False,
            "created": int(time.time()),
            "livemode": False,
        }
        self.transfers[transfer["id"]] = transfer
        self._event("transfer.created", transfer)
        return 200, transfer

    def _event(self, event_type: str, obj: dict, account: str | None = None) -> dict:
        event = {
            "id": self._id("evt"),
            "object": "event",
            "type": event_type,
            "created": int(time.time()),
            "livemode": False,
            "api_version": "2024-06-20",
            "data": {"object": json.loads(json.dumps(obj))},
            "pending_webhooks": 1,
        }
        if account:
            event["account"] = account
        self.events.append(event)
        return event

    # --- what Stripe does on its side, for the tests ------------------------------------------

    def enable_payouts(self, account_id: str) -> dict:
        """The payee finished onboarding: the account can receive payouts."""
        with self.lock:
            account = self.accounts[account_id]
            account.update(details_submitted=True, payouts_enabled=True)
            return self._event("account.updated", account, account=account_id)

    def disable_payouts(self, account_id: str) -> dict:
        with self.lock:
            account = self.accounts[account_id]
            account.update(payouts_enabled=False)
            return self._event("account.updated", account, account=account_id)

    def add_account(self, *, payouts_enabled: bool = True, country: str = "JO") -> str:
        with self.lock:
            account = self._account_create({"country": country})
            account.update(details_submitted=payouts_enabled, payouts_enabled=payouts_enabled)
            return account["id"]

    def reverse_transfer(self, transfer_id: str, amount: int | None = None) -> dict:
        with self.lock:
            transfer = self.transfers[transfer_id]
            transfer["amount_reversed"] = amount if amount is not None else transfer["amount"]
            transfer["reversed"] = transfer["amount_reversed"] == transfer["amount"]
            return self._event("transfer.reversed", transfer)

    def add_transfer(self, **fields) -> dict:
        """A transfer made on Stripe's side only (e.g. from Stripe's dashboard)."""
        with self.lock:
            transfer = {
                "id": self._id("tr"),
                "object": "transfer",
                "amount_reversed": 0,
                "reversed": False,
                "created": int(time.time()),
                "metadata": {},
                "transfer_group": None,
                **fields,
            }
            self.transfers[transfer["id"]] = transfer
            return transfer

    def forget_idempotency_keys(self) -> None:
        """A day went by: Stripe no longer knows the keys it was sent (it keeps them 24 hours)."""
        with self.lock:
            self.idempotent.clear()

    def events_of(self, event_type: str) -> list[dict]:
        with self.lock:
            return [e for e in self.events if e["type"] == event_type]


def _page(items: list[dict], params: dict, url: str) -> dict:
    created = params.get("created") or {}
    if "gte" in created:
        items = [i for i in items if i["created"] >= int(created["gte"])]
    after = params.get("starting_after")
    if after:
        ids = [i["id"] for i in items]
        items = items[ids.index(after) + 1 :] if after in ids else []
    limit = int(params.get("limit") or 10)
    return {
        "object": "list",
        "url": url,
        "has_more": len(items) > limit,
        "data": items[:limit],
    }


def _server_error() -> dict:
    return {"error": {"type": "api_error", "message": "An unknown error occurred"}}


def _error(message: str, *, code: str | None = None) -> dict:
    error = {"type": "invalid_request_error", "message": message}
    if code:
        error["code"] = code
    return {"error": error}
