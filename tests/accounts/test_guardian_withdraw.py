"""The guardian keeps a copy of what they agreed to, and withdraws from its link: the account
is blocked again, the young person told; applications under review are withdrawn, staff told."""

import re

import pytest
from django.core import mail
from django.test import Client

from grants.applications.models import Application
from tests.factories.accounts import UserFactory, born_years_ago
from tests.factories.grants import SubmittedApplicationFactory
from youthcities.accounts.roles import PROGRAMME_STAFF
from youthcities.accounts.selectors import can_participate
from youthcities.accounts.services import (
    GuardianEmailIsOwn,
    GuardianLinkInvalid,
    guardian_consent_confirm,
    guardian_consent_request,
    guardian_consent_withdraw,
)
from youthcities.audit.models import AuditEntry

pytestmark = pytest.mark.django_db
GUARDIAN = "parent@example.org"


@pytest.fixture
def minor(db):
    return UserFactory(
        date_of_birth=born_years_ago(14),
        country="DE",
        display_name="Mira",
        email="mira@example.org",
    )


def consent_given(minor, capture):
    with capture(execute=True):
        guardian_consent_request(user=minor, guardian_email=GUARDIAN)
    message = [m for m in mail.outbox if m.to == [GUARDIAN]][-1]
    token = re.search(r"/guardian/([^/\s]+)/", message.body).group(1)
    mail.outbox.clear()
    with capture(execute=True):
        guardian_consent_confirm(token=token, guardian_name="Petra Example")
    (copy,) = [m for m in mail.outbox if m.to == [GUARDIAN]]
    return copy, re.search(r"https?://\S+(/\w\w/guardian/withdraw/[^/\s]+/)", copy.body).group(1)


def test_the_guardian_gets_a_copy_of_what_they_agreed_to(minor, django_capture_on_commit_callbacks):
    copy, _path = consent_given(minor, django_capture_on_commit_callbacks)
    assert "Mira has signed up to Young Cities" in copy.body
    assert "You agreed, as Petra Example" in copy.body
    assert "withdraw" in copy.body


def test_the_guardian_email_cannot_be_the_minors_own(minor):
    with pytest.raises(GuardianEmailIsOwn):
        guardian_consent_request(user=minor, guardian_email="Mira@example.org")


def test_withdrawing_blocks_the_account_again_and_tells_the_minor(
    minor, django_capture_on_commit_callbacks
):
    _copy, path = consent_given(minor, django_capture_on_commit_callbacks)
    assert can_participate(minor).allowed
    client = Client()
    assert "Withdraw my consent" in client.get(path).content.decode()
    assert can_participate(minor).allowed  # opening the link changes nothing
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(path)
    assert "Consent withdrawn" in response.content.decode()
    decision = can_participate(minor)
    assert not decision and "withdrew their consent" in decision.reason
    assert [m.to for m in mail.outbox] == [[minor.email]]
    assert AuditEntry.objects.filter(action="account.guardian_consent_withdrawn").count() == 1
    # The link works once: the consent it copied is gone.
    assert client.post(path).status_code == 404


def test_withdrawing_after_the_minor_submitted_withdraws_and_tells_staff(
    minor, django_capture_on_commit_callbacks
):
    staff = UserFactory(roles=[PROGRAMME_STAFF], email="staff@example.org")
    _copy, path = consent_given(minor, django_capture_on_commit_callbacks)
    submitted = SubmittedApplicationFactory(applicant=minor)
    shortlisted = SubmittedApplicationFactory(applicant=minor, status="shortlisted")
    mail.outbox.clear()
    token = path.rstrip("/").rsplit("/", 1)[-1]
    with django_capture_on_commit_callbacks(execute=True):
        guardian_consent_withdraw(token=token)
    assert Application.objects.get(pk=submitted.pk).status == "withdrawn"
    assert Application.objects.get(pk=shortlisted.pk).status == "shortlisted"
    (to_staff,) = [m for m in mail.outbox if m.to == [staff.email]]
    assert submitted.reference in to_staff.body and shortlisted.reference in to_staff.body


def test_a_forged_withdraw_link_is_refused(minor):
    with pytest.raises(GuardianLinkInvalid):
        guardian_consent_withdraw(token="not-a-token")
