"""The campaign editor's form (CampaignPage.base_form_class): what people type is laid out by
its own direction (Arabic right to left in an English admin, and the other way round); the lab
and commitment choices name their city and date; a new campaign starts from the safeguarding
do's and don'ts. Nothing here imports the models (they import it)."""

from django import forms
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.rich_text import RichText

from youthcities.network.workshops.selectors import (
    commitment_label,
    commitments_all,
    workshop_label,
    workshops_all,
)

TEXT_WIDGETS = (forms.TextInput, forms.Textarea)


DOS = (
    gettext_lazy(
        "Sign with your display name; never give your full name, address, school or phone number."
    ),
    gettext_lazy(
        "Ask before you show someone's face, and only show a young person under 18 with their "
        "guardian's agreement."
    ),
    gettext_lazy(
        "Argue against ideas, never against people or a whole group; check your facts and name "
        "your sources."
    ),
    gettext_lazy(
        "Say where to find help, and tell the moderator or an adult you trust if anyone "
        "threatens you."
    ),
)
DONTS = (
    gettext_lazy("Don't repeat, show or link to extremist propaganda, not even to criticise it."),
    gettext_lazy("Don't show symbols of violent groups or pictures of violence."),
    gettext_lazy("Don't answer abuse: report it to the moderator."),
)


def _points(items) -> str:
    return format_html("<ul>{}</ul>", format_html_join("", "<li>{}</li>", ((i,) for i in items)))


def safeguarding_template() -> list[tuple[str, object]]:
    """A new campaign's body: the do's and don'ts to keep in mind, in the author's language,
    and where their own text goes. They delete it as they write."""
    guidance = format_html(
        "<p><b>{}</b></p>{}<p><b>{}</b></p>{}<p><i>{}</i></p>",
        _("Do"),
        _points(DOS),
        _("Don't"),
        _points(DONTS),
        _(
            "A moderator checks every campaign against these points before it is published. "
            "Delete this note and write your campaign."
        ),
    )
    return [
        ("heading", {"text": _("Before you write: keeping safe"), "level": "h2"}),
        ("paragraph", RichText(guidance)),
    ]


class CampaignPageForm(WagtailAdminPageForm):
    def __init__(self, *args, **kwargs):
        instance = kwargs.get("instance")
        if instance is not None and instance.pk is None and not instance.body:
            instance.body = safeguarding_template()
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field.widget, TEXT_WIDGETS) and not field.widget.is_hidden:
                field.widget.attrs.setdefault("dir", "auto")
        if "workshop" in self.fields:
            self.fields["workshop"].queryset = workshops_all()
            self.fields["workshop"].label_from_instance = workshop_label
        if "serves" in self.fields:
            self.fields["serves"].queryset = commitments_all()
            self.fields["serves"].label_from_instance = commitment_label
