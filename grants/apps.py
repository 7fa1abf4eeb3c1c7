from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GrantsConfig(AppConfig):
    name = "grants"
    verbose_name = _("Innovation grants")

    def ready(self):
        # Connect the receivers of the lower floors' signals (`calls.signals.rubric_saved`,
        # `calls.signals.ranking_changed`, `payments.signals.tranche_paid`) in every process,
        # the task worker included (it never loads the URLs).
        # Each floor's reminder kinds and calendar deadlines join the ground floor's registry.
        from grants.applications import reminders as application_reminders  # noqa: F401
        from grants.applications.services import on_guardian_consent_withdrawn
        from grants.awards import reminders as award_reminders  # noqa: F401
        from grants.awards import services as awards  # noqa: F401
        from grants.payments import reminders as payment_reminders  # noqa: F401
        from grants.privacy import register_kinds, register_purges
        from grants.review import reminders as review_reminders  # noqa: F401
        from grants.review import scores  # noqa: F401
        from grants.review import services as review  # noqa: F401
        from youthcities.accounts.signals import guardian_consent_withdrawn

        register_kinds()
        register_purges()
        guardian_consent_withdrawn.connect(
            on_guardian_consent_withdrawn, dispatch_uid="grants-guardian-withdrawn"
        )
