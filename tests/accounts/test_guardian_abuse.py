"""A minor cannot name their own mailbox as their guardian's, however it is written, and the
consent link cannot be resent without limit."""

import pytest
from django.core import mail

from tests.accounts.test_signup import SIGNUP_URL, signup_data
from tests.factories.accounts import UserFactory, born_years_ago
from youthcities.accounts.models import GuardianConsent, User
from youthcities.accounts.selectors import same_mailbox
from youthcities.accounts.services import GuardianEmailIsOwn, guardian_consent_request

pytestmark = pytest.mark.django_db
RESEND = "/en/my/guardian/resend/"


@pytest.mark.parametrize(
    "written",
    [
        "Mira@Example.org",
        " mira@example.org ",
        "mira+mum@example.org",
        "MIRA@EXAMPLE.ORG.",
        "ｍｉｒａ@example.org",  # full-width letters
    ],
)
def test_the_same_mailbox_however_it_is_written(written):
    assert same_mailbox("mira@example.org", written)


def test_gmail_ignores_dots_and_other_mailboxes_differ():
    assert same_mailbox("mira.k@gmail.com", "Mi.raK+x@googlemail.com")
    assert not same_mailbox("mira@example.org", "mum@example.org")
    assert not same_mailbox("mira@example.org", "mira@example.com")


@pytest.fixture
def minor():
    return UserFactory(email="mira@example.org", date_of_birth=born_years_ago(14), country="DE")


def test_the_service_refuses_the_minors_own_mailbox(minor):
    with pytest.raises(GuardianEmailIsOwn):
        guardian_consent_request(user=minor, guardian_email="Mira+Parent@example.org")
    assert not GuardianConsent.objects.exists()


def test_signup_refuses_the_minors_own_mailbox_written_otherwise(client):
    data = signup_data(
        date_of_birth=born_years_ago(14).isoformat(), guardian_email="Newcomer+mum@Example.org"
    )
    response = client.post(SIGNUP_URL, data)
    assert "not your own" in response.content.decode()
    assert not User.objects.exists()


def test_resending_to_the_minors_own_mailbox_is_a_form_error(client, minor):
    client.force_login(minor)
    response = client.post(RESEND, {"guardian_email": "MIRA+mum@example.org"})
    assert response.status_code == 400
    body = response.content.decode()
    assert "not your own" in body
    assert 'value="MIRA+mum@example.org"' in body  # nothing lost from the form
    assert not GuardianConsent.objects.exists()


def test_the_link_is_resent_at_most_three_times_an_hour(
    client, minor, django_capture_on_commit_callbacks
):
    client.force_login(minor)
    for _ in range(3):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(RESEND, {"guardian_email": "parent@example.org"})
        assert response.status_code == 302
    sent = len(mail.outbox)
    response = client.post(RESEND, {"guardian_email": "parent2@example.org"})
    assert response.status_code == 429
    body = response.content.decode()
    assert "sent the link too often" in body
    assert 'value="parent2@example.org"' in body
    assert len(mail.outbox) == sent
    assert GuardianConsent.objects.get(user=minor).guardian_email == "parent@example.org"
    # Another young person is not held back by Mira's limit.
    other = UserFactory(date_of_birth=born_years_ago(14), country="DE")
    client.force_login(other)
    assert client.post(RESEND, {"guardian_email": "parent@example.org"}).status_code == 302
