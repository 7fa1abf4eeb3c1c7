"""Forms of the review: the conflict declaration, the scoring form, and the staff forms."""

from django import forms
from django.utils.translation import gettext_lazy as _

from grants.calls.models import RubricCriterion
from grants.review.models import Review
from grants.review.services import ScoreInput

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


class ManualAssignmentForm(forms.Form):
    application = forms.ModelChoiceField(label=_("Application"), queryset=None)
    reviewer = forms.ModelChoiceField(label=_("Reviewer"), queryset=None)

    def __init__(self, *args, applications, reviewers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["application"].queryset = applications
        self.fields["reviewer"].queryset = reviewers
        self.fields["reviewer"].label_from_instance = lambda user: user.display_name
