from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Introduction


class AskForm(forms.Form):
    wish = forms.CharField(
        label=_("What do you want to learn from this city?"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 5, "dir": "auto"}),
        help_text=_(
            "The programme team reads it and finds the right person. Nobody sees your email "
            "until both of you agree."
        ),
    )


class OutcomeForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("What came of it?"),
        choices=Introduction.Outcome.choices,
        widget=forms.RadioSelect,
    )


class ContactForm(forms.Form):
    role = forms.CharField(
        label=_("Your role, as members see it"),
        max_length=120,
        widget=forms.TextInput(attrs={"dir": "auto"}),
        help_text=_("For example: youth officer, head of the social cohesion unit."),
    )
    takes_requests = forms.BooleanField(
        label=_("Send introduction requests straight to me"),
        required=False,
        help_text=_(
            "Requests about your city come to you at once instead of waiting for the programme "
            "team. You still accept or decline each one; your email is shared only if you accept."
        ),
    )
