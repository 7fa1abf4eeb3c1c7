"""Forms of awards: the grantee's agreement and reports, staff's report review, and finance's
manual payments. Amounts are typed in the reader's language and parsed to Decimal."""

from django import forms
from django.utils.translation import gettext_lazy as _

from grants.payments.forms import _amount


class AgreementForm(forms.Form):
    accept = forms.BooleanField(
        label=_(
            "I have read the grant agreement and accept it on behalf of my group: we will use the "
            "money for the project as planned and report on it."
        )
    )


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data]
        return [single(data, initial)] if data else []


class ReportForm(forms.Form):
    progress = forms.CharField(
        label=_("What has the project done so far?"),
        help_text=_("Activities, how many young people took part, what changed, what was hard."),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6, "maxlength": 5000}),
    )
    evidence = MultipleFileField(
        label=_("Evidence"),
        required=False,
        help_text=_(
            "Photos, attendance lists, receipts: PDF, Word, Excel, JPEG or PNG, 10 MB each."
        ),
    )

    def __init__(self, *args, budget_lines, currency: str, report=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.currency = currency
        self.lines = list(budget_lines)
        spent = {s.budget_line_id: s.amount for s in report.spending.all()} if report else {}
        for line in self.lines:
            self.fields[f"spent_{line.pk}"] = forms.CharField(
                label=_("Spent on “%(line)s”") % {"line": line.description},
                help_text=_("In %(currency)s. Leave empty if nothing yet.")
                % {"currency": currency},
                required=False,
                max_length=30,
                initial=spent.get(line.pk),
            )
        if report:
            self.fields["progress"].initial = report.progress

    def spending_fields(self):
        return [self[f"spent_{line.pk}"] for line in self.lines]

    def clean(self):
        data = super().clean()
        spending = {}
        for line in self.lines:
            amount = _amount(self, f"spent_{line.pk}", self.currency, required=False)
            if amount is not None:
                if amount < 0:
                    self.add_error(f"spent_{line.pk}", _("The amount cannot be negative."))
                spending[line.pk] = amount
        data["spending"] = spending
        return data


class ReportReviewForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("approve", _("Approve the report")), ("return", _("Return it for changes"))],
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Comment to the grantee"),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Needed when you return the report: say what should change."),
    )
