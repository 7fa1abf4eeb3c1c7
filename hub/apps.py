from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HubConfig(AppConfig):
    name = "hub"
    verbose_name = _("Online Hub")

    def ready(self):
        from hub.introductions import reminders  # noqa: F401  (registers its reminder kind)
