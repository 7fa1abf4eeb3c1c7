from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "youthcities.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from .services import roles_ensure_groups

        # Permissions only exist after every app has migrated, hence post_migrate.
        post_migrate.connect(
            lambda **kwargs: roles_ensure_groups(), dispatch_uid="accounts-roles", weak=False
        )
