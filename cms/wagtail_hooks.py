from django import forms
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.admin.viewsets.model import ModelViewSet

from youthcities.admin_columns import day_column
from youthcities.pagecache import mark_cacheable

from .models import Resource


@hooks.register("before_serve_page")
def cache_public_pages(page, request, serve_args, serve_kwargs):
    # Only pages anyone may see are cached; the cache middleware adds the other conditions.
    if not page.get_view_restrictions().exists():
        mark_cacheable(request)


class ResourceViewSet(ModelViewSet):
    """The resource library: toolkits, guides and reports, managed by programme staff."""

    model = Resource
    icon = "doc-full"
    menu_label = gettext_lazy("Resources")
    menu_order = 250
    add_to_admin_menu = True
    url_prefix = "resources"
    url_namespace = "cms_resources"
    list_display = [
        "title",
        "kind",
        "theme",
        "city",
        "language",
        "members_only",
        day_column(Resource, "published_on"),
    ]
    list_filter = ["kind", "theme", "language", "region"]
    search_fields = ["title", "description"]
    search_backend_name = None
    panels = [
        FieldPanel("title"),
        FieldPanel("description"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("theme"), FieldPanel("language")]),
        FieldPanel("document"),
        FieldRowPanel(
            [
                FieldPanel("city", widget=forms.Select),
                FieldPanel("region"),
                FieldPanel("published_on"),
            ]
        ),
        FieldPanel("members_only"),
    ]


@hooks.register("register_admin_viewset")
def register_resource_viewset():
    return ResourceViewSet("resources")
