from django.urls import include, path
from wagtail import hooks
from wagtail.snippets.models import register_snippet

from . import admin_views
from .views import NetworkViewSetGroup

register_snippet(NetworkViewSetGroup)


@hooks.register("register_admin_urls")
def register_participants_url():
    return [path("", include((admin_views.urlpatterns, "network_admin")))]
