from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    name = "youthcities.privacy"
    label = "privacy"
    verbose_name = _("Your data")

    def ready(self):
        from . import kinds, purges

        kinds.register_ground_floor()
        purges.register_ground_floor_purges()
