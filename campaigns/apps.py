from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CampaignsConfig(AppConfig):
    name = "campaigns"
    verbose_name = _("Campaigns")

    def ready(self):
        from . import images, signals

        images.connect()
        signals.connect()

        from .privacy import register_kinds, register_purges

        register_kinds()
        register_purges()
