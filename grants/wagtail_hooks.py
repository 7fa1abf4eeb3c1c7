from django.templatetags.static import static
from django.urls import include, path, reverse_lazy
from django.utils.html import format_html
from django.utils.translation import gettext_lazy
from wagtail import hooks

from youthcities.accounts.roles import FINANCE, PROGRAMME_STAFF

from . import award_admin, links_admin, review_admin
from .admin_viewsets import GrantsViewSetGroup
from .award_admin import RoleMenuItem


@hooks.register("register_admin_viewset")
def register_grants_viewsets():
    return GrantsViewSetGroup()


@hooks.register("register_admin_urls")
def register_review_admin_urls():
    return [path("", include((review_admin.urlpatterns, "grants_review_admin")))]


@hooks.register("register_admin_urls")
def register_links_admin_urls():
    return [path("", include((links_admin.urlpatterns, "grants_links_admin")))]


@hooks.register("register_admin_urls")
def register_award_admin_urls():
    return [path("", include((award_admin.urlpatterns, "grants_award_admin")))]


@hooks.register("register_admin_menu_item")
def awards_menu_item():
    return RoleMenuItem(
        gettext_lazy("Awards"),
        reverse_lazy("grants_award_admin:awards"),
        name="awards",
        icon_name="doc-full",
        order=310,
        roles=(PROGRAMME_STAFF, FINANCE),
    )


@hooks.register("register_admin_menu_item")
def finance_menu_item():
    return RoleMenuItem(
        gettext_lazy("Finance"),
        reverse_lazy("grants_award_admin:finance"),
        name="finance",
        icon_name="table",
        order=320,
        roles=(FINANCE,),
    )


@hooks.register("insert_global_admin_css")
def review_admin_css():
    return format_html('<link rel="stylesheet" href="{}">', static("grants/admin.css"))
