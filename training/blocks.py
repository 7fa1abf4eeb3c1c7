"""The blocks of a training module: its lessons and its quiz questions."""

from django.core.exceptions import ValidationError
from django.forms.utils import ErrorList
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock

from youthcities.blocks import EmbedVideoBlock, ParagraphBlock


class LessonContentBlock(blocks.StreamBlock):
    paragraph = ParagraphBlock()
    embed = EmbedVideoBlock()


class LessonBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=150)
    content = LessonContentBlock(label=_("Content"))
    toolkit = DocumentChooserBlock(
        label=_("Toolkit"),
        required=False,
        help_text=_("A document the learner can download with this lesson"),
    )

    class Meta:
        icon = "doc-full"
        label = _("Lesson")


class ChoiceBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Answer"), max_length=300)
    correct = blocks.BooleanBlock(label=_("Correct"), required=False)

    class Meta:
        icon = "tick"
        label = _("Answer")


class QuestionBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("Question"), max_length=300)
    multiple = blocks.BooleanBlock(
        label=_("Several answers may be right"),
        required=False,
        help_text=_("Learners tick every right answer; otherwise they choose one."),
    )
    choices = blocks.ListBlock(ChoiceBlock(), label=_("Answers"), min_num=2, max_num=8)

    def clean(self, value):
        value = super().clean(value)
        correct = sum(1 for choice in value["choices"] if choice["correct"])
        if correct == 0 or (correct > 1 and not value["multiple"]):
            raise StructBlockValidationError(
                block_errors={
                    "choices": ErrorList(
                        [
                            ValidationError(
                                _("Mark one right answer, or tick “Several answers may be right”.")
                            )
                        ]
                    )
                }
            )
        return value

    class Meta:
        icon = "help"
        label = _("Question")
