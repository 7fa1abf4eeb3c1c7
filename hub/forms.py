from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from cms.selectors import HubFilters
from youthcities.network.cities.models import City, Region
from youthcities.network.themes import Theme

from .models import DocumentKind, Visibility


class MembershipForm(forms.Form):
    city = forms.ModelChoiceField(
        label=_("Your city"), queryset=City.objects.order_by("name"), empty_label=_("Choose…")
    )
    organisation = forms.CharField(
        label=_("Organisation"),
        max_length=200,
        help_text=_("The municipality, NGO or group you work for."),
    )
    role = forms.CharField(label=_("Your role"), max_length=120)
    reason = forms.CharField(
        label=_("Why do you want to join?"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("A few lines for the programme team. At most 1,000 characters."),
    )


class DocumentForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=_("A PDF, Word (DOCX) or OpenDocument (ODT) file, at most 10 MB."),
    )
    title = forms.CharField(label=_("Title"), max_length=200)
    summary = forms.CharField(
        label=_("Summary"), max_length=1000, widget=forms.Textarea(attrs={"rows": 4})
    )
    kind = forms.ChoiceField(label=_("Kind of document"), choices=DocumentKind.choices)
    themes = forms.MultipleChoiceField(
        label=_("Themes"), choices=Theme.choices, widget=forms.CheckboxSelectMultiple
    )
    city = forms.ModelChoiceField(
        label=_("City"), queryset=City.objects.order_by("name"), empty_label=_("Choose…")
    )
    language = forms.ChoiceField(label=_("Language of the document"), choices=settings.LANGUAGES)
    visibility = forms.ChoiceField(
        label=_("Who may read it"),
        choices=Visibility.choices,
        initial=Visibility.MEMBERS,
        widget=forms.RadioSelect,
    )


class ReviewForm(forms.Form):
    note = forms.CharField(
        label=_("Note to the member"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Needed when you ask for changes or refuse: the member reads it."),
    )


class DecisionForm(forms.Form):
    note = forms.CharField(
        label=_("Note to the applicant"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Needed when you refuse: the applicant reads it."),
    )


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
