import hmac
import logging
import uuid

from django.conf import settings
from django.core.cache import caches
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.db import connection
from django.http import (
    HttpResponse,
    HttpResponsePermanentRedirect,
    HttpResponseRedirect,
    JsonResponse,
)
from django.shortcuts import render
from django.templatetags.static import static
from django.utils.translation import get_language_from_request
from django.views.decorators.cache import never_cache

logger = logging.getLogger(__name__)


def _check_database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")


def _check_cache():
    caches["default"].get("healthz:ping")  # a read: raises when the cache cannot be reached


def _check_storage():
    storages["private"].exists("healthz/probe.txt")  # a read (a HEAD on S3), nothing stored


def _check_cache_round_trip():
    cache = caches["default"]
    key = f"healthz:{uuid.uuid4().hex}"
    cache.set(key, "1", timeout=10)
    if cache.get(key) != "1":
        raise RuntimeError("cache did not return what was stored")
    cache.delete(key)


def _check_storage_round_trip():
    storage = storages["private"]
    name = storage.save(f"healthz/{uuid.uuid4().hex}.txt", ContentFile(b"ok"))
    try:
        with storage.open(name) as stored:
            if stored.read() != b"ok":
                raise RuntimeError("storage did not return what was stored")
    finally:
        storage.delete(name)


# Public: cheap, and writes nothing (anyone may call it, as often as they like).
CHECKS = {"database": _check_database, "cache": _check_cache, "storage": _check_storage}
# Deep: stores and reads back; only with the HEALTHZ_TOKEN.
DEEP_CHECKS = {
    "database": _check_database,
    "cache": _check_cache_round_trip,
    "storage": _check_storage_round_trip,
}


def _deep_allowed(request) -> bool:
    token = settings.HEALTHZ_TOKEN
    sent = request.headers.get("X-Healthz-Token", "")
    return bool(token) and hmac.compare_digest(sent.encode(), token.encode())


@never_cache
def healthz(request):
    """200 when the database, cache and storage all work; 503 naming what fails. `?deep=1` with
    the X-Healthz-Token header also stores and reads back a cache entry and a file."""
    checks = CHECKS
    if "deep" in request.GET:
        if not _deep_allowed(request):
            return JsonResponse({"status": "forbidden"}, status=403)
        checks = DEEP_CHECKS
    state = {}
    for name, check in checks.items():
        try:
            check()
            state[name] = "ok"
        except Exception as error:  # noqa: BLE001 — any failure means "not healthy"
            logger.warning("healthz: %s failed: %s", name, error)
            state[name] = "error"
    failing = [name for name, value in state.items() if value != "ok"]
    body = {"status": "ok" if not failing else "error", "checks": state, "failing": failing}
    return JsonResponse(body, status=503 if failing else 200)


def root_redirect(request):
    """`/` sends the visitor to the home page in their browser's language."""
    language = get_language_from_request(request, check_path=False)
    return HttpResponseRedirect(f"/{language}/", headers={"Vary": "Accept-Language, Cookie"})


def bare(request):
    """The benchmark's yardstick: the cheapest page Django can serve through our middleware."""
    return HttpResponse("<!doctype html><title>bare</title><p>Hello</p>")


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    # Rendered without touching the database: it may be the database that failed.
    return render(request, "500.html", status=500)


def favicon(request):
    """Browsers ask for /favicon.ico whatever the page says; send them to the static icon."""
    return HttpResponsePermanentRedirect(static("favicon.ico"))
