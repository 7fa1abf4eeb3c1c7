"""The public campaign listing's filters. Imports no model of this app: the index page uses it."""

from django import forms
from django.conf import settings
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from youthcities.network.cities.models import City
from youthcities.network.themes import Theme


class CampaignFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    city = forms.ModelChoiceField(
        label=_("City"), queryset=City.objects.all(), required=False, empty_label=_("All cities")
    )
    theme = forms.ChoiceField(
        label=_("Theme"), choices=[("", _("All themes"))] + Theme.choices, required=False
    )
    language = forms.ChoiceField(
        label=_("Written in"),
        choices=[("", _("All languages"))] + list(settings.LANGUAGES),
        required=False,
    )

    def cleaned(self) -> dict:
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        return {
            "city": data["city"],
            "theme": data["theme"],
            "written_in": data["language"],
            "query": data["q"].strip(),
        }

    def query_string(self) -> str:
        """The filters for pagination links, without the page number."""
        if not self.is_bound or not self.is_valid():
            return ""
        pairs = {
            name: (value.pk if isinstance(value, City) else value)
            for name, value in self.cleaned_data.items()
            if value
        }
        return urlencode(pairs)
