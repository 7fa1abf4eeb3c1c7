from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    name = "youthcities.network"
    label = "network"
    verbose_name = _("Cities network")

    def ready(self):
        from .privacy import register_kinds

        register_kinds()
