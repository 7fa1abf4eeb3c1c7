from django.core.files.storage import FileSystemStorage, storages
from django.http import Http404, HttpResponseRedirect
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy
from wagtail import hooks

from cms.selectors import document_is_members_only
from youthcities.accounts.roles import PROGRAMME_STAFF
from youthcities.admin_views import RoleMenuItem

from . import admin_views
from .selectors import is_member


@hooks.register("before_serve_document")
def members_only_files(document, request):
    """A members-only resource's file is not there for anyone else (404: nothing leaks)."""
    if not is_member(request.user) and document_is_members_only(document.pk):
        raise Http404


@hooks.register("before_serve_document", order=100)
def presigned_on_s3(document, request):
    """Once every check has passed (this runs last): on S3, a short-lived presigned URL to the
    private file instead of streaming it through the app server. Locally Wagtail streams it."""
    if isinstance(storages["private"], FileSystemStorage):
        return None
    return HttpResponseRedirect(
        document.file.storage.url(
            document.file.name,
            parameters={"ResponseContentDisposition": document.content_disposition},
        )
    )


@hooks.register("register_admin_urls")
def register_hub_admin_urls():
    return [path("", include((admin_views.urlpatterns, "hub_admin")))]


@hooks.register("register_admin_menu_item")
def register_memberships_menu_item():
    return RoleMenuItem(
        gettext_lazy("Hub members"),
        reverse("hub_admin:memberships"),
        name="hub-memberships",
        icon_name="group",
        order=260,
        roles=(PROGRAMME_STAFF,),
    )


@hooks.register("register_admin_menu_item")
def register_reviews_menu_item():
    return RoleMenuItem(
        gettext_lazy("Hub documents"),
        reverse("hub_admin:reviews"),
        name="hub-documents",
        icon_name="doc-full",
        order=261,
        roles=(PROGRAMME_STAFF,),
    )


@hooks.register("register_admin_menu_item")
def register_introductions_menu_item():
    return RoleMenuItem(
        gettext_lazy("Introductions"),
        reverse("hub_admin:introductions"),
        name="hub-introductions",
        icon_name="user",
        order=262,
        roles=(PROGRAMME_STAFF,),
    )


@hooks.register("register_admin_menu_item")
def register_profiles_menu_item():
    return RoleMenuItem(
        gettext_lazy("City profiles"),
        reverse("hub_admin:profiles"),
        name="hub-profiles",
        icon_name="site",
        order=263,
        roles=(PROGRAMME_STAFF,),
    )
