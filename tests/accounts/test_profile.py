"""#14 item 11: a person edits their display name, city, language and (while consent is awaited)
their guardian's email; a new application starts from their profile's city."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from tests.factories.accounts import UserFactory, born_years_ago
from tests.factories.grants import GrantCallFactory
from tests.grants.wizard_helpers import step_url
from youthcities.accounts.models import GuardianConsent
from youthcities.accounts.services import guardian_consent_request
from youthcities.audit.models import AuditEntry
from youthcities.network.cities.models import City

pytestmark = pytest.mark.django_db
PROFILE = "/en/my/profile/"


def test_a_person_changes_their_name_city_and_language(client):
    person = UserFactory(display_name="Lina", city="Zarqa", preferred_language="en")
    client.force_login(person)
    page = client.get(PROFILE).content.decode()
    assert 'value="Lina"' in page and 'value="Zarqa"' in page
    assert "guardian_email" not in page  # an adult is not asked for a guardian

    response = client.post(
        PROFILE, {"display_name": "Lina A.", "city": "Irbid", "preferred_language": "ar"}
    )
    # The next page already speaks the language chosen.
    assert response.status_code == 302
    assert response["Location"] == "/ar/my/"
    person.refresh_from_db()
    assert (person.display_name, person.city, person.preferred_language) == (
        "Lina A.",
        "Irbid",
        "ar",
    )
    entry = AuditEntry.objects.get(action="account.profile_updated")
    assert sorted(entry.data["fields"]) == ["city", "display_name", "preferred_language"]
    assert "Zarqa" not in str(entry.data)
    dashboard = client.get("/ar/my/").content.decode()
    assert "تم حفظ ملفك الشخصي" in dashboard and "Irbid" in dashboard


def test_a_refused_profile_keeps_what_was_typed(client):
    person = UserFactory(display_name="Lina", city="Zarqa")
    client.force_login(person)
    response = client.post(
        PROFILE, {"display_name": "", "city": "Somewhere new", "preferred_language": "fr"}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert 'value="Somewhere new"' in page
    assert "Please correct the following" in page
    person.refresh_from_db()
    assert person.city == "Zarqa"


def test_saving_unchanged_writes_no_audit_entry(client):
    person = UserFactory(display_name="Lina", city="Zarqa", preferred_language="en")
    client.force_login(person)
    client.post(PROFILE, {"display_name": "Lina", "city": "Zarqa", "preferred_language": "en"})
    assert not AuditEntry.objects.filter(action="account.profile_updated").exists()


def test_a_minor_waiting_for_consent_corrects_the_guardians_email(
    client, django_capture_on_commit_callbacks
):
    minor = UserFactory(
        date_of_birth=born_years_ago(14), country="DE", display_name="Mira", city="Berlin"
    )
    with django_capture_on_commit_callbacks(execute=True):
        guardian_consent_request(user=minor, guardian_email="typo@example.org")
    client.force_login(minor)
    data = {"display_name": "Mira", "city": "Berlin", "preferred_language": "en"}

    own = client.post(PROFILE, {**data, "guardian_email": minor.email})
    assert own.status_code == 400
    assert "not your own" in own.content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(PROFILE, {**data, "guardian_email": "parent@example.org"})
    assert response.status_code == 302
    assert GuardianConsent.objects.get(user=minor).guardian_email == "parent@example.org"
    assert mail.outbox[-1].to == ["parent@example.org"]
    assert re.search(r"/guardian/[^/\s]+/", mail.outbox[-1].body)


def test_the_dashboard_links_to_the_profile_page(client):
    client.force_login(UserFactory())
    assert reverse("accounts:profile_edit") in client.get("/en/my/").content.decode()


def test_a_new_application_starts_from_the_profiles_city(client):
    irbid = City.objects.create(name="Irbid", slug="irbid", country="JO", region="mena")
    City.objects.create(name="Amman", slug="amman", country="JO", region="mena")
    call = GrantCallFactory()
    client.force_login(UserFactory(city="irbid "))
    page = client.get(step_url(call, "eligibility")).content.decode()
    assert re.search(rf'<option value="{irbid.pk}" selected>Irbid</option>', page)
    assert "---------" not in page


def test_a_city_outside_the_network_leaves_the_choice_open(client):
    City.objects.create(name="Irbid", slug="irbid", country="JO", region="mena")
    call = GrantCallFactory()
    client.force_login(UserFactory(city="Atlantis"))
    page = client.get(step_url(call, "eligibility")).content.decode()
    assert "selected>Irbid" not in page
    assert '<option value="" selected>Choose your city</option>' in page
