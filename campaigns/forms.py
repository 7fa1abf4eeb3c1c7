import time

from django import forms
from django.core import signing
from django.utils.translation import gettext_lazy as _

from .models import AbuseReport

# A person takes a few seconds to fill the form in; a script posts at once.
MIN_SECONDS = 3
STARTED_SALT = "campaigns.form.started"


class HumanCheckMixin(forms.Form):
    """Spam resistance without third parties: a field people never see must stay empty, and the
    form must have been opened a few seconds before it is sent."""

    website = forms.CharField(
        label=_("Leave this empty"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )
    started = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["started"] = signing.dumps(time.time(), salt=STARTED_SALT)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("website"):
            raise forms.ValidationError(_("Please leave the last field empty."), code="spam")
        try:
            started = signing.loads(cleaned.get("started") or "", salt=STARTED_SALT)
        except signing.BadSignature:
            raise forms.ValidationError(
                _("This form has expired. Please send it again."), code="expired"
            ) from None
        if time.time() - float(started) < MIN_SECONDS:
            raise forms.ValidationError(
                _("That was quick! Please check the form and send it again."), code="too_fast"
            )
        return cleaned


class SupportForm(HumanCheckMixin):
    display_name = forms.CharField(
        label=_("Your name (optional)"),
        required=False,
        max_length=60,
        help_text=_("Shown nowhere: it is for the campaign's thank-you message."),
    )
    wants_updates = forms.BooleanField(
        label=_("Send me news of this campaign by email"), required=False
    )
    email = forms.EmailField(
        label=_("Email (only if you want news)"),
        required=False,
        help_text=_(
            "We keep it only if you tick the box above and then confirm it from the email we send."
        ),
    )
    field_order = ["display_name", "wants_updates", "email", "website", "started"]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("wants_updates") and not cleaned.get("email"):
            self.add_error("email", _("Give your email to receive news, or untick the box."))
        return cleaned


class ReportForm(HumanCheckMixin):
    about = forms.ChoiceField(
        label=_("Who is this about?"),
        choices=AbuseReport.About.choices,
        initial=AbuseReport.About.CAMPAIGN,
        widget=forms.RadioSelect,
        help_text=_(
            "Choose the person who wrote it if they are harassed, threatened or exposed because "
            "of this campaign: a moderator acts first on these."
        ),
    )
    reason = forms.ChoiceField(
        label=_("What is wrong?"), choices=AbuseReport.Reason.choices, widget=forms.RadioSelect
    )
    details = forms.CharField(
        label=_("Tell us more (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    field_order = ["about", "reason", "details", "website", "started"]


class UnpublishForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is it taken down?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The authors read this."),
    )
    confirm = forms.BooleanField(
        label=_("I understand the campaign stops being public at once."), required=True
    )


class DismissForm(forms.Form):
    note = forms.CharField(
        label=_("Note for the record"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
