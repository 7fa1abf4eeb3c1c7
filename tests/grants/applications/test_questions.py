"""A call's own questions: asked on "Your answers", conditions without JavaScript, versions,
validation on the server, and where the answers are read back."""

import importlib
import io

import pytest
from django.apps import apps as django_apps
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from grants.applications.models import Application, Attachment
from grants.applications.rules import application_problems
from grants.applications.selectors import answer_rows
from grants.applications.services import application_draft_for
from grants.calls.models import CallQuestions, GrantCall
from grants.calls.services import call_questions_publish
from tests.factories.accounts import UserFactory
from tests.grants.question_helpers import (
    PARTNER_QUESTIONS,
    question,
    set_questions,
    thirty_questions,
)
from tests.grants.wizard_helpers import fill_all_steps, post_step, step_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def applicant(client):
    user = UserFactory(display_name="Lina", preferred_language="en")
    client.force_login(user)
    return user


@pytest.fixture
def asking(call):
    set_questions(call, PARTNER_QUESTIONS)
    return call


def draft_of(user, call):
    return Application.objects.get(applicant=user, call=call)


def answers_step(client, call, applicant, data, **extra):
    draft = draft_of(applicant, call)
    payload = {"answers-questions_version": draft.questions_version_id}
    payload.update({f"answers-q_{key}": value for key, value in data.items()})
    return post_step(client, call, "answers", files=payload, **extra)


def png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(out, "PNG")
    return out.getvalue()


def test_the_answers_step_follows_the_project_when_the_call_has_questions(
    client, asking, city, applicant
):
    fill_all_steps(client, asking, city, until="answers")
    page = client.get(step_url(asking, "answers")).content.decode()
    assert "Step 4 of 7" in page
    assert "Do you work with a partner?" in page
    # Without JavaScript the conditional question says when it applies.
    assert "Answer only if your answer to “Do you work with a partner?” is “Yes”." in page
    assert "Tell us a story (optional)" in page


def test_a_call_without_questions_has_no_answers_step(client, call, city, applicant):
    client.get(step_url(call, "eligibility"))
    assert "Step 1 of 6" in client.get(step_url(call, "eligibility")).content.decode()
    assert draft_of(applicant, call).questions_version is None


def test_a_required_question_hidden_by_its_condition_is_not_required(
    client, asking, city, applicant
):
    fill_all_steps(client, asking, city, until="answers")
    response = answers_step(client, asking, applicant, {"partner": "no", "partner-name": "Ali"})
    assert response.status_code == 302, response.content.decode()[:2000]
    draft = draft_of(applicant, asking)
    # The hidden question's answer is not kept.
    assert draft.answers == {"partner": "no"}
    assert "answers" in draft.completed_steps


def test_a_required_question_shown_by_its_condition_is_required(client, asking, city, applicant):
    fill_all_steps(client, asking, city, until="answers")
    response = answers_step(client, asking, applicant, {"partner": "yes"})
    assert response.status_code == 200
    assert "“Name of the partner” is missing." in response.content.decode()
    assert "answers" not in draft_of(applicant, asking).completed_steps


def test_the_check_step_shows_only_the_questions_that_apply(client, asking, city, applicant):
    fill_all_steps(client, asking, city, until="answers")
    answers_step(client, asking, applicant, {"partner": "yes", "partner-name": "Youth Hub"})
    post_step(client, asking, "budget")
    post_step(client, asking, "documents")
    page = client.get(step_url(asking, "review")).content.decode()
    assert "Name of the partner" in page and "Youth Hub" in page
    answers_step(client, asking, applicant, {"partner": "no"})
    page = client.get(step_url(asking, "review")).content.decode()
    assert "Name of the partner" not in page


def test_a_long_answer_over_its_word_limit_is_refused(client, asking, city, applicant):
    fill_all_steps(client, asking, city, until="answers")
    response = answers_step(
        client, asking, applicant, {"partner": "no", "story": "one two three four five six"}
    )
    assert response.status_code == 200
    assert "Keep to 5 words: this answer has 6." in response.content.decode()


def test_each_kind_of_answer_is_checked_and_kept_as_data(client, call, city, applicant):
    set_questions(
        call,
        [
            question("number", "members", "Members under 18", required=True),
            question("amount", "cofunding", "Co-funding"),
            question("date", "start", "Start date"),
            question("multiple_choice", "channels", "Channels", choices=["Radio", "Street art"]),
            question("single_choice", "size", "Size", choices=["Small", "Large"]),
        ],
    )
    fill_all_steps(client, call, city, until="answers")
    bad = answers_step(
        client, call, applicant, {"members": "many", "cofunding": "lots", "size": "Huge"}
    )
    page = bad.content.decode()
    assert bad.status_code == 200
    assert "Enter a whole number." in page
    assert "Enter an amount, like 250 or 99.50." in page
    assert "Select a valid choice." in page
    good = answers_step(
        client,
        call,
        applicant,
        {
            "members": "4",
            "cofunding": "150.50",
            "start": "2027-03-01",
            "channels": ["radio", "street-art"],
            "size": "small",
        },
    )
    assert good.status_code == 302
    assert draft_of(applicant, call).answers == {
        "members": 4,
        "cofunding": "150.50",
        "start": "2027-03-01",
        "channels": ["radio", "street-art"],
        "size": "small",
    }


def test_a_file_answer_is_stored_privately_and_kept(client, call, city, applicant):
    set_questions(call, [question("file", "plan", "Your plan", required=True)])
    fill_all_steps(client, call, city, until="answers")
    upload = SimpleUploadedFile("plan.png", png(), content_type="image/png")
    assert answers_step(client, call, applicant, {"plan": upload}).status_code == 302
    draft = draft_of(applicant, call)
    attachment = Attachment.objects.get(application=draft)
    assert attachment.kind == "answer"
    assert draft.answers["plan"] == {"attachment": attachment.pk, "name": "plan.png"}
    # Saved again without a new file: the stored one stays the answer.
    assert answers_step(client, call, applicant, {}).status_code == 302
    assert draft_of(applicant, call).answers["plan"]["attachment"] == attachment.pk
    # The documents step neither lists nor drops it.
    post_step(client, call, "budget")
    post_step(client, call, "documents")
    assert Attachment.objects.get(pk=attachment.pk).application == draft


def test_a_file_answer_of_the_wrong_type_is_refused(client, call, city, applicant):
    set_questions(call, [question("file", "plan", "Your plan", required=True)])
    fill_all_steps(client, call, city, until="answers")
    upload = SimpleUploadedFile("plan.pdf", b"#!/bin/sh\necho hi\n", content_type="application/pdf")
    response = answers_step(client, call, applicant, {"plan": upload})
    assert response.status_code == 200
    assert "plan.pdf is not a PDF, Word (DOCX), Excel (XLSX), JPEG or PNG file." in (
        response.content.decode()
    )
    assert not Attachment.objects.exists()


def test_a_file_answer_over_the_limit_is_refused(client, call, city, applicant, monkeypatch):
    set_questions(call, [question("file", "plan", "Your plan")])
    fill_all_steps(client, call, city, until="answers")
    # The limit made small: a request over the real 10 MB would stop at the server's own limit.
    monkeypatch.setattr("grants.applications.uploads.MAX_BYTES", 20)
    big = SimpleUploadedFile("plan.png", png(), "image/png")
    response = answers_step(client, call, applicant, {"plan": big})
    assert response.status_code == 200
    assert "plan.png is larger than 10 MB." in response.content.decode()


# --- Versions --------------------------------------------------------------------------------


def test_changing_questions_without_drafts_changes_the_version_in_place(call):
    first = set_questions(call, PARTNER_QUESTIONS)
    second = set_questions(call, PARTNER_QUESTIONS[:1])
    assert first.pk == second.pk and second.number == 1
    assert len(second.questions) == 1


def test_changing_questions_once_drafts_exist_makes_a_new_version_drafts_keep_theirs(
    client, asking, city, applicant
):
    fill_all_steps(client, asking, city, until="answers")
    draft = draft_of(applicant, asking)
    first = draft.questions_version
    # Staff remove the partner questions while the applicant is on the step.
    second = set_questions(asking, [question("yes_no", "online", "Online only?", required=True)])
    assert second.number == 2 and first.number == 1
    response = answers_step(client, asking, applicant, {"partner": "no"})
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.questions_version == first
    assert draft.answers == {"partner": "no"}
    # A new applicant answers the new version.
    other = UserFactory()
    client.force_login(other)
    page = client.get(step_url(asking, "eligibility"))
    assert page.status_code == 200
    assert draft_of(other, asking).questions_version == second


def test_answers_posted_for_another_version_of_the_questions_are_refused(
    client, asking, city, applicant
):
    fill_all_steps(client, asking, city, until="answers")
    draft = draft_of(applicant, asking)
    response = post_step(
        client,
        asking,
        "answers",
        files={
            "answers-questions_version": draft.questions_version_id + 1,
            "answers-q_partner": "no",
        },
    )
    assert response.status_code == 200
    assert "The questions of this call changed while you answered." in response.content.decode()
    assert draft_of(applicant, asking).answers == {}


def test_a_draft_started_before_the_call_had_questions_answers_the_new_ones(
    client, call, city, applicant
):
    client.get(step_url(call, "eligibility"))
    assert draft_of(applicant, call).questions_version is None
    version = set_questions(call, PARTNER_QUESTIONS)
    client.get(step_url(call, "eligibility"))
    assert draft_of(applicant, call).questions_version == version


def test_the_call_names_the_version_in_force_and_a_new_version_takes_its_place(
    client, call, city, applicant
):
    first = set_questions(call, PARTNER_QUESTIONS)
    assert GrantCall.objects.get(pk=call.pk).questions_in_force == first
    fill_all_steps(client, call, city, until="answers")  # a draft answers the first version
    second = set_questions(call, PARTNER_QUESTIONS[:1])
    assert second != first
    assert GrantCall.objects.get(pk=call.pk).questions_in_force == second
    assert draft_of(applicant, call).questions_version == first


def test_a_copy_of_a_call_does_not_hand_its_drafts_the_originals_questions(call, applicant):
    set_questions(call, PARTNER_QUESTIONS)
    copy = GrantCall.objects.get(pk=call.pk)
    copy.pk = copy.id = None
    copy.slug = f"{call.slug}-copy"
    copy.save()
    assert GrantCall.objects.get(pk=copy.pk).questions_in_force is None
    draft = application_draft_for(call=copy, applicant=applicant)
    assert draft.questions_version is None


def test_publishing_again_mends_a_version_in_force_that_a_stale_save_wrote_back(call):
    stale = GrantCall.objects.get(pk=call.pk)  # loaded before the questions were published
    version = set_questions(call, PARTNER_QUESTIONS)
    stale.save()
    assert GrantCall.objects.get(pk=call.pk).questions_in_force is None
    assert call_questions_publish(call=call, actor=None) == version
    assert GrantCall.objects.get(pk=call.pk).questions_in_force == version


def test_the_migration_names_each_calls_latest_version_in_force(call):
    first = set_questions(call, PARTNER_QUESTIONS)
    newer = CallQuestions.objects.create(call=call, number=first.number + 1, definition=[])
    GrantCall.objects.update(questions_in_force=None)  # as every call was before it
    in_force = importlib.import_module("grants.migrations.0015_call_questions_in_force")
    in_force.questions_in_force(django_apps, None)
    assert GrantCall.objects.get(pk=call.pk).questions_in_force == newer


def test_publishing_the_same_questions_again_changes_nothing(call):
    first = set_questions(call, PARTNER_QUESTIONS)
    assert call_questions_publish(call=call, actor=None) == first
    assert CallQuestions.objects.filter(call=call).count() == 1


# --- Conditions and submission ---------------------------------------------------------------


def test_a_condition_on_a_question_no_longer_there_is_ignored(call, applicant):
    """A version's condition may name a question that is gone (a hand-edited or old version):
    the question is then shown, never silently skipped."""
    version = CallQuestions.objects.create(
        call=call,
        number=1,
        definition=[
            {
                "name": "why",
                "kind": "short_text",
                "label": {"en": "Why?"},
                "required": True,
                "condition": {"question": "removed", "value": "yes"},
            }
        ],
    )
    application = Application.objects.create(
        call=call, applicant=applicant, questions_version=version
    )
    assert application_problems(application)["answers"] == ["“Why?” is missing."]


def test_submission_checks_required_answers_again(call, applicant):
    version = set_questions(call, PARTNER_QUESTIONS)
    application = Application.objects.create(
        call=call, applicant=applicant, questions_version=version, answers={"partner": "yes"}
    )
    assert application_problems(application)["answers"] == ["“Name of the partner” is missing."]
    application.answers = {"partner": "no"}
    assert "answers" not in application_problems(application)


def test_identifying_answers_are_left_out_for_blind_readers(call, applicant):
    version = set_questions(call, PARTNER_QUESTIONS)
    application = Application.objects.create(
        call=call,
        applicant=applicant,
        questions_version=version,
        answers={"partner": "yes", "partner-name": "Youth Hub"},
    )
    seen = [row["text"] for row in answer_rows(application)]
    blind = [row["text"] for row in answer_rows(application, hide_identifying=True)]
    assert "Youth Hub" in seen
    assert "Youth Hub" not in blind and "Yes" in blind


def test_saving_thirty_answers_stays_within_the_steps_query_budget(
    client, call, city, applicant, django_assert_max_num_queries
):
    questions, answers = thirty_questions()
    set_questions(call, questions)
    fill_all_steps(client, call, city, until="answers")
    draft = draft_of(applicant, call)
    payload = {
        f"application_{draft.pk}-current_step": "answers",
        "draft_version": draft.version,
        "answers-questions_version": draft.questions_version_id,
        **{f"answers-q_{name}": value for name, value in answers.items()},
    }
    with django_assert_max_num_queries(15) as queries:
        response = client.post(step_url(call, "answers"), payload)
    assert response.status_code == 302
    assert draft_of(applicant, call).answers == answers
    # No question asks for a file: the answers and the wizard's state are one UPDATE of the
    # draft, with no lock and no files to link.
    verbs = [query["sql"].split()[0] for query in queries.captured_queries]
    assert verbs.count("UPDATE") == 1
    assert not any("FOR UPDATE" in query["sql"] for query in queries.captured_queries)


def test_what_staff_wrote_is_escaped_on_the_step(client, call, city, applicant):
    set_questions(
        call,
        [
            question("yes_no", "gate", "<b>Gate</b>"),
            question("short_text", "why", "Why?", help_en="<i>x</i>", show_when=("gate", "yes")),
        ],
    )
    fill_all_steps(client, call, city, until="answers")
    page = client.get(step_url(call, "answers")).content.decode()
    assert "<b>Gate</b>" not in page and "&lt;b&gt;Gate&lt;/b&gt;" in page
    assert "<i>x</i>" not in page
