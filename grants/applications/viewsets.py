"""Programme staff's screens for calls and applications in the Wagtail admin."""

import django_filters
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.views.generic import IndexView, InspectView
from wagtail.admin.viewsets.model import ModelViewSet

from grants.applications.models import Application
from grants.applications.selectors import answer_rows, answers_as_text
from youthcities.admin_columns import moment_column
from youthcities.network.themes import Theme


class ApplicationFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(choices=Application.Status.choices)
    theme = django_filters.ChoiceFilter(choices=Theme.choices)

    class Meta:
        model = Application
        fields = ["call", "status", "city", "theme"]


class ApplicationIndexView(IndexView):
    export_headings = {"answers": gettext_lazy("Answers to the call's questions")}

    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .select_related("call", "city", "applicant", "questions_version")
        )

    def to_row_dict(self, item):
        """The export's "answers" column: each of the call's questions with its answer."""
        row = super().to_row_dict(item)
        if "answers" in row:
            row["answers"] = answers_as_text(item)
        return row


class ApplicationInspectView(InspectView):
    def get_answers_display_value(self):
        rows = answer_rows(self.object)
        if not rows:
            return "—"
        return format_html(
            "<dl>{}</dl>",
            format_html_join(
                "",
                '<dt dir="auto">{}</dt><dd dir="auto">{}</dd>',
                ((row["label"], row["text"]) for row in rows),
            ),
        )


class ApplicationViewSet(ModelViewSet):
    """Staff see every application per call, filter, search and export them."""

    model = Application
    icon = "doc-full"
    menu_label = gettext_lazy("Applications")
    url_prefix = "grants/applications"
    url_namespace = "grants_applications"
    index_view_class = ApplicationIndexView
    inspect_view_class = ApplicationInspectView
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
        "answers",
    ]
    export_filename = "applications"
    filterset_class = ApplicationFilterSet
    search_fields = ["reference", "title", "group_name"]
    search_backend_name = None
    inspect_view_enabled = True
    inspect_view_fields = [
        "reference", "status", "call", "city", "group_kind", "theme", "group_name",
        "organisation_name", "member_count", "lead_role", "title", "summary", "problem",
        "audience", "activities", "timeline", "answers", "submitted_at",
    ]  # fmt: skip
    form_fields = []  # never edited here (see the permission policy in wagtail_hooks)
