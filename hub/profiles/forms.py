from django import forms
from django.utils.translation import gettext_lazy as _

from youthcities.network.themes import Theme


class SectionForm(forms.Form):
    text_en = forms.CharField(
        label=_("Text (English)"),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 4, "dir": "ltr", "lang": "en"}),
    )
    text_fr = forms.CharField(
        label=_("Text (French)"),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 4, "dir": "ltr", "lang": "fr"}),
    )
    text_ar = forms.CharField(
        label=_("Text (Arabic)"),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 4, "dir": "rtl", "lang": "ar"}),
    )
    themes = forms.MultipleChoiceField(
        label=_("Themes"),
        choices=Theme.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    members_only = forms.BooleanField(
        label=_("Members only"),
        required=False,
        help_text=_(
            "Everyone sees that this section exists; only members of the hub read its text."
        ),
    )

    def clean(self):
        data = super().clean()
        if not any(data.get(f"text_{code}", "").strip() for code in ("en", "fr", "ar")):
            raise forms.ValidationError(_("Write the section in at least one language."))
        return data


class FindCitiesForm(forms.Form):
    theme = forms.ChoiceField(
        label=_("Theme"), choices=[("", _("All themes"))] + Theme.choices, required=False
    )
    q = forms.CharField(label=_("Words"), required=False, max_length=100)
