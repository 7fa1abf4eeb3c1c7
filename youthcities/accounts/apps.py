from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "youthcities.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from allauth.mfa.signals import authenticator_removed

        from youthcities.spreadsheets import protect_wagtail_exports

        from . import reminders  # noqa: F401  (registers its reminder kind)
        from .backends import connect_membership_signals
        from .middleware import forget_enrolment

        connect_membership_signals(self.get_model("User"))
        authenticator_removed.connect(forget_enrolment, weak=False)
        protect_wagtail_exports()
