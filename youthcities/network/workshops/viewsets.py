"""The staff screen of the labs and workshops."""

from django import forms
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.model import ModelViewSet

from youthcities.admin_columns import day_column
from youthcities.network.workshops.models import Workshop


def _participants_link(workshop):
    return format_html(
        '<a href="{}">{}</a>',
        reverse("network_admin:participants", args=[workshop.pk]),
        _("Invite and record attendance"),
    )


class WorkshopViewSet(ModelViewSet):
    """Programme staff manage the labs and workshops of every city."""

    model = Workshop
    icon = "date"
    menu_label = _("Workshops")
    url_prefix = "network/workshops"
    url_namespace = "network_workshops"
    list_display = [
        "title_en",
        "kind",
        "city",
        day_column(Workshop, "starts_on"),
        "capacity",
        Column("participants", label=_("Participants"), accessor=_participants_link),
    ]
    list_filter = ["kind", "city"]
    search_fields = ["title_en", "title_fr", "title_ar"]
    search_backend_name = None
    panels = [
        # A plain list: the network has a few dozen cities, a chooser would only slow staff down.
        FieldRowPanel([FieldPanel("kind"), FieldPanel("city", widget=forms.Select)]),
        MultiFieldPanel(
            [
                FieldPanel("title_en"),
                FieldPanel("title_fr"),
                FieldPanel("title_ar"),
                FieldPanel("slug"),
            ],
            heading=_("Title"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("description_en"),
                FieldPanel("description_fr"),
                FieldPanel("description_ar"),
            ],
            heading=_("Public description"),
        ),
        FieldRowPanel([FieldPanel("starts_on"), FieldPanel("ends_on"), FieldPanel("capacity")]),
        FieldPanel("venue"),
        MultiFieldPanel(
            [
                FieldPanel("facilitators_en"),
                FieldPanel("facilitators_fr"),
                FieldPanel("facilitators_ar"),
            ],
            heading=_("Facilitators"),
        ),
        InlinePanel(
            "sessions",
            heading=_("Agenda"),
            label=_("Session"),
            panels=[
                FieldRowPanel([FieldPanel("day"), FieldPanel("starts_at")]),
                FieldRowPanel(
                    [FieldPanel("title_en"), FieldPanel("title_fr"), FieldPanel("title_ar")]
                ),
            ],
        ),
    ]
