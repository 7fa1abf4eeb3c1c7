from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "youthcities.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from .backends import connect_membership_signals

        connect_membership_signals(self.get_model("User"))
