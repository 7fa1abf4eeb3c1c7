"""Training is reachable from the home page and the menu; the index lists modules with the
person's progress at a constant number of queries; a question's right answers are checked."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.blocks.struct_block import StructBlockValidationError

from training.blocks import QuestionBlock
from training.services import lesson_complete

from .conftest import translated


def test_the_home_page_and_the_menu_link_to_training(client, training_index):
    home = training_index.get_parent()
    page = client.get(home.url).text
    # The menu (once folded for phones, once as a row for wider screens) and the home page block.
    assert page.count(f'href="{training_index.url}"') == 3
    assert "Start a training module" in page


def test_the_menu_leads_to_the_training_of_the_readers_language(client, training_index):
    french = translated(training_index, "fr", title="Formation", slug="formation")
    french.refresh_from_db()
    assert french.url == "/fr/formation/"
    page = client.get(french.url).text
    assert f'href="{french.url}" aria-current="page"' in page


def test_the_index_lists_modules_with_progress_in_constant_queries(
    client, training_index, module, learner, django_assert_max_num_queries
):
    """The page's queries with one module are its budget with four."""
    client.force_login(learner)
    client.get(training_index.url)  # warm the session and site caches
    with CaptureQueriesContext(connection) as one_module:
        client.get(training_index.url)
    for number in range(3):
        extra = module.copy(
            update_attrs={"slug": f"copy-{number}", "title": f"Module {number}"}, keep_live=True
        )
        lesson_complete(user=learner, module=extra, lesson_id=extra.lesson_ids[0])
    with django_assert_max_num_queries(len(one_module)):
        response = client.get(training_index.url)
    assert response.text.count("1 of 2 lessons done") == 3
    assert "0 of 2 lessons done" in response.text
    assert len(one_module) <= 25


@pytest.mark.parametrize(
    ("multiple", "right"),
    [(False, []), (False, [0, 1]), (True, [])],
    ids=["no-right-answer", "two-right-for-one-choice", "none-right-of-several"],
)
def test_a_question_needs_its_right_answers_marked(multiple, right):
    block = QuestionBlock()
    value = block.to_python(
        {
            "question": "Which?",
            "multiple": multiple,
            "choices": [{"text": t, "correct": n in right} for n, t in enumerate("ab")],
        }
    )
    with pytest.raises(StructBlockValidationError):
        block.clean(value)


def test_a_well_formed_question_is_accepted():
    block = QuestionBlock()
    value = block.to_python(
        {
            "question": "Which?",
            "multiple": True,
            "choices": [{"text": "a", "correct": True}, {"text": "b", "correct": True}],
        }
    )
    assert block.clean(value)["question"] == "Which?"
