from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from grants.payments.views import stripe_webhook
from youthcities import views
from youthcities.accounts import views as account_views

urlpatterns = [
    path("", views.root_redirect, name="root"),
    path("healthz", views.healthz, name="healthz"),
    path("favicon.ico", views.favicon, name="favicon"),
    # One door in: Wagtail's login and password reset send people to allauth's.
    path("admin/login/", account_views.admin_login, name="admin_login_redirect"),
    re_path(
        r"^admin/password_reset/",
        account_views.admin_password_reset,
        name="admin_password_reset_redirect",
    ),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("stripe/webhook/", stripe_webhook, name="stripe_webhook"),
]

if settings.DEBUG or settings.TESTING or getattr(settings, "BENCH", False):
    urlpatterns.append(path("bench/bare/", views.bare, name="bench_bare"))

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += i18n_patterns(
    path("account/", include("youthcities.privacy.urls")),
    path("account/", include("allauth.urls")),
    path("_util/login/", account_views.frontend_login, name="frontend_login_redirect"),
    path("", include("youthcities.accounts.urls")),
    path("", include("youthcities.reminders.urls")),
    path("", include("grants.urls")),
    path("", include("grants.review.urls")),
    path("", include("youthcities.network.urls")),
    path("", include("campaigns.urls")),
    path("", include("hub.urls")),
    path("", include("training.urls")),
    path("", include("cms.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)

handler404 = "youthcities.views.page_not_found"
handler500 = "youthcities.views.server_error"
