from django.urls import include, path
from wagtail import hooks

from . import review_admin
from .admin_viewsets import GrantsViewSetGroup


@hooks.register("register_admin_viewset")
def register_grants_viewsets():
    return GrantsViewSetGroup()


@hooks.register("register_admin_urls")
def register_review_admin_urls():
    return [path("", include((review_admin.urlpatterns, "grants_review_admin")))]
