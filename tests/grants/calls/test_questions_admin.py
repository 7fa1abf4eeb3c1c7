"""Staff set a call's questions in the admin without code; a condition that cannot work is
refused with the reason, and saving publishes the questions new drafts answer."""

import pytest
from wagtail.blocks.stream_block import StreamBlockValidationError
from wagtail.test.utils.form_data import nested_form_data, streamfield

from grants.calls.blocks import QuestionsBlock
from grants.calls.models import CallQuestions
from grants.calls.questions import questions_definition
from tests.factories.grants import GrantCallFactory
from tests.grants.question_helpers import PARTNER_QUESTIONS, question
from tests.grants.review_helpers import make_staff
from tests.grants.test_admin import _call_form

pytestmark = pytest.mark.django_db


def errors_of(questions) -> str:
    block = QuestionsBlock()
    value = block.to_python([{"type": kind, "value": value} for kind, value in questions])
    with pytest.raises(StreamBlockValidationError) as caught:
        block.clean(value)
    return " ".join(
        message
        for question_errors in caught.value.block_errors.values()
        for field_error in question_errors.block_errors.values()
        for message in field_error.messages
    )


def test_a_condition_on_a_question_that_is_not_there_is_refused_naming_it():
    message = errors_of([question("short_text", "why", "Why?", show_when=("partner", "yes"))])
    assert "“partner”, which is not an earlier question of this call" in message


def test_a_condition_with_an_answer_its_question_cannot_have_is_refused():
    message = errors_of(
        [
            question("yes_no", "partner", "Partner?"),
            question("short_text", "why", "Why?", show_when=("partner", "maybe")),
        ]
    )
    assert "“maybe” is not an answer “partner” can have." in message


def test_a_condition_on_a_text_question_is_refused():
    message = errors_of(
        [
            question("short_text", "city", "City?"),
            question("short_text", "why", "Why?", show_when=("city", "Saida")),
        ]
    )
    assert "A condition can only point at a yes/no or choice question." in message


def test_two_questions_with_one_name_are_refused():
    message = errors_of(
        [question("yes_no", "partner", "Partner?"), question("yes_no", "partner", "Again?")]
    )
    assert "already called “partner”" in message


def test_a_condition_on_a_choice_matches_its_english_text():
    block = QuestionsBlock()
    questions = [
        question("single_choice", "size", "Size", choices=["Small group", "Large group"]),
        question("short_text", "why", "Why so big?", show_when=("size", "Large group")),
    ]
    value = block.clean(block.to_python([{"type": k, "value": v} for k, v in questions]))
    assert questions_definition(value)[1]["condition"] == {
        "question": "size",
        "value": "large-group",
    }


def test_saving_the_call_form_publishes_its_questions():
    call = GrantCallFactory()
    staff = make_staff()
    form = _call_form(call, [], staff)
    stream = streamfield([(kind, value) for kind, value in PARTNER_QUESTIONS])
    form.data.update(nested_form_data({"questions": stream}))
    assert form.is_valid(), form.errors
    form.save()
    version = CallQuestions.objects.get(call=call)
    assert [q.name for q in version.questions] == ["partner", "partner-name", "story"]
    assert version.questions[1].condition.question == "partner"
