"""Programme staff's screens for calls and applications in the Wagtail admin."""

import django_filters
from django.utils.translation import gettext_lazy
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet

from grants.applications.models import Application
from youthcities.admin_columns import moment_column
from youthcities.network.themes import Theme


class ApplicationFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(choices=Application.Status.choices)
    theme = django_filters.ChoiceFilter(choices=Theme.choices)

    class Meta:
        model = Application
        fields = ["call", "status", "city", "theme"]


class ApplicationIndexView(IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("call", "city", "applicant")


class ApplicationViewSet(ModelViewSet):
    """Staff see every application per call, filter, search and export them."""

    model = Application
    icon = "doc-full"
    menu_label = gettext_lazy("Applications")
    url_prefix = "grants/applications"
    url_namespace = "grants_applications"
    index_view_class = ApplicationIndexView
    list_display = [
        "reference",
        "title",
        "call",
        "city",
        "theme",
        "status",
        moment_column(Application, "submitted_at"),
    ]
    list_export = [
        "reference",
        "title",
        "call",
        "city",
        "theme",
        "status",
        "group_name",
        "submitted_at",
    ]
    export_filename = "applications"
    filterset_class = ApplicationFilterSet
    search_fields = ["reference", "title", "group_name"]
    search_backend_name = None
    inspect_view_enabled = True
    inspect_view_fields = [
        "reference", "status", "call", "city", "group_kind", "theme", "group_name",
        "organisation_name", "member_count", "lead_role", "title", "summary", "problem",
        "audience", "activities", "timeline", "submitted_at",
    ]  # fmt: skip
    form_fields = []  # never edited here (see the permission policy in wagtail_hooks)
