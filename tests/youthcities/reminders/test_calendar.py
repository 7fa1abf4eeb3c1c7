"""A person's calendar feed at a secret address: their drafts' deadlines, reviews, reports and
workshops; a wrong or retired address is 404."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from grants.applications.models import CoApplicant
from grants.applications.services import application_draft_for
from grants.review.models import ReviewAssignment
from tests.factories.accounts import UserFactory
from tests.factories.grants import GrantCallFactory
from tests.factories.network import WorkshopFactory
from tests.grants.award_helpers import make_award
from tests.grants.review_helpers import make_applications, make_call, make_reviewers
from youthcities.network.workshops.services import workshop_register
from youthcities.reminders.models import CalendarFeed

pytestmark = pytest.mark.django_db


def summaries(client, token) -> list[str]:
    response = client.get(reverse("reminders:calendar", args=[token]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return sorted(
        str(event["summary"]) for event in Calendar.from_ical(response.content).walk("VEVENT")
    )


def test_my_calendar_holds_my_deadlines_and_nobody_elses(client):
    award = make_award(accept=True)
    person = award.grantee
    call = GrantCallFactory(title_en="Spring call")
    application_draft_for(call=call, applicant=person)
    application_draft_for(call=GrantCallFactory(title_en="Not mine"), applicant=UserFactory())
    workshop = WorkshopFactory(title_en="Policy days")
    workshop_register(workshop=workshop, user=person)
    client.force_login(person)
    client.post(reverse("reminders:calendar_renew"))
    token = CalendarFeed.objects.get(user=person).token
    client.logout()  # calendar apps have no session: the address is the key
    events = summaries(client, token)
    assert "Deadline: Spring call" in events
    assert "Policy days" in events
    assert any(award.application.reference in event for event in events)  # the reports
    assert not any("Not mine" in event for event in events)


def test_a_reviewers_calendar_has_the_reviews_due(client):
    application = make_applications(make_call(), 1)[0]
    (reviewer,) = make_reviewers(1)
    ReviewAssignment.objects.create(
        application=application,
        reviewer=reviewer,
        due_at=timezone.now() + datetime.timedelta(days=5),
    )
    feed = CalendarFeed.objects.create(user=reviewer)
    assert summaries(client, feed.token) == [f"Review due: {application.reference}"]


def test_a_wrong_or_retired_address_is_404(client):
    person = UserFactory()
    assert client.get(reverse("reminders:calendar", args=["not-a-token"])).status_code == 404
    client.force_login(person)
    client.post(reverse("reminders:calendar_renew"))
    old = CalendarFeed.objects.get(user=person).token
    assert old in client.get(reverse("accounts:dashboard")).content.decode()
    client.post(reverse("reminders:calendar_renew"))
    new = CalendarFeed.objects.get(user=person).token
    assert new != old
    assert client.get(reverse("reminders:calendar", args=[old])).status_code == 404
    assert client.get(reverse("reminders:calendar", args=[new])).status_code == 200
    assert client.get(reverse("reminders:calendar_renew")).status_code == 405


def test_a_co_applicants_calendar_has_the_drafts_deadline(client):
    call = GrantCallFactory(title_en="Team call")
    application = application_draft_for(call=call, applicant=UserFactory())
    co_applicant = UserFactory()
    CoApplicant.objects.create(application=application, email=co_applicant.email)
    client.force_login(co_applicant)
    client.post(reverse("reminders:calendar_renew"))
    token = CalendarFeed.objects.get(user=co_applicant).token
    assert "Deadline: Team call" in summaries(client, token)
