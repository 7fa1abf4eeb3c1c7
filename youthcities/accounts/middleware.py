"""A person with a privileged role reaches nothing but their own account pages until they have
enrolled a second factor: they are led to the enrolment page at their next request, whether the
role came before or during their session."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import Resolver404, resolve
from django.utils import translation
from django.utils.translation import gettext as _

from .selectors import has_mfa, needs_mfa

# allauth's own pages (log out, e-mail, password, MFA enrolment) stay open: enrolment needs them.
OPEN_URL_NAME_PREFIXES = ("account_", "mfa_")
OPEN_PATH_PREFIXES = ("/static/", "/healthz")
SESSION_KEY = "accounts.mfa_enrolled"


class RequireMFAMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._must_enrol(request):
            # The admin's addresses carry no language: the person's own then decides.
            language = translation.get_language_from_path(request.path_info) or (
                request.user.preferred_language or translation.get_language()
            )
            with translation.override(language):
                messages.warning(
                    request,
                    _(
                        "Your role gives you access to other people's information, so your "
                        "account needs two-step verification. Set up an authenticator app or a "
                        "passkey to continue."
                    ),
                )
                return redirect("mfa_index")
        return self.get_response(request)

    def _must_enrol(self, request) -> bool:
        user = request.user
        if not user.is_authenticated or request.session.get(SESSION_KEY):
            return False
        if request.path_info.startswith(OPEN_PATH_PREFIXES) or self._is_open(request.path_info):
            return False
        if not needs_mfa(user):
            return False
        if has_mfa(user):
            # Remembered for the session so that enrolled staff cost no query per request.
            request.session[SESSION_KEY] = True
            return False
        return True

    @staticmethod
    def _is_open(path: str) -> bool:
        try:
            name = resolve(path).url_name or ""
        except Resolver404:
            return False
        return name.startswith(OPEN_URL_NAME_PREFIXES)


def forget_enrolment(sender, request=None, **kwargs) -> None:
    """A removed authenticator is checked again at the next request."""
    if request is not None and hasattr(request, "session"):
        request.session.pop(SESSION_KEY, None)
