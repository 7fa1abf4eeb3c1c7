from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """Demo data for a local run and the browser journeys: `seed_demo` and `demo_info`.

    It stands above every app and nothing imports it (tests aside)."""

    name = "demo"
    verbose_name = _("Demo data")
