from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from grants.webhooks import stripe_webhook

from . import views

urlpatterns = [
    path("", views.root_redirect, name="root"),
    path("healthz", views.healthz, name="healthz"),
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
    path("account/", include("allauth.urls")),
    path("", include("youthcities.accounts.urls")),
    path("", include("grants.urls")),
    path("", include("grants.review_urls")),
    path("", include("youthcities.network.urls")),
    path("", include("campaigns.urls")),
    path("", include("cms.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)

handler404 = "youthcities.views.page_not_found"
handler500 = "youthcities.views.server_error"
