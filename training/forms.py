from django import forms
from django.utils.translation import gettext_lazy as _


class QuizForm(forms.Form):
    """One field per question, named by the question's id: radio buttons for a question with one
    right answer, tick boxes for one with several. Works without JavaScript."""

    def __init__(self, *args, module, **kwargs):
        super().__init__(*args, **kwargs)
        for question in module.quiz:
            choices = [
                (str(n), choice["text"]) for n, choice in enumerate(question.value["choices"])
            ]
            if question.value["multiple"]:
                field = forms.MultipleChoiceField(
                    choices=choices,
                    widget=forms.CheckboxSelectMultiple,
                    help_text=_("Tick every right answer."),
                    error_messages={"required": _("Answer this question.")},
                )
            else:
                field = forms.ChoiceField(
                    choices=choices,
                    widget=forms.RadioSelect,
                    error_messages={"required": _("Answer this question.")},
                )
            field.label = question.value["question"]
            self.fields[question.id] = field

    def answers(self) -> dict[str, set[int]]:
        return {
            name: {int(v) for v in (value if isinstance(value, list) else [value])}
            for name, value in self.cleaned_data.items()
        }
