"""Endpoints that a machine posts to, signed: Stripe's webhook.

They need nothing of what the rest of the middleware gives a person: no session, language,
login, CSRF token, messages or content security policy (their answers are plain text to a
machine; the webhook's proof of origin is its signature, checked by the view). They are also
the portal's busiest writes when Stripe sends a burst, so this middleware, right after
SecurityMiddleware, hands them straight to their view: about half of the work of a webhook
request was the middleware a person's request needs."""

from django.db import connection
from django.http import HttpResponse
from django.urls import resolve, reverse

from youthcities.uploads import body_too_large

MACHINE_ENDPOINTS = ["stripe_webhook"]  # URL names


class MachineEndpointMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self._views = None

    def __call__(self, request):
        view = self._endpoints().get(request.path)
        if view is None:
            return self.get_response(request)
        if body_too_large(request):
            return HttpResponse("too large", status=413, content_type="text/plain")
        # No health check of the kept database connection (one more round trip per request):
        # Stripe sends a delivery again if it fails, and a connection found dead is closed
        # after the request that found it (Django does that whether or not it checks first).
        connection.health_check_done = True
        return view(request)

    def _endpoints(self) -> dict:
        if self._views is None:  # the URLconf is ready by the first request
            paths = [reverse(name) for name in MACHINE_ENDPOINTS]
            self._views = {path: resolve(path).func for path in paths}
        return self._views
