"""Decision letters: per call, decision and language, placeholders filled in the applicant's
language, an unknown placeholder refused by name, shown on the decision page, editable for one
applicant, sent with the decision."""

from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from grants.decisions.models import Decision, LetterTemplate
from grants.decisions.services import BadLetter, application_decide
from tests.factories.accounts import UserFactory
from tests.grants.review_helpers import make_applications, make_call, make_staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def call():
    call = make_call(max_amount=Decimal("3000"), currency="USD")
    LetterTemplate.objects.create(
        call=call,
        outcome="approved",
        language="en",
        body="Dear {name}, {reference} gets {amount}. {feedback}",
    )
    LetterTemplate.objects.create(
        call=call,
        outcome="approved",
        language="fr",
        body="Bonjour {name}, {reference} reçoit {amount}. {feedback}",
    )
    LetterTemplate.objects.create(
        call=call, outcome="declined", language="en", body="Sorry {name}: not this time."
    )
    return call


def application_of(call, language="fr"):
    applicant = UserFactory(display_name="Lina", preferred_language=language)
    return make_applications(call, 1, applicant=applicant, budget=Decimal("2500"))[0]


def test_an_approval_sends_the_calls_letter_in_the_applicants_language(
    call, django_capture_on_commit_callbacks
):
    application = application_of(call, "fr")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        decision = application_decide(
            application=application,
            actor=make_staff(),
            outcome="approved",
            amount=Decimal("2000"),
            message="Bravo.",
        )
    expected = f"Bonjour Lina, {application.reference} reçoit 2\u202f000,00\xa0$US. Bravo."
    assert decision.letter == expected
    assert expected in mail.outbox[-1].body


def test_a_language_without_its_letter_gets_the_english_one(call):
    application = application_of(call, "ar")
    decision = application_decide(application=application, actor=make_staff(), outcome="declined")
    assert decision.letter == "Sorry Lina: not this time."


def test_feedback_is_added_to_a_letter_without_its_placeholder(call):
    application = application_of(call, "en")
    decision = application_decide(
        application=application, actor=make_staff(), outcome="declined", message="Apply in May."
    )
    assert decision.letter == "Sorry Lina: not this time.\n\nApply in May."


def test_a_call_without_letters_sends_the_standard_email(django_capture_on_commit_callbacks):
    application = application_of(make_call(), "en")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        decision = application_decide(
            application=application, actor=make_staff(), outcome="declined"
        )
    assert decision.letter == ""
    assert "was not selected this time" in mail.outbox[-1].body


def test_a_template_with_an_unknown_placeholder_is_refused_naming_it(call):
    letter = LetterTemplate(call=call, outcome="more_info", language="en", body="Hi {nmae}")
    with pytest.raises(ValidationError, match=r"Unknown placeholder: \{nmae\}"):
        letter.full_clean()


def test_the_admin_refuses_an_unknown_placeholder_naming_it(client, call):
    client.force_login(make_staff())
    response = client.post(
        reverse("grants_letters:add"),
        {"call": call.pk, "outcome": "more_info", "language": "en", "body": "Hi {nmae} {ref}"},
    )
    assert response.status_code == 200
    assert "Unknown placeholders: {nmae}, {ref}." in response.content.decode()
    assert not LetterTemplate.objects.filter(outcome="more_info").exists()


def test_a_letter_edited_for_one_applicant_is_checked_and_sent(call):
    application = application_of(call, "en")
    with pytest.raises(BadLetter, match=r"\{amont\}"):
        application_decide(
            application=application,
            actor=make_staff(),
            outcome="declined",
            letter="Hello {name}, {amont}",
        )
    assert not Decision.objects.exists()
    decision = application_decide(
        application=application,
        actor=make_staff(),
        outcome="declined",
        letter="Hello {name}, we keep your file.",
    )
    assert decision.letter == "Hello Lina, we keep your file."
    # The call's letter is unchanged for everyone else.
    assert LetterTemplate.objects.get(outcome="declined").body == "Sorry {name}: not this time."


def test_the_decision_page_shows_the_letters_and_takes_an_edited_one(client, call):
    application = application_of(call, "fr")
    client.force_login(make_staff())
    url = reverse("grants_review_admin:decide", args=[application.pk])
    page = client.get(url).content.decode()
    assert f"Bonjour Lina, {application.reference} reçoit" in page
    assert "Sorry Lina: not this time." in page
    refused = client.post(url, {"outcome": "declined", "letter": "Dear {who}"})
    assert refused.status_code == 400
    assert "Unknown placeholder: {who}." in refused.content.decode()
    done = client.post(url, {"outcome": "declined", "letter": "Chère {name}, merci."})
    assert done.status_code == 302
    assert Decision.objects.get().letter == "Chère Lina, merci."
