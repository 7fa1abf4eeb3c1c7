import datetime
import re
import time

import pytest
from django.core import mail

from tests.factories.accounts import UserFactory, born_years_ago
from youthcities.accounts.models import GuardianConsent
from youthcities.accounts.selectors import can_participate
from youthcities.accounts.services import (
    GuardianLinkExpired,
    GuardianLinkInvalid,
    GuardianLinkUsed,
    guardian_consent_confirm,
    guardian_consent_request,
)
from youthcities.audit.models import AuditEntry


@pytest.fixture
def minor(db):
    return UserFactory(date_of_birth=born_years_ago(14), country="DE", display_name="Mira")


def link_from_outbox(email):
    message = [m for m in mail.outbox if m.to == [email]][-1]
    return re.search(r"https?://\S+/guardian/([^/\s]+)/", message.body)


def request_link(minor, capture, email="parent@example.org"):
    with capture(execute=True):
        guardian_consent_request(user=minor, guardian_email=email)
    return link_from_outbox(email).group(1)


def test_minor_is_blocked_until_the_guardian_confirms(minor, django_capture_on_commit_callbacks):
    token = request_link(minor, django_capture_on_commit_callbacks)
    decision = can_participate(minor)
    assert not decision
    assert decision.code == "guardian_consent_pending"
    assert "guardian" in decision.reason

    consent = guardian_consent_confirm(token=token, guardian_name="Petra Example")

    assert consent.confirmed_by_name == "Petra Example"
    assert consent.confirmed_at is not None
    assert can_participate(minor).allowed
    audit = AuditEntry.objects.filter(action="account.guardian_consent_confirmed").get()
    assert audit.data["guardian_name"] == "Petra Example"


def test_minor_without_any_consent_request_is_blocked(minor):
    assert can_participate(minor).code == "guardian_consent_missing"


def test_a_link_works_once(minor, django_capture_on_commit_callbacks):
    token = request_link(minor, django_capture_on_commit_callbacks)
    guardian_consent_confirm(token=token, guardian_name="Petra Example")
    with pytest.raises(GuardianLinkUsed):
        guardian_consent_confirm(token=token, guardian_name="Someone Else")
    assert GuardianConsent.objects.get(user=minor).confirmed_by_name == "Petra Example"


def test_an_expired_link_is_refused(
    minor, django_capture_on_commit_callbacks, settings, monkeypatch
):
    token = request_link(minor, django_capture_on_commit_callbacks)
    later = datetime.timedelta(days=settings.GUARDIAN_LINK_MAX_AGE_DAYS, hours=1).total_seconds()
    now = time.time()
    # Check the link as the clock will read a week and an hour from now.
    monkeypatch.setattr("django.core.signing.time.time", lambda: now + later)
    with pytest.raises(GuardianLinkExpired):
        guardian_consent_confirm(token=token, guardian_name="Petra Example")
    assert not can_participate(minor)


def test_a_newer_link_replaces_the_older_one(minor, django_capture_on_commit_callbacks):
    first = request_link(minor, django_capture_on_commit_callbacks)
    second = request_link(minor, django_capture_on_commit_callbacks)
    with pytest.raises(GuardianLinkExpired):
        guardian_consent_confirm(token=first, guardian_name="Petra Example")
    guardian_consent_confirm(token=second, guardian_name="Petra Example")
    assert can_participate(minor)


@pytest.mark.parametrize("token", ["garbage", "eyJjIjoxfQ:1abc:forged"])
def test_a_forged_link_is_refused(minor, token):
    with pytest.raises(GuardianLinkInvalid):
        guardian_consent_confirm(token=token, guardian_name="Mallory")


def test_guardian_page_needs_name_and_agreement(client, minor, django_capture_on_commit_callbacks):
    token = request_link(minor, django_capture_on_commit_callbacks)
    url = f"/en/guardian/{token}/"
    page = client.get(url)
    assert page.status_code == 200
    assert "Mira" in page.content.decode()
    assert not can_participate(minor)  # opening the link changes nothing

    refused = client.post(url, {"guardian_name": "", "agree": ""})
    assert refused.status_code == 200
    assert "This field is required" in refused.content.decode()
    assert not can_participate(minor)

    accepted = client.post(url, {"guardian_name": "Petra Example", "agree": "on"})
    assert accepted.status_code == 200
    assert "You have agreed" in accepted.content.decode()
    assert can_participate(minor)

    again = client.get(url)
    assert "already used" in again.content.decode()


def test_guardian_page_for_a_bad_link_is_a_clear_404(client, db):
    response = client.get("/fr/guardian/nonsense/")
    assert response.status_code == 404
    assert 'lang="fr"' in response.content.decode()


def test_minor_can_send_the_link_again_from_their_account(
    client, minor, django_capture_on_commit_callbacks
):
    request_link(minor, django_capture_on_commit_callbacks)
    client.force_login(minor)
    page = client.get("/en/my/")
    assert "has not yet confirmed" in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/en/my/guardian/resend/", {"guardian_email": "other@example.org"})
    assert response.status_code == 302
    assert link_from_outbox("other@example.org")
    assert GuardianConsent.objects.get(user=minor).guardian_email == "other@example.org"


def test_minor_turning_consent_age_no_longer_needs_a_guardian(db):
    grown = UserFactory(date_of_birth=born_years_ago(16), country="DE")
    assert can_participate(grown)


@pytest.mark.parametrize(
    ("age", "country", "allowed"),
    [(15, "FR", True), (14, "FR", False), (17, "KE", False), (13, "US", True), (15, "XX", False)],
)
def test_consent_age_comes_from_the_country(db, age, country, allowed):
    user = UserFactory(date_of_birth=born_years_ago(age), country=country)
    assert bool(can_participate(user)) is allowed


def test_age_range_of_an_activity(db):
    user = UserFactory(date_of_birth=born_years_ago(30))
    assert can_participate(user, max_age=29).code == "above_age_range"
    assert can_participate(user, min_age=31).code == "below_age_range"
    assert can_participate(user, min_age=18, max_age=35)


def test_anonymous_cannot_participate():
    from django.contrib.auth.models import AnonymousUser

    assert can_participate(AnonymousUser()).code == "anonymous"
