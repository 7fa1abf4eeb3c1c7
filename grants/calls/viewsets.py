"""Programme staff set up calls and their rubric in the Wagtail admin."""

from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
)
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.model import ModelViewSet

from grants.calls.forms import GrantCallForm
from grants.calls.models import GrantCall, GroupKind
from youthcities.admin_columns import moment_column, money_column
from youthcities.network.themes import Theme


def _choices_widget(choices):
    from grants.calls.forms import JSONChoicesWidget

    return JSONChoicesWidget(choices=choices.choices)


def _review_links(call):
    return format_html(
        '<a href="{}">{}</a> · <a href="{}">{}</a>',
        reverse("grants_review_admin:ranking", args=[call.pk]),
        gettext_lazy("Ranking"),
        reverse("grants_review_admin:assign", args=[call.pk]),
        gettext_lazy("Reviewers"),
    )


class GrantCallViewSet(ModelViewSet):
    model = GrantCall
    icon = "form"
    menu_label = gettext_lazy("Calls")
    url_prefix = "grants/calls"
    url_namespace = "grants_calls"
    list_display = [
        "title_en",
        moment_column(GrantCall, "opens_at"),
        moment_column(GrantCall, "closes_at"),
        money_column(GrantCall, "max_amount"),
        Column("review", label=gettext_lazy("Review"), accessor=_review_links),
    ]
    search_fields = ["title_en", "title_fr", "title_ar", "slug"]
    search_backend_name = None
    _panels = [
        MultiFieldPanel(
            [
                FieldPanel("title_en"),
                FieldPanel("title_fr"),
                FieldPanel("title_ar"),
                FieldPanel("slug"),
            ],
            heading=gettext_lazy("Title"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("description_en"),
                FieldPanel("description_fr"),
                FieldPanel("description_ar"),
            ],
            heading=gettext_lazy("Description"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")]),
                FieldPanel("timezone"),
            ],
            heading=gettext_lazy("Dates"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("cities"),
                FieldRowPanel([FieldPanel("min_age"), FieldPanel("max_age")]),
                FieldPanel("min_team_size"),
                FieldPanel("group_kinds", widget=_choices_widget(GroupKind)),
                FieldPanel("themes", widget=_choices_widget(Theme)),
            ],
            heading=gettext_lazy("Eligibility"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("currency"), FieldPanel("max_amount")]),
                FieldPanel("blind_review"),
                FieldPanel("reviewer_discussion"),
                FieldRowPanel(
                    [
                        FieldPanel("reviewers_per_application"),
                        FieldPanel("review_closes_at"),
                        FieldPanel("disagreement_threshold"),
                    ]
                ),
                FieldPanel("declined_retention_months"),
            ],
            heading=gettext_lazy("Money and review"),
        ),
        FieldPanel("questions", heading=gettext_lazy("Questions")),
        InlinePanel(
            "criteria",
            heading=gettext_lazy("Rubric"),
            label=gettext_lazy("Criterion"),
            panels=[
                FieldRowPanel(
                    [FieldPanel("name_en"), FieldPanel("name_fr"), FieldPanel("name_ar")]
                ),
                FieldPanel("guidance_en"),
                FieldPanel("guidance_fr"),
                FieldPanel("guidance_ar"),
                FieldRowPanel(
                    [FieldPanel("weight"), FieldPanel("scale_min"), FieldPanel("scale_max")]
                ),
                FieldPanel("allow_not_applicable"),
            ],
        ),
    ]
    edit_handler = ObjectList(_panels, base_form_class=GrantCallForm)
