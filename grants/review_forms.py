"""Forms of the review: the conflict declaration, the scoring form, and the staff forms."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Decision, Review, RubricCriterion
from .money import MoneyError, minor_units, parse_amount

NOT_APPLICABLE = "na"


class DeclarationForm(forms.Form):
    conflict = forms.TypedChoiceField(
        label=_("Do you have a conflict of interest with this application?"),
        choices=[
            ("no", _("No: I do not know the applicants and gain nothing from the decision")),
            ("yes", _("Yes: I have a conflict of interest")),
        ],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("If yes, what is it?"),
        help_text=_("Staff read this. For example: “I coach this group”."),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean(self):
        data = super().clean()
        if data.get("conflict") and not data.get("reason", "").strip():
            self.add_error("reason", _("Say briefly what the conflict is."))
        return data


class ScoreForm(forms.Form):
    """A score (radio buttons over the criterion's scale, with "not applicable" where allowed)
    and a comment per criterion, then a recommendation and an overall comment."""

    recommendation = forms.ChoiceField(
        label=_("Your recommendation"),
        choices=Review.Recommendation.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    comment = forms.CharField(
        label=_("Overall comment"),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": 3000}),
    )

    def __init__(self, *args, criteria: list[RubricCriterion], review: Review | None, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        given = {s.criterion_id: s for s in review.scores.all()} if review else {}
        fields = {}
        for criterion in criteria:
            choices = [
                (str(value), str(value))
                for value in range(criterion.scale_min, criterion.scale_max + 1)
            ]
            if criterion.allow_not_applicable:
                choices.append((NOT_APPLICABLE, _("Not applicable")))
            earlier = given.get(criterion.pk)
            fields[f"score_{criterion.pk}"] = forms.ChoiceField(
                label=criterion.name,
                help_text=criterion.guidance,
                choices=choices,
                widget=forms.RadioSelect(attrs={"class": "scale"}),
                required=False,
                initial=(
                    (NOT_APPLICABLE if earlier.score is None else str(earlier.score))
                    if earlier
                    else None
                ),
            )
            fields[f"comment_{criterion.pk}"] = forms.CharField(
                label=_("Comment on “%(criterion)s”") % {"criterion": criterion.name},
                required=False,
                max_length=2000,
                widget=forms.Textarea(attrs={"rows": 2, "maxlength": 2000}),
                initial=earlier.comment if earlier else "",
            )
        # The criteria come first, then the recommendation and the overall comment.
        self.fields = {**fields, **self.fields}
        if review:
            self.fields["recommendation"].initial = review.recommendation
            self.fields["comment"].initial = review.comment

    def criterion_rows(self):
        for criterion in self.criteria:
            yield criterion, self[f"score_{criterion.pk}"], self[f"comment_{criterion.pk}"]

    def score_inputs(self):
        from .review_services import ScoreInput

        inputs = {}
        for criterion in self.criteria:
            value = self.cleaned_data.get(f"score_{criterion.pk}") or ""
            comment = self.cleaned_data.get(f"comment_{criterion.pk}", "")
            if value == NOT_APPLICABLE:
                inputs[criterion.pk] = ScoreInput(not_applicable=True, comment=comment)
            elif value:
                inputs[criterion.pk] = ScoreInput(score=int(value), comment=comment)
        return inputs

    def show_problems(self, problems: dict[int, str]) -> None:
        for criterion_id, message in problems.items():
            self.add_error(f"score_{criterion_id}" if criterion_id else "recommendation", message)


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

    share_agreement = forms.IntegerField(
        label=_("Share paid on the signed agreement (%)"), min_value=1, max_value=98, initial=50
    )
    share_midterm = forms.IntegerField(
        label=_("Share paid after the mid-term report (%)"), min_value=1, max_value=98, initial=30
    )
    share_final = forms.IntegerField(
        label=_("Share paid after the final report (%)"), min_value=1, max_value=98, initial=20
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
            for name in ("share_agreement", "share_midterm", "share_final"):
                self.fields[name].required = False

    SCHEDULE_FIELDS = (
        "share_agreement",
        "share_midterm",
        "share_final",
        "midterm_due",
        "final_due",
    )

    def schedule(self) -> dict:
        """The tranche schedule and report due dates of an approval, for `award_create`."""
        from decimal import Decimal

        from .award_services import ScheduleItem

        data = self.cleaned_data
        if data.get("outcome") != Decision.Outcome.APPROVE or "share_agreement" not in data:
            return {}
        shares = [data.get(n) for n in ("share_agreement", "share_midterm", "share_final")]
        return {
            "schedule": [
                ScheduleItem(condition, Decimal(share))
                for condition, share in zip(
                    ("agreement", "midterm_report", "final_report"), shares, strict=True
                )
            ],
            "midterm_due": data.get("midterm_due"),
            "final_due": data.get("final_due"),
        }

    def clean(self):
        data = super().clean()
        if data.get("outcome") == Decision.Outcome.APPROVE:
            try:
                data["amount"] = parse_amount(data.get("amount", ""), self.currency)
            except MoneyError as error:
                if str(error) == "too many decimals":
                    message = _("%(currency)s amounts have at most %(digits)d decimals.") % {
                        "currency": self.currency,
                        "digits": minor_units(self.currency),
                    }
                else:
                    message = _("Give the amount to award, e.g. 2500.")
                self.add_error("amount", message)
        else:
            data["amount"] = None
        if data.get("outcome") == Decision.Outcome.APPROVE and "share_agreement" in self.fields:
            defaults = {"share_agreement": 50, "share_midterm": 30, "share_final": 20}
            for name, default in defaults.items():
                if data.get(name) is None and name not in self.errors:
                    data[name] = default
            shares = [data.get(name) for name in defaults]
            if all(share is not None for share in shares) and sum(shares) != 100:
                self.add_error(
                    "share_final",
                    _("The three shares must add up to 100 %%, not %(sum)d %%.")
                    % {"sum": sum(shares)},
                )
            midterm, final = data.get("midterm_due"), data.get("final_due")
            if midterm and final and final <= midterm:
                self.add_error("final_due", _("The final report is due after the mid-term one."))
        if data.get("outcome") == Decision.Outcome.MORE_INFO and not data.get("message"):
            self.add_error("message", _("Say what information you need."))
        return data


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"), max_length=1000, widget=forms.Textarea(attrs={"rows": 3})
    )


class ManualAssignmentForm(forms.Form):
    application = forms.ModelChoiceField(label=_("Application"), queryset=None)
    reviewer = forms.ModelChoiceField(label=_("Reviewer"), queryset=None)

    def __init__(self, *args, applications, reviewers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["application"].queryset = applications
        self.fields["reviewer"].queryset = reviewers
        self.fields["reviewer"].label_from_instance = lambda user: user.display_name
