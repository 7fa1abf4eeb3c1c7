from django import forms
from django.utils.translation import gettext_lazy as _

from youthcities.reminders.models import Delivery


class ReminderChoicesForm(forms.Form):
    """One choice per kind of reminder the person can receive."""

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        for kind, current in choices:
            options = [
                (value, label)
                for value, label in Delivery.choices
                if kind.optional or value != Delivery.NEVER
            ]
            self.fields[kind.code] = forms.ChoiceField(
                label=kind.label,
                choices=options,
                initial=current,
                widget=forms.RadioSelect,
                help_text=None if kind.optional else _("Always sent: it concerns your security."),
            )
