"""The campaign editor's form (CampaignPage.base_form_class): what people type is laid out by
its own direction (Arabic right to left in an English admin, and the other way round); the lab
and commitment choices name their city and date; a new campaign starts from the safeguarding
do's and don'ts beside it. Nothing here imports the models (they import it)."""

from django import forms
from django.utils.functional import lazy
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.forms import WagtailAdminPageForm

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


def _guidance() -> str:
    """The do's and don'ts, in the editor's language, above the body while an author writes.
    Not in the body itself: a note an author forgot to delete would be published, and a body
    block the moderator's form must re-validate."""
    return format_html(
        "<h2>{}</h2><p><b>{}</b></p>{}<p><b>{}</b></p>{}<p><i>{}</i></p>",
        _("Before you write: keeping safe"),
        _("Do"),
        _points(DOS),
        _("Don't"),
        _points(DONTS),
        _("A moderator checks every campaign against these points before it is published."),
    )


# Rendered when the editor opens, in the language of the person editing.
safeguarding_guidance = lazy(_guidance, SafeString)()


class CampaignPageForm(WagtailAdminPageForm):
    def __init__(self, *args, **kwargs):
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
