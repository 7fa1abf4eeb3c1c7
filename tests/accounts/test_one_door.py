"""One door in: every login goes through allauth (the Wagtail admin's included), with email
verification, the MFA step for those who enrolled, and rate limits that count each visitor."""

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.core import mail
from django.test import Client

from tests.factories.accounts import PASSWORD, UserFactory, enrol_totp, totp_code
from youthcities.accounts.services import roles_ensure_groups

pytestmark = pytest.mark.django_db


def logged_in(client) -> bool:
    return "_auth_user_id" in client.session


def allauth_login(client, email, password=PASSWORD, **extra):
    return client.post(
        "/en/account/login/", {"login": email, "password": password}, **extra, follow=False
    )


@pytest.fixture
def staff():
    roles_ensure_groups()
    return UserFactory(roles=["programme_staff"], is_staff=True)


def test_the_admin_login_logs_nobody_in_and_sends_people_to_allauth(client, staff):
    response = client.post("/admin/login/", {"username": staff.email, "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/en/account/login/?next=%2Fadmin%2F"
    assert not logged_in(client)
    # The admin itself sends anonymous visitors to the same door.
    response = client.get("/admin/pages/")
    assert response["Location"].startswith("/en/account/login/?next=")


def test_wagtails_front_end_login_goes_through_the_same_door(client, staff):
    response = client.post("/fr/_util/login/?next=/fr/", {"username": staff.email})
    assert response.status_code == 302
    assert response["Location"] == "/fr/account/login/?next=%2Ffr%2F"
    assert not logged_in(client)


def test_the_admin_password_reset_sends_no_email_and_leads_to_allauths(client, staff):
    for _ in range(10):
        response = client.post("/admin/password_reset/", {"email": staff.email})
        assert response.status_code == 302
        assert response["Location"].startswith("/en/account/password/reset/")
    assert mail.outbox == []


def test_a_user_who_enrolled_totp_must_give_a_code(client, staff):
    response = allauth_login(client, staff.email)
    assert response.status_code == 302
    assert response["Location"] == "/en/account/2fa/authenticate/"
    assert not logged_in(client)
    response = client.post("/en/account/2fa/authenticate/", {"code": totp_code()})
    assert response.status_code == 302
    assert logged_in(client)


def test_five_wrong_codes_and_even_the_right_one_is_refused(client, staff):
    allauth_login(client, staff.email)
    for _ in range(5):
        response = client.post("/en/account/2fa/authenticate/", {"code": "000000"})
        assert response.status_code == 200
        assert not logged_in(client)
    response = client.post("/en/account/2fa/authenticate/", {"code": totp_code()})
    assert "Too many failed login attempts" in response.content.decode()
    assert not logged_in(client)


def test_a_never_verified_email_does_not_get_in(client):
    user = UserFactory()
    EmailAddress.objects.filter(user=user).update(verified=False)
    response = allauth_login(client, user.email)
    assert response["Location"] == "/en/account/confirm-email/"
    assert not logged_in(client)
    # Nor through the admin's form.
    client.post("/admin/login/", {"username": user.email, "password": PASSWORD})
    assert not logged_in(client)


def test_wrong_passwords_lock_the_account_for_a_while_even_against_the_right_one(client):
    user = UserFactory()
    for _ in range(25):
        allauth_login(client, user.email, password="not-the-password")
    response = allauth_login(client, user.email)
    assert response.status_code == 200
    assert "Too many failed login attempts" in response.content.decode()
    assert not logged_in(client)


def test_visitors_behind_the_proxies_are_counted_one_by_one(settings):
    """Eleven people who mistype their password from eleven addresses, all behind one proxy,
    do not lock out the twelfth."""
    settings.TRUSTED_PROXIES = settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    people = UserFactory.create_batch(12)
    for number, person in enumerate(people[:11]):
        visitor = Client(HTTP_X_FORWARDED_FOR=f"203.0.113.{number + 1}")
        allauth_login(visitor, person.email, password="mistyped-password")
    twelfth = Client(HTTP_X_FORWARDED_FOR="203.0.113.99")
    response = allauth_login(twelfth, people[11].email)
    assert response.status_code == 302
    assert logged_in(twelfth)


def test_without_the_proxy_count_they_would_all_be_one_visitor(settings):
    """The proof that the test above tests something: the proxy's own address is shared."""
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 0
    people = UserFactory.create_batch(12)
    for number, person in enumerate(people[:11]):
        visitor = Client(HTTP_X_FORWARDED_FOR=f"203.0.113.{number + 1}")
        allauth_login(visitor, person.email, password="mistyped-password")
    twelfth = Client(HTTP_X_FORWARDED_FOR="203.0.113.99")
    allauth_login(twelfth, people[11].email)
    assert not logged_in(twelfth)


def test_the_proxy_count_of_the_rate_limits_comes_from_trusted_proxies(tmp_path):
    from tests.config.test_production_settings import PRODUCTION, run

    result = run(
        "from django.conf import settings; print(settings.ALLAUTH_TRUSTED_PROXY_COUNT)",
        {**PRODUCTION, "TRUSTED_PROXIES": "2"},
        tmp_path,
    )
    assert result.stdout.strip() == "2", result.stderr[-2000:]


def test_signup_and_password_reset_are_rate_limited(client):
    user = UserFactory()
    for _ in range(5):
        client.post("/en/account/password/reset/", {"email": user.email})
    sent = len(mail.outbox)
    response = client.post("/en/account/password/reset/", {"email": user.email})
    assert response.status_code == 429
    assert len(mail.outbox) == sent
    for number in range(20):
        client.post("/en/account/signup/", {"email": f"new{number}@example.org"})
    assert client.post("/en/account/signup/", {"email": "one@example.org"}).status_code == 429


# --- MFA is required for privileged roles -----------------------------------------------------


@pytest.mark.parametrize(
    ("role", "url"),
    [
        ("programme_staff", "/admin/"),
        ("finance", "/admin/"),
        ("safeguarding_moderator", "/admin/"),
        ("reviewer", "/en/review/"),
        ("municipal_staff", "/en/my/"),
    ],
)
def test_a_privileged_role_reaches_nothing_until_a_second_factor_is_enrolled(client, role, url):
    roles_ensure_groups()
    person = UserFactory(roles=[role], is_staff=role != "reviewer")
    Authenticator.objects.filter(user=person).delete()
    client.force_login(person)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == "/en/account/2fa/"
    assert client.get("/en/account/2fa/").status_code == 200  # the enrolment page itself
    enrol_totp(person)
    assert client.get(url).status_code == 200


def test_a_role_given_during_a_session_asks_for_enrolment_at_the_next_request(client):
    roles_ensure_groups()
    person = UserFactory(roles=["applicant"])
    client.force_login(person)
    assert client.get("/en/my/").status_code == 200
    from youthcities.accounts.services import user_set_roles

    user_set_roles(user=person, roles=["applicant", "reviewer"], actor=None)
    assert client.get("/en/my/")["Location"] == "/en/account/2fa/"


def test_an_applicant_needs_no_second_factor(client):
    client.force_login(UserFactory(roles=["applicant"]))
    assert client.get("/en/my/").status_code == 200


def test_staff_cannot_remove_their_last_authenticator(staff):
    from allauth.mfa.adapter import get_adapter

    totp = Authenticator.objects.get(user=staff, type=Authenticator.Type.TOTP)
    assert get_adapter().can_delete_authenticator(totp) is False
    applicant = UserFactory(roles=["applicant"])
    enrol_totp(applicant)
    own = Authenticator.objects.get(user=applicant, type=Authenticator.Type.TOTP)
    assert get_adapter().can_delete_authenticator(own) is True


def test_recovery_codes_are_shown_once(client):
    roles_ensure_groups()
    person = UserFactory(roles=["finance"], is_staff=True)
    Authenticator.objects.filter(user=person).delete()
    allauth_login(client, person.email)  # a fresh login: enrolment needs no re-authentication
    page = client.get("/en/account/2fa/totp/activate/")
    secret = page.context["form"].secret
    response = client.post("/en/account/2fa/totp/activate/", {"code": totp_code(secret)})
    assert response["Location"] == "/en/account/2fa/recovery-codes/"
    codes = Authenticator.objects.get(user=person, type="recovery_codes").wrap()
    first = client.get("/en/account/2fa/recovery-codes/").content.decode()
    assert codes.get_unused_codes()[0] in first
    again = client.get("/en/account/2fa/recovery-codes/").content.decode()
    assert codes.get_unused_codes()[0] not in again
    assert client.get("/en/account/2fa/recovery-codes/download/").status_code == 403


# --- Roles take effect at once in every process ---------------------------------------------


def test_a_removed_role_is_gone_at_the_next_request_whatever_process_removed_it(client, staff):
    """Another gunicorn worker removes the role: this process hears no signal, but must still
    refuse the next request. (The membership row is deleted without signals, as another process
    would from this one's point of view.)"""
    client.force_login(staff)
    assert client.get("/admin/").status_code == 200
    staff.groups.through.objects.filter(user_id=staff.pk).delete()
    assert client.get("/admin/").status_code == 302


@pytest.mark.parametrize(
    ("language", "greeting"),
    [("fr", "Bonjour, c'est Young Cities !"), ("ar", "مرحبا من موقع مدن شابة")],
)
def test_the_mfa_email_names_the_portal_in_the_readers_language(
    client, django_capture_on_commit_callbacks, language, greeting
):
    person = UserFactory(roles=["applicant"])
    allauth_login(client, person.email)
    page = client.get(f"/{language}/account/2fa/totp/activate/")
    code = totp_code(page.context["form"].secret)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/{language}/account/2fa/totp/activate/", {"code": code})
    (message,) = [m for m in mail.outbox if m.to == [person.email]]
    assert greeting in message.body
    assert "  !" not in message.body and " ، !" not in message.body
    assert message.body.rstrip().endswith("127.0.0.1:8000")  # BASE_URL's host
