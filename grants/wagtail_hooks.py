from django.templatetags.static import static
from django.urls import include, path
from django.utils.html import format_html
from wagtail import hooks

from . import review_admin
from .admin_viewsets import GrantsViewSetGroup


@hooks.register("register_admin_viewset")
def register_grants_viewsets():
    return GrantsViewSetGroup()


@hooks.register("register_admin_urls")
def register_review_admin_urls():
    return [path("", include((review_admin.urlpatterns, "grants_review_admin")))]


@hooks.register("insert_global_admin_css")
def review_admin_css():
    return format_html('<link rel="stylesheet" href="{}">', static("grants/admin.css"))
