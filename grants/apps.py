from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GrantsConfig(AppConfig):
    name = "grants"
    verbose_name = _("Innovation grants")

    def ready(self):
        # Connect the receivers of the lower floors' signals (`calls.signals.rubric_saved`,
        # `payments.signals.tranche_paid`) in every process, the task worker included (it
        # never loads the URLs).
        from grants.awards import services as awards  # noqa: F401
        from grants.privacy import register_kinds, register_purges
        from grants.review import services as review  # noqa: F401

        register_kinds()
        register_purges()
