import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone

from grants.applications.models import Attachment
from grants.applications.services import attachment_store
from tests.factories.accounts import UserFactory
from tests.factories.grants import GrantCallFactory
from tests.grants.applications.test_services import complete_draft
from youthcities.network.cities.models import City

pytestmark = pytest.mark.django_db
NOW = timezone.now()


def test_calls_are_listed_open_then_upcoming_then_closed(client):
    GrantCallFactory(
        title_en="Closed one",
        opens_at=NOW - datetime.timedelta(days=60),
        closes_at=NOW - datetime.timedelta(days=1),
    )
    GrantCallFactory(
        title_en="Upcoming one",
        opens_at=NOW + datetime.timedelta(days=3),
        closes_at=NOW + datetime.timedelta(days=30),
    )
    GrantCallFactory(title_en="Open one")
    body = client.get("/en/grants/").content.decode()
    assert body.index("Open one") < body.index("Upcoming one") < body.index("Closed one")


def test_no_calls_says_what_to_do(client):
    assert "no grant calls yet" in client.get("/en/grants/").content.decode()


def test_call_page_counts_down_in_the_calls_time_zone(client):
    call = GrantCallFactory(
        closes_at=datetime.datetime(2030, 3, 1, 10, 0, tzinfo=datetime.UTC), timezone="Asia/Beirut"
    )
    body = client.get(f"/en/grants/{call.slug}/").content.decode()
    assert "Closes in" in body
    assert "March 1, 2030, 12:00\u202fPM" in body  # 10:00 UTC is noon in Beirut
    assert "(Beirut)" in body  # the time zone by its city, in the reader's language
    assert f'href="/en/grants/{call.slug}/apply/"' in body


def test_call_page_is_translated(client):
    call = GrantCallFactory(title_ar="منح الابتكار المحلي")
    body = client.get(f"/ar/grants/{call.slug}/").content.decode()
    assert "منح الابتكار المحلي" in body
    assert 'dir="rtl"' in body


def test_a_closed_call_has_no_apply_button(client):
    call = GrantCallFactory(
        opens_at=NOW - datetime.timedelta(days=9), closes_at=NOW - datetime.timedelta(days=1)
    )
    body = client.get(f"/en/grants/{call.slug}/").content.decode()
    assert "/apply/" not in body
    assert "This call has closed" in body


def test_an_upcoming_call_cannot_be_applied_to(client):
    call = GrantCallFactory(opens_at=NOW + datetime.timedelta(days=2))
    client.force_login(UserFactory())
    response = client.get(f"/en/grants/{call.slug}/apply/eligibility/")
    assert response.status_code == 302
    assert response["Location"] == f"/en/grants/{call.slug}/"


def test_unknown_call_is_404(client):
    assert client.get("/en/grants/no-such-call/").status_code == 404


def test_my_applications_shows_drafts_and_submitted_with_their_timeline(client):
    from grants.applications.services import application_submit

    city = City.objects.create(name="Irbid", slug="irbid", country="JO", region="middle_east")
    user = UserFactory()
    submitted = application_submit(
        application=complete_draft(GrantCallFactory(), user, city), user=user
    )
    complete_draft(GrantCallFactory(title_en="Second call"), user, city)
    client.force_login(user)
    body = client.get("/en/my/applications/").content.decode()
    assert submitted.reference in body
    assert "Submitted on" in body
    assert "Continue" in body
    assert "Withdraw this application" in body


def test_withdrawing_asks_for_confirmation_and_then_withdraws(client):
    from grants.applications.services import application_submit

    city = City.objects.create(name="Irbid", slug="irbid", country="JO", region="middle_east")
    user = UserFactory()
    submitted = application_submit(
        application=complete_draft(GrantCallFactory(), user, city), user=user
    )
    client.force_login(user)
    assert "cannot be undone" in client.get("/en/my/applications/").content.decode()
    response = client.post(f"/en/my/applications/{submitted.pk}/withdraw/")
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.status == "withdrawn"


def test_nobody_withdraws_someone_elses_application(client):
    from grants.applications.services import application_submit

    city = City.objects.create(name="Irbid", slug="irbid", country="JO", region="middle_east")
    owner = UserFactory()
    submitted = application_submit(
        application=complete_draft(GrantCallFactory(), owner, city), user=owner
    )
    client.force_login(UserFactory())
    assert client.post(f"/en/my/applications/{submitted.pk}/withdraw/").status_code == 404
    submitted.refresh_from_db()
    assert submitted.status == "submitted"


def test_empty_my_applications_points_to_the_calls(client):
    client.force_login(UserFactory())
    body = client.get("/en/my/applications/").content.decode()
    assert "no applications yet" in body
    assert 'href="/en/grants/"' in body


def test_abandoned_uploads_are_deleted_after_two_days():
    user = UserFactory()
    pdf = SimpleUploadedFile("a.pdf", b"%PDF-1.7\n%%EOF\n")
    old = attachment_store(uploaded_by=user, kind="other", upload=pdf)
    Attachment.objects.filter(pk=old.pk).update(created_at=NOW - datetime.timedelta(days=3))
    fresh = attachment_store(
        uploaded_by=user, kind="other", upload=SimpleUploadedFile("b.pdf", b"%PDF-1.7\n%%EOF\n")
    )
    stored = old.file.name
    call_command("delete_abandoned_uploads")
    assert list(Attachment.objects.all()) == [fresh]
    assert not old.file.storage.exists(stored)


def test_seed_demo_has_three_calls_55_applications_reviewed_and_3_approved(demo):
    from grants.applications.models import Application
    from grants.calls.models import GrantCall

    assert GrantCall.objects.count() == 3
    closed = GrantCall.objects.get(slug="local-innovation-grants-2026")
    assert closed.applications.exclude(reference=None).count() == 55
    assert closed.applications.filter(status=Application.Status.SUBMITTED).count() == 52
    assert closed.applications.filter(status=Application.Status.APPROVED).count() == 3
    assert closed.applications.values("city").distinct().count() >= 10
    from grants.review.selectors import call_ranking

    ranking = call_ranking(closed, limit=3)
    assert ranking.progress.submitted >= 150  # three reviews each, a few left to do
    assert {row.status for row in ranking.rows} == {"approved"}  # the top three
    assert all(len(row.scores) >= 2 for row in ranking.rows)


def test_a_minor_waiting_for_consent_is_told_on_the_call_page_what_to_do(client):
    from tests.factories.accounts import GuardianConsentFactory

    call = GrantCallFactory(min_age=13)
    consent = GuardianConsentFactory(user__country="JO")  # 14, consent not confirmed yet
    client.force_login(consent.user)
    from youthcities.accounts.selectors import can_participate

    participation = can_participate(consent.user, min_age=call.min_age, max_age=call.max_age)
    assert participation.code == "guardian_consent_pending", participation
    body = client.get(f"/en/grants/{call.slug}/").content.decode()
    assert 'data-testid="participation-reason"' in body
    assert "has not yet confirmed" in body
    assert "Go to my account" in body
    assert f"/en/grants/{call.slug}/apply/" not in body
    # An adult who may take part sees the Apply button.
    client.force_login(UserFactory())
    assert (
        f"/en/grants/{call.slug}/apply/" in client.get(f"/en/grants/{call.slug}/").content.decode()
    )
