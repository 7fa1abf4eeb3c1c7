"""The quiz: graded on the server, best result kept, one certificate however often it is taken."""

import pytest
from django.urls import reverse

from training.errors import LessonsNotDone, QuizIncomplete
from training.models import Certificate, QuizResult
from training.services import lesson_complete, quiz_grade, quiz_submit
from youthcities.audit.models import AuditEntry

from .conftest import ALL_RIGHT, answers_for, post_data

ONE_RIGHT = {0: {1}, 1: {0}, 2: {1}}  # only the first question right: 33 %
TWO_RIGHT = {0: {1}, 1: {0, 2}, 2: {1}}  # 66 %, the pass mark is 60


@pytest.fixture
def ready(module, learner):
    """The learner has done every lesson."""
    for lesson_id in module.lesson_ids:
        lesson_complete(user=learner, module=module, lesson_id=lesson_id)
    return learner


def test_all_right_scores_100_and_passes(module):
    grade = quiz_grade(module=module, answers=answers_for(module, ALL_RIGHT))
    assert (grade.correct, grade.total, grade.score, grade.passed) == (3, 3, 100, True)


def test_the_pass_mark_decides(module):
    assert quiz_grade(module=module, answers=answers_for(module, TWO_RIGHT)).passed
    failed = quiz_grade(module=module, answers=answers_for(module, ONE_RIGHT))
    assert (failed.score, failed.passed) == (33, False)


def test_a_multiple_choice_question_needs_exactly_its_right_answers(module):
    part = {**ALL_RIGHT, 1: {0}}  # one of the two right answers
    extra = {**ALL_RIGHT, 1: {0, 1, 2}}  # both, and a wrong one
    assert quiz_grade(module=module, answers=answers_for(module, part)).correct == 2
    assert quiz_grade(module=module, answers=answers_for(module, extra)).correct == 2


def test_every_question_must_be_answered(module, ready):
    with pytest.raises(QuizIncomplete):
        quiz_submit(user=ready, module=module, answers=answers_for(module, {0: {1}, 1: {0}}))
    assert not QuizResult.objects.exists()


def test_the_quiz_waits_for_every_lesson(module, learner):
    lesson_complete(user=learner, module=module, lesson_id=module.lesson_ids[0])
    with pytest.raises(LessonsNotDone):
        quiz_submit(user=learner, module=module, answers=answers_for(module, ALL_RIGHT))
    assert not QuizResult.objects.exists()
    assert not Certificate.objects.exists()


def test_passing_issues_a_certificate_and_audits_it(module, ready):
    outcome = quiz_submit(user=ready, module=module, answers=answers_for(module, ALL_RIGHT))
    assert outcome.newly_certified
    assert outcome.certificate == Certificate.objects.get(user=ready)
    assert AuditEntry.objects.filter(action="training.certificate_issued").count() == 1


def test_failing_issues_no_certificate(module, ready):
    outcome = quiz_submit(user=ready, module=module, answers=answers_for(module, ONE_RIGHT))
    assert outcome.certificate is None
    result = QuizResult.objects.get(user=ready)
    assert (result.best_score, result.passed_at) == (33, None)
    assert not Certificate.objects.exists()


def test_a_second_pass_keeps_the_one_certificate(module, ready):
    first = quiz_submit(user=ready, module=module, answers=answers_for(module, ALL_RIGHT))
    second = quiz_submit(user=ready, module=module, answers=answers_for(module, TWO_RIGHT))
    assert not second.newly_certified
    assert second.certificate == first.certificate
    assert Certificate.objects.count() == 1
    assert AuditEntry.objects.filter(action="training.certificate_issued").count() == 1


def test_failing_after_passing_keeps_the_best_score_and_the_certificate(module, ready):
    quiz_submit(user=ready, module=module, answers=answers_for(module, ALL_RIGHT))
    quiz_submit(user=ready, module=module, answers=answers_for(module, ONE_RIGHT))
    result = QuizResult.objects.get(user=ready)
    assert (result.best_score, result.last_score, result.attempts) == (100, 33, 2)
    assert result.passed_at is not None
    assert Certificate.objects.filter(user=ready).count() == 1


def test_passing_after_failing_issues_the_certificate_then(module, ready):
    quiz_submit(user=ready, module=module, answers=answers_for(module, ONE_RIGHT))
    outcome = quiz_submit(user=ready, module=module, answers=answers_for(module, TWO_RIGHT))
    assert outcome.newly_certified
    result = QuizResult.objects.get(user=ready)
    assert (result.best_score, result.attempts) == (66, 2)


def test_the_form_posts_and_shows_the_result(client, module, ready):
    client.force_login(ready)
    url = reverse("training:quiz_submit", args=[module.pk])
    response = client.post(url, post_data(module, ALL_RIGHT))
    assert response.status_code == 302
    assert response["Location"] == module.url + "quiz/"
    page = client.get(module.url + "quiz/").text
    assert "Your last score: 100%. Your best score: 100%." in page
    assert reverse("training:certificate", args=[Certificate.objects.get().token]) in page
    # The same answers sent again (a second tab, a double click): still one certificate.
    assert client.post(url, post_data(module, ALL_RIGHT)).status_code == 302
    assert Certificate.objects.count() == 1
    assert QuizResult.objects.get().attempts == 2


def test_an_unanswered_question_is_shown_again_with_its_error(client, module, ready):
    client.force_login(ready)
    url = reverse("training:quiz_submit", args=[module.pk])
    response = client.post(url, post_data(module, {0: {1}, 1: {0, 2}}))
    assert response.status_code == 400
    assert "Answer this question." in response.text
    assert not QuizResult.objects.exists()


def test_an_answer_that_is_no_choice_is_refused(client, module, ready):
    client.force_login(ready)
    url = reverse("training:quiz_submit", args=[module.pk])
    response = client.post(url, {**post_data(module, ALL_RIGHT), module.quiz[0].id: ["7"]})
    assert response.status_code == 400
    assert not QuizResult.objects.exists()


def test_the_quiz_before_the_lessons_says_so(client, module, learner):
    client.force_login(learner)
    page = client.get(module.url + "quiz/").text
    assert "Finish every lesson before taking the quiz." in page
    assert "Send my answers" not in page
    response = client.post(
        reverse("training:quiz_submit", args=[module.pk]), post_data(module, ALL_RIGHT)
    )
    assert response.status_code == 400
    assert not QuizResult.objects.exists()


def test_anonymous_is_asked_to_sign_in_for_the_quiz(client, module):
    page = client.get(module.url + "quiz/").text
    assert "Sign in to take the quiz" in page
    assert "Send my answers" not in page
    response = client.post(
        reverse("training:quiz_submit", args=[module.pk]), post_data(module, ALL_RIGHT)
    )
    assert response["Location"].startswith(reverse("account_login"))
    assert not QuizResult.objects.exists()
