from django.apps import AppConfig
from django.db.models.signals import post_delete, post_migrate, post_save
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = _("Site pages")

    def ready(self):
        from youthcities.pagecache import page_cache_clear

        from .permissions import after_migrate

        post_migrate.connect(after_migrate, dispatch_uid="cms-staff-permissions")

        from .models import FooterLink, FooterSettings, NavigationLink, NavigationSettings

        # Menus and footers appear on every page: a change to them empties the page cache.
        def clear(**kwargs):
            page_cache_clear()

        for model in (NavigationSettings, NavigationLink, FooterSettings, FooterLink):
            post_save.connect(clear, sender=model, weak=False, dispatch_uid=f"pc-{model.__name__}")
            post_delete.connect(
                clear, sender=model, weak=False, dispatch_uid=f"pc-del-{model.__name__}"
            )
