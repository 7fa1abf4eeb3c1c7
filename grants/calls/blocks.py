"""The blocks staff build a call's own questions from in the admin (the call's "Questions"
StreamField). What applicants answer is a saved version of them (`CallQuestions`), read as plain
data through grants/calls/questions.py, never these blocks."""

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import blocks
from wagtail.blocks.stream_block import StreamBlockValidationError
from wagtail.blocks.struct_block import StructBlockValidationError

from grants.calls.questions import Kind, choice_value, condition_value


class QuestionBlock(blocks.StructBlock):
    """What every question has: a short name (what conditions point at), its label and help in
    three languages, whether it is required, identifying, and when it shows."""

    name = blocks.CharBlock(
        label=gettext_lazy("Short name"),
        max_length=40,
        help_text=gettext_lazy(
            "Letters, digits and dashes, unique in this call, e.g. “partner”. Conditions of "
            "other questions point at it."
        ),
    )
    label_en = blocks.CharBlock(label=gettext_lazy("Question (English)"), max_length=200)
    label_fr = blocks.CharBlock(
        label=gettext_lazy("Question (French)"), max_length=200, required=False
    )
    label_ar = blocks.CharBlock(
        label=gettext_lazy("Question (Arabic)"), max_length=200, required=False
    )
    help_en = blocks.CharBlock(label=gettext_lazy("Help (English)"), required=False)
    help_fr = blocks.CharBlock(label=gettext_lazy("Help (French)"), required=False)
    help_ar = blocks.CharBlock(label=gettext_lazy("Help (Arabic)"), required=False)
    required = blocks.BooleanBlock(label=gettext_lazy("Required"), required=False)
    identifying = blocks.BooleanBlock(
        label=gettext_lazy("Identifying"),
        required=False,
        help_text=gettext_lazy("Names or reveals who applied: never shown to blind reviewers."),
    )
    show_when_question = blocks.CharBlock(
        label=gettext_lazy("Show only when question…"),
        required=False,
        help_text=gettext_lazy(
            "The short name of an earlier yes/no or choice question. Empty: always shown."
        ),
    )
    show_when_answer = blocks.CharBlock(
        label=gettext_lazy("…is answered"),
        required=False,
        help_text=gettext_lazy("“yes”, “no”, or the English text of one of its choices."),
    )

    def clean(self, value):
        value = super().clean(value)
        name = value["name"].strip()
        if slugify(name) != name:
            raise StructBlockValidationError(
                block_errors={
                    "name": ValidationError(
                        _("Use letters, digits and dashes only, e.g. “%(example)s”.")
                        % {"example": slugify(name) or "partner"}
                    )
                }
            )
        return value

    class Meta:
        icon = "help"
        form_classname = "struct-block question-block"


class ChoiceBlock(blocks.StructBlock):
    label_en = blocks.CharBlock(label=gettext_lazy("Choice (English)"), max_length=120)
    label_fr = blocks.CharBlock(
        label=gettext_lazy("Choice (French)"), max_length=120, required=False
    )
    label_ar = blocks.CharBlock(
        label=gettext_lazy("Choice (Arabic)"), max_length=120, required=False
    )


class ChoiceQuestionBlock(QuestionBlock):
    choices = blocks.ListBlock(ChoiceBlock(), label=gettext_lazy("Choices"), min_num=2)


class LongTextQuestionBlock(QuestionBlock):
    word_limit = blocks.IntegerBlock(
        label=gettext_lazy("Word limit"),
        required=False,
        validators=[MinValueValidator(1)],
        help_text=gettext_lazy("Empty: no limit."),
    )


class QuestionsBlock(blocks.StreamBlock):
    """A call's questions, in the order applicants see them."""

    short_text = QuestionBlock(label=gettext_lazy("Short text"), icon="pilcrow")
    long_text = LongTextQuestionBlock(label=gettext_lazy("Long text"), icon="doc-full")
    single_choice = ChoiceQuestionBlock(label=gettext_lazy("Single choice"), icon="radio-full")
    multiple_choice = ChoiceQuestionBlock(label=gettext_lazy("Multiple choice"), icon="tasks")
    number = QuestionBlock(label=gettext_lazy("Number"), icon="order")
    amount = QuestionBlock(label=gettext_lazy("Amount"), icon="decimal")
    date = QuestionBlock(label=gettext_lazy("Date"), icon="date")
    yes_no = QuestionBlock(label=gettext_lazy("Yes or no"), icon="tick-inverse")
    file = QuestionBlock(label=gettext_lazy("File"), icon="doc-empty")

    def clean(self, value):
        value = super().clean(value)
        errors = {}
        seen: dict[str, tuple[str, list]] = {}
        for index, child in enumerate(value):
            name = child.value["name"].strip()
            if name in seen:
                errors[index] = _field_error(
                    "name",
                    _("Another question of this call is already called “%(name)s”.")
                    % {"name": name},
                )
                continue
            problem = _condition_problem(child.value, seen)
            if problem:
                errors[index] = _field_error("show_when_question", problem)
            choices = [
                {"value": choice_value(c["label_en"], i), "label": {"en": c["label_en"]}}
                for i, c in enumerate(child.value.get("choices") or [])
            ]
            seen[name] = (child.block_type, choices)
        if errors:
            raise StreamBlockValidationError(block_errors=errors)
        return value

    class Meta:
        required = False


def _condition_problem(value, earlier: dict) -> str | None:
    """Why a question's condition cannot work, or None. A condition may only point at an
    earlier yes/no or choice question of the same call, with an answer it can have."""
    target = (value.get("show_when_question") or "").strip()
    answer = (value.get("show_when_answer") or "").strip()
    if not target:
        return _("Say which answer shows this question, or leave both empty.") if answer else None
    if target not in earlier:
        return _(
            "The condition points at “%(name)s”, which is not an earlier question of this call."
        ) % {"name": target}
    kind, choices = earlier[target]
    if kind != Kind.YES_NO and kind not in Kind.CHOICES:
        return _("A condition can only point at a yes/no or choice question.")
    if condition_value(kind, answer, choices) is None:
        return _("“%(answer)s” is not an answer “%(name)s” can have.") % {
            "answer": answer,
            "name": target,
        }
    return None


def _field_error(field: str, message: str) -> StructBlockValidationError:
    return StructBlockValidationError(block_errors={field: ValidationError(message)})
