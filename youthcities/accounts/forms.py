import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .consent_ages import MINIMUM_AGE, consent_age_for
from .countries import country_choices, country_name
from .models import Language, age_on
from .selectors import needs_guardian_consent, same_mailbox
from .services import user_complete_profile

NOT_YOUR_OWN = _("Enter your parent's or guardian's email, not your own.")


class DateInput(forms.DateInput):
    input_type = "date"


def _blank_first():
    return [("", _("Choose your country")), *country_choices()]


class SignupForm(forms.Form):
    """Fields allauth adds to its sign-up form. Nothing is stored unless all of them are valid."""

    display_name = forms.CharField(
        label=_("Display name"),
        max_length=60,
        widget=forms.TextInput(attrs={"dir": "auto"}),  # a Latin name typed on an Arabic page
        help_text=_("Shown in public instead of your real name. Choose a nickname if you like."),
    )
    legal_name = forms.CharField(
        label=_("Full legal name"),
        max_length=150,
        required=False,
        help_text=_("Private. Needed only if you receive a grant."),
    )
    date_of_birth = forms.DateField(
        label=_("Date of birth"),
        widget=DateInput(),
        help_text=_("Private. Used to check your age; never shown in public."),
    )
    country = forms.ChoiceField(label=_("Country"), choices=_blank_first)
    city = forms.CharField(
        label=_("City or town"), max_length=100, widget=forms.TextInput(attrs={"dir": "auto"})
    )
    preferred_language = forms.ChoiceField(label=_("Preferred language"), choices=Language.choices)
    guardian_email = forms.EmailField(
        label=_("Parent's or guardian's email"),
        required=False,
        help_text=_(
            "Needed if you are younger than the age of digital consent where you live "
            "(16 in many countries). We will ask them to agree."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if get_language() in dict(Language.choices):
            self.fields["preferred_language"].initial = get_language()

    def clean_date_of_birth(self):
        born = self.cleaned_data["date_of_birth"]
        today = timezone.localdate()
        if born > today:
            raise forms.ValidationError(_("Your date of birth cannot be in the future."))
        if born < today - datetime.timedelta(days=365 * 120):
            raise forms.ValidationError(_("Please check your date of birth."))
        if age_on(born, today) < MINIMUM_AGE:
            raise forms.ValidationError(
                _("Sorry, you must be %(age)d or older to register.") % {"age": MINIMUM_AGE},
                code="too_young",
            )
        return born

    def clean(self):
        data = super().clean()
        born, country = data.get("date_of_birth"), data.get("country")
        if born and country:
            age = age_on(born, timezone.localdate())
            if needs_guardian_consent(age=age, country=country):
                guardian = data.get("guardian_email", "")
                if not guardian:
                    self.add_error(
                        "guardian_email",
                        _(
                            "In %(country)s people under %(age)d need a parent's or guardian's "
                            "agreement. Enter their email address."
                        )
                        % {"country": country_name(country), "age": consent_age_for(country)},
                    )
                elif same_mailbox(self.data.get("email") or "", guardian):
                    self.add_error("guardian_email", NOT_YOUR_OWN)
        return data

    def signup(self, request, user):
        """Called by allauth once the account row exists."""
        data = self.cleaned_data
        user_complete_profile(
            user=user,
            display_name=data["display_name"],
            legal_name=data["legal_name"],
            date_of_birth=data["date_of_birth"],
            country=data["country"],
            city=data["city"],
            preferred_language=data["preferred_language"],
            guardian_email=data.get("guardian_email", ""),
        )


class ProfileForm(forms.Form):
    """What a person may change about themselves. The legal name and the date of birth are not
    here: they are checked when a grant is paid and by the age rules, so staff change them."""

    display_name = SignupForm.base_fields["display_name"]
    city = SignupForm.base_fields["city"]
    preferred_language = forms.ChoiceField(
        label=_("Preferred language"),
        choices=Language.choices,
        help_text=_("The portal and its emails speak to you in this language."),
    )
    guardian_email = forms.EmailField(
        label=_("Parent's or guardian's email"),
        help_text=_("We will send them a new link to agree; earlier links stop working."),
    )

    def __init__(self, *args, user, asks_guardian: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        if not asks_guardian:
            del self.fields["guardian_email"]

    def clean_guardian_email(self):
        guardian = self.cleaned_data["guardian_email"]
        if same_mailbox(self.user.email, guardian):
            raise forms.ValidationError(NOT_YOUR_OWN)
        return guardian


class GuardianConfirmForm(forms.Form):
    guardian_name = forms.CharField(label=_("Your full name"), max_length=150)
    agree = forms.BooleanField(
        label=_(
            "I am this young person's parent or legal guardian and I agree that they may use "
            "the Young Cities portal."
        )
    )


class GuardianResendForm(forms.Form):
    guardian_email = forms.EmailField(label=_("Parent's or guardian's email"))
