from dataclasses import dataclass
from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.adapter import DefaultMFAAdapter
from django.conf import settings
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class PortalSite:
    """What allauth's emails call `current_site` (there is no sites framework here): the portal's
    name and its public address, so that they never greet people with a blank name."""

    name: str
    domain: str

    @classmethod
    def current(cls) -> "PortalSite":
        """In the language the email is written in (the portal is «مدن شابة» in Arabic)."""
        return cls(_("Young Cities"), urlsplit(settings.WAGTAILADMIN_BASE_URL).netloc)


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix, email, context):
        # Sent through the background worker so that sign-up never waits on the mail server.
        from .tasks import send_email

        context = {"email": email, "current_site": PortalSite.current(), **context}
        msg = self.render_mail(template_prefix, email, context)
        body = msg.body
        send_email.enqueue(subject=msg.subject, body=body, to=list(msg.to))

    def is_reauthentication_required(self, *, app: str, **kwargs) -> bool:
        """Setting up a second factor right after logging in (where privileged roles are sent)
        does not ask for the password again: the login a few minutes ago was that proof."""
        if app == "allauth.mfa" and self.request is not None and _just_logged_in(self.request):
            return False
        return super().is_reauthentication_required(app=app, **kwargs)


def _just_logged_in(request) -> bool:
    import time

    from allauth.account import app_settings
    from allauth.account.internal.flows.login import get_authentication_records

    if not request.user.is_authenticated:
        return False
    records = get_authentication_records(request, request.user)
    return bool(records) and time.time() - records[-1]["at"] < app_settings.REAUTHENTICATION_TIMEOUT


class MFAAdapter(DefaultMFAAdapter):
    def can_delete_authenticator(self, authenticator) -> bool:
        """A person whose role needs MFA cannot remove their last app or passkey."""
        from allauth.mfa.models import Authenticator

        from .selectors import needs_mfa

        factors = [Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN]
        if authenticator.type not in factors or not needs_mfa(authenticator.user):
            return True
        others = Authenticator.objects.filter(user=authenticator.user, type__in=factors)
        return others.exclude(pk=authenticator.pk).exists()
