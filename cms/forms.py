from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from youthcities.network.cities.models import City, Region
from youthcities.network.themes import Theme

from .selectors import HubFilters


class HubSearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    theme = forms.ChoiceField(
        label=_("Theme"), choices=[("", _("All themes"))] + Theme.choices, required=False
    )
    region = forms.ChoiceField(
        label=_("Region"), choices=[("", _("All regions"))] + Region.choices, required=False
    )
    city = forms.ModelChoiceField(
        label=_("City"), queryset=City.objects.all(), required=False, empty_label=_("All cities")
    )
    language = forms.ChoiceField(
        label=_("Language"),
        choices=[("", _("All languages"))] + list(settings.LANGUAGES),
        required=False,
    )

    def filters(self) -> HubFilters:
        if not self.is_bound or not self.is_valid():
            return HubFilters()
        data = self.cleaned_data
        return HubFilters(
            query=data["q"].strip(),
            theme=data["theme"],
            city=data["city"],
            region=data["region"],
            language=data["language"],
        )
