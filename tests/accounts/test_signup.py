import datetime
import re

import pytest
from django.core import mail
from django.utils import timezone

from tests.factories.accounts import UserFactory, born_years_ago
from youthcities.accounts.models import GuardianConsent, User

SIGNUP_URL = "/en/account/signup/"


def signup_data(**overrides):
    data = {
        "email": "newcomer@example.org",
        "display_name": "Newcomer",
        "legal_name": "New Comer",
        "date_of_birth": born_years_ago(20).isoformat(),
        "country": "LB",
        "city": "Saida",
        "preferred_language": "en",
        "guardian_email": "",
        "password1": "a-long-test-passphrase",
        "password2": "a-long-test-passphrase",
    }
    data.update(overrides)
    return data


@pytest.mark.django_db
def test_adult_signs_up_and_gets_a_verification_email(client):
    response = client.post(SIGNUP_URL, signup_data())
    assert response.status_code == 302
    user = User.objects.get(email="newcomer@example.org")
    assert user.display_name == "Newcomer"
    assert user.country == "LB"
    assert user.groups.filter(name="applicant").exists()
    assert not GuardianConsent.objects.filter(user=user).exists()
    assert len(mail.outbox) == 1
    assert "/en/account/confirm-email/" in mail.outbox[0].body


@pytest.mark.django_db
def test_under_13_is_refused_and_nothing_is_stored(client):
    response = client.post(SIGNUP_URL, signup_data(date_of_birth=born_years_ago(12).isoformat()))
    assert response.status_code == 200
    assert "you must be 13 or older" in response.content.decode()
    assert not User.objects.exists()
    assert mail.outbox == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("date_of_birth", "message"),
    [
        (
            (timezone.localdate() + datetime.timedelta(days=1)).isoformat(),
            "cannot be in the future",
        ),
        ("2010-02-31", "Enter a valid date"),
        ("not a date", "Enter a valid date"),
        ("1850-01-01", "check your date of birth"),
    ],
)
def test_invalid_birth_dates_are_refused(client, date_of_birth, message):
    response = client.post(SIGNUP_URL, signup_data(date_of_birth=date_of_birth))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not User.objects.exists()


@pytest.mark.django_db
def test_unknown_country_is_refused(client):
    response = client.post(SIGNUP_URL, signup_data(country="QQ"))
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not User.objects.exists()


@pytest.mark.django_db
def test_common_password_is_refused(client):
    response = client.post(
        SIGNUP_URL, signup_data(password1="password123", password2="password123")
    )
    assert response.status_code == 200
    assert "too common" in response.content.decode()
    assert not User.objects.exists()


@pytest.mark.django_db
def test_minor_below_consent_age_must_name_a_guardian(client):
    response = client.post(
        SIGNUP_URL, signup_data(date_of_birth=born_years_ago(14).isoformat(), country="DE")
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "In Germany people under 16 need a parent" in body
    assert not User.objects.exists()


@pytest.mark.django_db
def test_minor_cannot_name_themselves_as_guardian(client):
    data = signup_data(
        date_of_birth=born_years_ago(14).isoformat(), guardian_email="newcomer@example.org"
    )
    response = client.post(SIGNUP_URL, data)
    assert "not your own" in response.content.decode()
    assert not User.objects.exists()


@pytest.mark.django_db
def test_minor_signup_sends_the_guardian_a_signed_link(client, django_capture_on_commit_callbacks):
    data = signup_data(
        date_of_birth=born_years_ago(14).isoformat(),
        country="DE",
        guardian_email="parent@example.org",
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(SIGNUP_URL, data)
    assert response.status_code == 302
    consent = GuardianConsent.objects.get(user__email="newcomer@example.org")
    assert consent.guardian_email == "parent@example.org"
    assert not consent.is_confirmed
    guardian_mail = next(m for m in mail.outbox if m.to == ["parent@example.org"])
    assert re.search(r"/en/guardian/[^/\s]+/", guardian_mail.body)
    assert "Newcomer" in guardian_mail.body
    # Private details never travel in the guardian's email.
    assert "New Comer" not in guardian_mail.body


@pytest.mark.django_db
def test_fifteen_year_old_in_france_needs_no_guardian(client):
    """France set the age of digital consent at 15 (GDPR Art. 8)."""
    response = client.post(
        SIGNUP_URL, signup_data(date_of_birth=born_years_ago(15).isoformat(), country="FR")
    )
    assert response.status_code == 302
    assert not GuardianConsent.objects.exists()


@pytest.mark.django_db
def test_duplicate_email_does_not_reveal_the_account(client):
    UserFactory(email="taken@example.org")
    response = client.post(SIGNUP_URL, signup_data(email="taken@example.org"))
    # Same outcome as a fresh sign-up: on to "check your email", no error naming the account.
    assert response.status_code == 302
    assert User.objects.filter(email="taken@example.org").count() == 1
    assert "already" not in client.get(response["Location"]).content.decode().lower()
    # The owner of the address is told instead.
    assert [m.to for m in mail.outbox] == [["taken@example.org"]]


@pytest.mark.django_db
def test_signup_form_is_translated(client):
    response = client.get("/ar/account/signup/")
    body = response.content.decode()
    assert 'dir="rtl"' in body
    assert "الاسم المعروض" in body  # "Display name"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "language, expected",
    [
        ("ar", "كلمة المرور هذه قصيرة جدًا: استخدم 10 أحرف على الأقل."),
        ("fr", "Ce mot de passe est trop court\u00a0: utilisez au moins 10 caractères."),
    ],
)
def test_a_short_password_is_refused_in_the_readers_language(client, language, expected):
    data = signup_data(password1="short-pw", password2="short-pw", preferred_language=language)
    response = client.post(SIGNUP_URL.replace("/en/", f"/{language}/"), data)
    body = response.content.decode()
    assert expected in body
    assert "This password is too short" not in body
