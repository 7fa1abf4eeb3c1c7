from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    name = "youthcities.network"
    label = "network"
    verbose_name = _("Cities network")

    def ready(self):
        # The network's reminder kinds and calendar dates join the ground floor's registry.
        from youthcities.network.privacy import register_kinds
        from youthcities.network.workshops import reminders  # noqa: F401

        register_kinds()
