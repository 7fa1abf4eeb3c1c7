"""#15: the guardian who consented is emailed when the minor receives an award, in the language
they used on the consent page (or else the minor's), with what was awarded and nothing more."""

import re
from decimal import Decimal

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from tests.factories.accounts import GuardianConsentFactory, UserFactory, born_years_ago
from tests.grants.award_helpers import make_award
from youthcities.accounts.models import GuardianConsent
from youthcities.accounts.services import guardian_consent_request
from youthcities.money import format_money

pytestmark = pytest.mark.django_db
GUARDIAN = "rana.guardian@example.org"


def minor_with_consent(*, language="", preferred_language="en", age=14, country="JO", **consent):
    user = UserFactory(
        date_of_birth=born_years_ago(age),
        country=country,
        display_name="Mira",
        legal_name="Mira Khalil",
        email="mira.private@example.org",
        preferred_language=preferred_language,
    )
    fields = {"confirmed_at": timezone.now(), "confirmed_by_name": "Rana Khalil", **consent}
    GuardianConsentFactory(user=user, guardian_email=GUARDIAN, language=language, **fields)
    return user


def guardian_mail() -> list:
    return [message for message in mail.outbox if message.to == [GUARDIAN]]


def award_to(user, capture, **fields):
    with capture(execute=True):
        return make_award(applicant=user, amount=Decimal("1500"), title="Radio Mira", **fields)


@pytest.mark.parametrize(
    ("language", "preferred", "reads_in", "greeting"),
    [
        ("en", "ar", "en", "Hello,"),
        ("fr", "en", "fr", "Bonjour,"),
        ("", "ar", "ar", "مرحباً،"),  # no language recorded: the minor's
    ],
)
def test_the_guardian_reads_what_was_awarded_in_their_language(
    django_capture_on_commit_callbacks, language, preferred, reads_in, greeting
):
    user = minor_with_consent(language=language, preferred_language=preferred)
    award = award_to(user, django_capture_on_commit_callbacks, organisation_name="")
    (message,) = guardian_mail()
    assert message.body.startswith(greeting)
    assert format_money(award.amount, award.currency, reads_in) in message.body
    assert "Mira" in message.subject
    # No more than needed: not the minor's legal name, address, project or reference.
    for private in ("Mira Khalil", "mira.private@example.org", "Radio Mira"):
        assert private not in message.body and private not in message.subject
    assert award.application.reference not in message.body


def test_a_guardian_who_receives_the_money_is_told_so(django_capture_on_commit_callbacks):
    user = minor_with_consent(language="en")
    award_to(user, django_capture_on_commit_callbacks, organisation_name="")
    (message,) = guardian_mail()
    assert "the grant is paid to you" in message.body


def test_a_group_paid_through_its_host_organisation_still_tells_the_guardian(
    django_capture_on_commit_callbacks,
):
    user = minor_with_consent(language="en")
    award_to(user, django_capture_on_commit_callbacks, organisation_name="Tripoli Youth House")
    (message,) = guardian_mail()
    assert "Nothing is asked of you" in message.body


def test_an_adults_award_sends_nothing_to_anyone_but_the_grantee(
    django_capture_on_commit_callbacks,
):
    adult = UserFactory(date_of_birth=born_years_ago(25), country="LB")
    # A consent from their childhood is no reason to write to their parent now.
    GuardianConsentFactory(user=adult, guardian_email=GUARDIAN, confirmed_at=timezone.now())
    award_to(adult, django_capture_on_commit_callbacks)
    assert guardian_mail() == []
    assert {tuple(message.to) for message in mail.outbox} == {(adult.email,)}


def test_past_the_age_of_consent_the_guardian_is_no_longer_told(
    django_capture_on_commit_callbacks,
):
    """16 in France (consent at 15): a minor, but one who decides about their own data."""
    user = minor_with_consent(language="fr", age=16, country="FR")
    award_to(user, django_capture_on_commit_callbacks, organisation_name="Maison des jeunes")
    assert guardian_mail() == []


def test_a_withdrawn_consent_tells_the_guardian_nothing(django_capture_on_commit_callbacks):
    user = minor_with_consent(confirmed_at=None, withdrawn_at=timezone.now())
    award_to(user, django_capture_on_commit_callbacks, organisation_name="Tripoli Youth House")
    assert guardian_mail() == []


def test_the_consent_page_records_the_language_the_guardian_read_it_in(
    django_capture_on_commit_callbacks,
):
    user = UserFactory(date_of_birth=born_years_ago(14), country="JO", preferred_language="ar")
    with django_capture_on_commit_callbacks(execute=True):
        guardian_consent_request(user=user, guardian_email=GUARDIAN)
    token = re.search(r"/guardian/([^/\s]+)/", guardian_mail()[-1].body).group(1)
    with django_capture_on_commit_callbacks(execute=True):
        response = Client().post(
            f"/fr/guardian/{token}/", {"guardian_name": "Rana Khalil", "agree": "on"}
        )
    assert response.status_code == 200
    consent = GuardianConsent.objects.get(user=user)
    assert consent.is_confirmed and consent.language == "fr"
    assert consent.guardian_language == "fr"
    # Their copy of the consent is in French too, though the young person reads Arabic.
    assert guardian_mail()[-1].body.startswith("Bonjour")
