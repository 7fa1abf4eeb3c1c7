"""A shared cache of whole pages for anonymous visitors.

The middleware sits first in the stack. A cached page costs one read of the shared cache (the
current generation number) and a lookup in this process's own copy of recent pages, which it
fills from the shared cache and empties whenever the generation moves on.
A page is stored only when the view marked the request cacheable (Wagtail pages, through the
`before_serve_page` hook) and the response is a plain 200 with no cookies. Publishing purges
through Wagtail's front-end cache: `PageCacheBackend` is a Wagtail front-end cache backend whose
purge starts a new generation of keys, because a title change shows up in every page's menu.
"""

import time
from collections import OrderedDict

from django.conf import settings
from django.core.cache import caches
from django.http import HttpResponse
from wagtail.contrib.frontend_cache.backends import BaseBackend

GENERATION_KEY = "generation"
_LANGUAGE_PREFIXES = tuple(f"/{code}/" for code, _name in settings.LANGUAGES)


def _cache():
    return caches["pages"]


class _Generation:
    """The shared generation number, read at most every GENERATION_CHECK_SECONDS per process.
    A purge in this process is seen at once; one in another process within that interval."""

    def __init__(self):
        self.value = None
        self.read_at = 0.0

    def current(self) -> int:
        now = time.monotonic()
        if self.value is None or now - self.read_at >= settings.PAGE_CACHE_GENERATION_CHECK_SECONDS:
            self.value = _cache().get(GENERATION_KEY) or 0
            self.read_at = now
        return self.value

    def forget(self) -> None:
        self.value = None


_generation = _Generation()


def page_cache_clear() -> None:
    """Forget every cached page (the old generation's keys expire on their own)."""
    cache = _cache()
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, 1, timeout=None)
    _generation.forget()


def mark_cacheable(request) -> None:
    request._page_cacheable = True


def _may_serve_from_cache(request) -> bool:
    return (
        request.method in ("GET", "HEAD")
        and not request.META.get("QUERY_STRING")
        and request.path.startswith(_LANGUAGE_PREFIXES)
        # Anyone with a session (logged in) or pending messages sees a page of their own.
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
    )


class _LocalPages:
    """This process's copy of recent pages of one generation, oldest dropped first."""

    def __init__(self, size: int = 256):
        self.size = size
        self.generation = None
        self.pages: OrderedDict[str, tuple] = OrderedDict()

    def get(self, generation, key):
        if generation != self.generation:
            self.generation = generation
            self.pages.clear()
            return None
        return self.pages.get(key)

    def put(self, generation, key, frozen):
        if generation != self.generation:
            return
        self.pages[key] = frozen
        if len(self.pages) > self.size:
            self.pages.popitem(last=False)


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.local = _LocalPages()

    def __call__(self, request):
        if not _may_serve_from_cache(request):
            return self.get_response(request)
        generation = _generation.current()
        key = f"{generation}:{request.path}"
        cached = self.local.get(generation, key)
        if cached is None:
            cached = _cache().get(key)
            if cached is not None:
                self.local.put(generation, key, cached)
        if cached is not None:
            return _rebuild(cached)
        response = self.get_response(request)
        if (
            getattr(request, "_page_cacheable", False)
            and request.method == "GET"
            and response.status_code == 200
            and not response.cookies
            and not response.streaming
        ):
            _cache().set(key, _freeze(response), timeout=settings.PAGE_CACHE_SECONDS)
        return response


def _freeze(response) -> tuple:
    return (response.content, list(response.items()))


def _rebuild(frozen):
    content, headers = frozen
    response = HttpResponse(content)
    for name, value in headers:
        response[name] = value
    return response


class PageCacheBackend(BaseBackend):
    """Wagtail front-end cache backend for the pages cache above."""

    def purge(self, url) -> None:
        page_cache_clear()

    def purge_batch(self, urls) -> None:
        page_cache_clear()
