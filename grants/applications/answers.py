"""The "Your answers" step: a form built from the version of the call's questions the draft
answers. Whether a question is shown follows its condition on the answers given (the one rule
in grants/calls/questions.py); a question hidden by its condition is never required and its
answer is dropped. Without JavaScript every question of the step is on the page, each
conditional one saying when it applies; the check step then shows only those that apply."""

import datetime

from django import forms
from django.utils.html import escape
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from grants.applications.forms import StepForm
from grants.applications.selectors import questions_of
from grants.applications.services import attachment_store
from grants.calls.questions import MISSING, NO, YES, Kind, Question, is_blank, shown_questions
from grants.errors import BadUpload, StorageUnavailable
from youthcities.money import MoneyError, TooManyDecimals, parse_amount

SHORT_TEXT_LENGTH = 200
LONG_TEXT_LENGTH = 10000  # a guard; the question's word limit is the rule applicants read
YES_NO = [(YES, gettext_lazy("Yes")), (NO, gettext_lazy("No"))]


class AnswersForm(StepForm):
    # The version the page was shown with: questions changed since are refused, not mixed up.
    questions_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = questions_of(self.application)
        self.by_field = {q.field_name: q for q in self.questions}
        self.fields["questions_version"].initial = self.application.questions_version_id
        by_name = {q.name: q for q in self.questions}
        for question in self.questions:
            self.fields[question.field_name] = self._field(question, by_name)
        self.stored = []

    def _field(self, question: Question, by_name) -> forms.Field:
        field = _FIELD_BUILDERS[question.kind](question, self)
        field.required = False  # required is checked in clean(), once conditions are known
        field.label = (
            question.label
            if question.required
            else _("%(label)s (optional)") % {"label": question.label}
        )
        helps = [question.help_text] if question.help_text else []
        if question.kind == Kind.LONG_TEXT and question.word_limit:
            helps.append(_("At most %(count)d words.") % {"count": question.word_limit})
        if question.kind == Kind.FILE:
            helps.append(_("PDF, DOCX, XLSX, JPG or PNG, up to 10 MB."))
            stored = (self.application.answers or {}).get(question.name)
            if stored:
                helps.append(_("Stored: %(name)s. Choose a file to replace it.") % stored)
        condition = question.condition
        target = by_name.get(condition.question) if condition else None
        if target is not None:
            helps.append(
                _("Answer only if your answer to “%(question)s” is “%(answer)s”.")
                % {"question": target.label, "answer": _answer_label(target, condition.value)}
            )
            field.widget.attrs.update(
                {"data-show-when": target.field_name, "data-show-value": condition.value}
            )
        # Django shows help text unescaped: what staff wrote is escaped here.
        field.help_text = escape(" ".join(str(h) for h in helps))
        return field

    def clean_questions_version(self):
        posted = self.cleaned_data.get("questions_version")
        if posted is not None and posted != self.application.questions_version_id:
            raise forms.ValidationError(
                _("The questions of this call changed while you answered. Please check your "
                  "answers on this page and save again.")
            )  # fmt: skip
        return posted

    def clean(self):
        data = super().clean()
        typed = {
            q.name: data.get(q.field_name)
            for q in self.questions
            if q.field_name in data and q.kind != Kind.FILE
        }
        for question in self.questions:
            if question.kind == Kind.FILE:
                typed[question.name] = self._file_answer(question, data.get(question.field_name))
        shown = {q.name for q in shown_questions(self.questions, typed)}
        answers = {}
        for question in self.questions:
            if question.name not in shown:
                continue  # hidden by its condition: neither required nor kept
            value = typed.get(question.name)
            if is_blank(value):
                if question.required and question.field_name not in self.errors:
                    self.add_error(question.field_name, MISSING % {"question": question.label})
                continue
            answers[question.name] = value
        data["answers"] = answers
        return data

    def _file_answer(self, question: Question, upload):
        if upload:
            try:
                attachment = attachment_store(uploaded_by=self.user, kind="answer", upload=upload)
            except (BadUpload, StorageUnavailable) as error:
                self.add_error(question.field_name, error.message)
                return None
            self.stored.append(attachment)
            return {"attachment": attachment.pk, "name": attachment.original_name}
        return (self.application.answers or {}).get(question.name)


def _answer_label(question: Question, value) -> str:
    if question.kind == Kind.YES_NO:
        return str(dict(YES_NO).get(value, value))
    return question.choice_label(value)


# --- One field per kind of question; each cleans to what the answers keep (JSON) -------------


class _LongText(forms.CharField):
    def __init__(self, *, word_limit=None, **kwargs):
        super().__init__(widget=forms.Textarea(attrs={"rows": 5}), **kwargs)
        self.word_limit = word_limit

    def clean(self, value):
        value = super().clean(value)
        words = len(value.split())
        if self.word_limit and words > self.word_limit:
            raise forms.ValidationError(
                _("Keep to %(limit)d words: this answer has %(count)d.")
                % {"limit": self.word_limit, "count": words}
            )
        return value


class _Amount(forms.CharField):
    def __init__(self, *, currency, **kwargs):
        super().__init__(max_length=20, **kwargs)
        self.currency = currency
        self.widget.attrs.update(inputmode="decimal", autocomplete="off")

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return None
        try:
            return str(parse_amount(value, self.currency))
        except TooManyDecimals as error:
            raise forms.ValidationError(error.message) from None
        except MoneyError:
            raise forms.ValidationError(_("Enter an amount, like 250 or 99.50.")) from None


class _Date(forms.DateField):
    def __init__(self, **kwargs):
        super().__init__(widget=forms.DateInput(attrs={"type": "date"}), **kwargs)

    def clean(self, value):
        value = super().clean(value)
        return value.isoformat() if isinstance(value, datetime.date) else None

    def prepare_value(self, value):
        return value


_FIELD_BUILDERS = {
    Kind.SHORT_TEXT: lambda q, form: forms.CharField(max_length=SHORT_TEXT_LENGTH),
    Kind.LONG_TEXT: lambda q, form: _LongText(max_length=LONG_TEXT_LENGTH, word_limit=q.word_limit),
    Kind.SINGLE_CHOICE: lambda q, form: forms.ChoiceField(
        choices=[(c.value, c.label) for c in q.choices], widget=forms.RadioSelect
    ),
    Kind.MULTIPLE_CHOICE: lambda q, form: forms.MultipleChoiceField(
        choices=[(c.value, c.label) for c in q.choices], widget=forms.CheckboxSelectMultiple
    ),
    Kind.NUMBER: lambda q, form: forms.IntegerField(min_value=-(10**9), max_value=10**9),
    Kind.AMOUNT: lambda q, form: _Amount(currency=form.call.currency),
    Kind.DATE: lambda q, form: _Date(),
    Kind.YES_NO: lambda q, form: forms.ChoiceField(choices=YES_NO, widget=forms.RadioSelect),
    Kind.FILE: lambda q, form: forms.FileField(),
}
