from django import forms
from django.utils.translation import gettext_lazy as _


class AccountDeleteForm(forms.Form):
    password = forms.CharField(
        label=_("Your password"),
        help_text=_("To be sure it is you."),
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    unpublish_campaigns = forms.BooleanField(
        label=_("Also take down the campaigns I wrote"),
        help_text=_("Otherwise they stay published under “Former member”."),
        required=False,
    )
    understood = forms.BooleanField(
        label=_("I understand that this cannot be undone"),
        required=True,
        error_messages={"required": _("Tick this box to delete your account.")},
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("This is not your password."))
        return password
