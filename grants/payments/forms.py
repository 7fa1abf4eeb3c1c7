"""Finance's forms: a manual transfer with its evidence. Amounts are typed in the reader's
language and parsed to Decimal."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from grants.payments.models import ManualPayment
from youthcities.money import MoneyError, format_amount, parse_amount


def _amount(form, name: str, currency: str, *, required: bool):
    text = (form.cleaned_data.get(name) or "").strip()
    if not text:
        if required:
            form.add_error(name, _("Give an amount, e.g. 250."))
        return None
    try:
        return parse_amount(text, currency)
    except MoneyError as error:
        form.add_error(name, error.message)
        return None


class ManualPaymentForm(forms.Form):
    method = forms.ChoiceField(
        label=_("How was the money sent?"),
        choices=ManualPayment.Method.choices,
        widget=forms.RadioSelect,
    )
    reference = forms.CharField(label=_("Transfer reference"), max_length=120)
    paid_on = forms.DateField(
        label=_("Date of the transfer"), widget=forms.DateInput(attrs={"type": "date"})
    )
    amount = forms.CharField(label=_("Amount sent"), max_length=30)
    currency = forms.ChoiceField(
        label=_("Currency"),
        help_text=_("A tranche is paid in its award's currency."),
    )
    evidence = forms.FileField(
        label=_("Evidence"),
        help_text=_("The bank's or the mobile money operator's receipt: PDF, JPEG or PNG."),
    )

    def __init__(self, *args, currency: str, amount=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["currency"].choices = [(currency, currency)]
        self.fields["currency"].initial = currency
        if amount is not None:  # the tranche's amount, as the reader writes numbers
            self.fields["amount"].initial = format_amount(amount, currency)

    def clean_paid_on(self):
        day = self.cleaned_data["paid_on"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("The date of the transfer cannot be in the future."))
        return day

    def clean(self):
        data = super().clean()
        currency = data.get("currency")
        if currency and "amount" in data:
            data["amount"] = _amount(self, "amount", currency, required=True)
        return data
