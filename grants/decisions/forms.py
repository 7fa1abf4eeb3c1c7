"""The decision form: outcome, amount in the call's currency and the tranche schedule."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from grants.awards.schedule import (
    DEFAULT_SHARES,
    ScheduleItem,
    schedule_is_valid,
    schedule_total,
)
from grants.decisions.letters import check_placeholders
from grants.decisions.models import Decision
from grants.payments.models import Tranche
from youthcities.money import MoneyError, TooManyDecimals, parse_amount

C = Tranche.Condition
SHARE_FIELDS = {
    C.AGREEMENT: "share_agreement",
    C.MIDTERM_REPORT: "share_midterm",
    C.FINAL_REPORT: "share_final",
}


class DecisionForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Decision"), choices=Decision.Outcome.choices, widget=forms.RadioSelect
    )
    amount = forms.CharField(
        label=_("Amount to award"),
        required=False,
        help_text=_("Only for an approval: at most the amount requested and the call's maximum."),
    )
    message = forms.CharField(
        label=_("Message to the applicant"),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Sent with the decision; say what information is needed, if you ask for it."),
    )
    letter = forms.CharField(
        label=_("Letter for this applicant"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 8, "dir": "auto"}),
        help_text=_(
            "Empty: the call's letter for the decision you choose is sent, as shown above. "
            "Placeholders: {name}, {reference}, {amount}, {feedback}."
        ),
    )

    share_agreement = forms.IntegerField(
        label=_("Share paid on the signed agreement (%)"),
        min_value=1,
        max_value=98,
        initial=DEFAULT_SHARES[C.AGREEMENT],
    )
    share_midterm = forms.IntegerField(
        label=_("Share paid after the mid-term report (%)"),
        min_value=1,
        max_value=98,
        initial=DEFAULT_SHARES[C.MIDTERM_REPORT],
    )
    share_final = forms.IntegerField(
        label=_("Share paid after the final report (%)"),
        min_value=1,
        max_value=98,
        initial=DEFAULT_SHARES[C.FINAL_REPORT],
    )
    midterm_due = forms.DateField(
        label=_("Mid-term report due"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Empty: in three months."),
    )
    final_due = forms.DateField(
        label=_("Final report due"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Empty: in six months."),
    )

    SCHEDULE_FIELDS = (
        "share_agreement",
        "share_midterm",
        "share_final",
        "midterm_due",
        "final_due",
    )

    def __init__(self, *args, currency: str, outcomes: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.currency = currency
        self.fields["outcome"].choices = [
            (value, label) for value, label in Decision.Outcome.choices if value in outcomes
        ]
        if Decision.Outcome.APPROVE not in outcomes:
            for name in self.SCHEDULE_FIELDS:
                del self.fields[name]
        else:
            for name in SHARE_FIELDS.values():
                self.fields[name].required = False

    def schedule(self) -> dict:
        """The tranche schedule and report due dates of an approval, for `award_create`."""
        data = self.cleaned_data
        if data.get("outcome") != Decision.Outcome.APPROVE or "share_agreement" not in data:
            return {}
        return {
            "schedule": self._schedule(data),
            "midterm_due": data.get("midterm_due"),
            "final_due": data.get("final_due"),
        }

    @staticmethod
    def _schedule(data) -> list[ScheduleItem]:
        return [
            ScheduleItem(condition, Decimal(data[name])) for condition, name in SHARE_FIELDS.items()
        ]

    def clean_letter(self):
        letter = self.cleaned_data["letter"]
        check_placeholders(letter)
        return letter

    def clean(self):
        data = super().clean()
        if data.get("outcome") == Decision.Outcome.APPROVE:
            try:
                data["amount"] = parse_amount(data.get("amount", ""), self.currency)
            except TooManyDecimals as error:
                self.add_error("amount", error.message)
            except MoneyError:
                self.add_error("amount", _("Give the amount to award, e.g. 2500."))
        else:
            data["amount"] = None
        if data.get("outcome") == Decision.Outcome.APPROVE and "share_agreement" in self.fields:
            for condition, name in SHARE_FIELDS.items():
                if data.get(name) is None and name not in self.errors:
                    data[name] = DEFAULT_SHARES[condition]
            if all(data.get(name) is not None for name in SHARE_FIELDS.values()):
                schedule = self._schedule(data)
                if not schedule_is_valid(schedule):
                    self.add_error(
                        "share_final",
                        _("The three shares must add up to 100 %%, not %(sum)d %%.")
                        % {"sum": schedule_total(schedule)},
                    )
            midterm, final = data.get("midterm_due"), data.get("final_due")
            if midterm and final and final <= midterm:
                self.add_error("final_due", _("The final report is due after the mid-term one."))
        if data.get("outcome") == Decision.Outcome.MORE_INFO and not data.get("message"):
            self.add_error("message", _("Say what information you need."))
        return data
