"""Programme staff write each call's decision letters in the Wagtail admin: one per decision
and language."""

from django.utils.translation import gettext_lazy
from wagtail.admin.panels import FieldPanel, FieldRowPanel, ObjectList
from wagtail.admin.viewsets.model import ModelViewSet

from grants.decisions.models import LetterTemplate


class LetterTemplateViewSet(ModelViewSet):
    model = LetterTemplate
    icon = "mail"
    menu_label = gettext_lazy("Decision letters")
    url_prefix = "grants/letters"
    url_namespace = "grants_letters"
    list_display = ["call", "outcome", "language"]
    list_filter = ["call", "outcome", "language"]
    search_fields = ["body"]
    search_backend_name = None
    edit_handler = ObjectList(
        [
            FieldPanel("call"),
            FieldRowPanel([FieldPanel("outcome"), FieldPanel("language")]),
            FieldPanel("body"),
        ]
    )
