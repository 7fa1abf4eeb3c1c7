from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    name = "youthcities.privacy"
    label = "privacy"
    verbose_name = _("Your data")

    def ready(self):
        from . import kinds

        kinds.register_ground_floor()
