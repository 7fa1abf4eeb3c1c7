"""The workshop and city pages, the calendar feeds, and who may open which page."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from icalendar import Calendar

from tests.factories.accounts import UserFactory
from tests.factories.network import CityFactory, WorkshopFactory, municipal_staff_of
from tests.network.helpers import accept, recommend
from youthcities.accounts.roles import FINANCE, MODERATOR, MUNICIPAL, PROGRAMME_STAFF, REVIEWER
from youthcities.network.workshops.models import (
    Commitment,
)
from youthcities.network.workshops.services import (
    commitment_progress,
    workshop_register,
)

pytestmark = pytest.mark.django_db


def test_the_venue_is_shown_to_registered_participants_only(client):
    workshop = WorkshopFactory()
    url = reverse("network:workshop", args=[workshop.slug])
    assert workshop.venue not in client.get(url).content.decode()
    person = UserFactory()
    client.force_login(person)
    assert workshop.venue not in client.get(url).content.decode()
    response = client.post(reverse("network:register", args=[workshop.slug]))
    assert response.status_code == 302
    assert workshop.venue in client.get(url).content.decode()


def test_a_full_workshop_offers_the_waiting_list_with_a_clear_message(client):
    workshop = WorkshopFactory(capacity=1)
    workshop_register(workshop=workshop, user=UserFactory())
    client.force_login(UserFactory())
    page = client.get(reverse("network:workshop", args=[workshop.slug])).content.decode()
    assert "Join the waiting list" in page
    response = client.post(reverse("network:register", args=[workshop.slug]), follow=True)
    assert "you are on the waiting list" in response.content.decode()


def test_a_past_workshop_says_registration_has_closed_not_places_left(client):
    import datetime

    from django.utils import timezone

    today = timezone.localdate()
    workshop = WorkshopFactory(
        starts_on=today - datetime.timedelta(days=10), ends_on=today - datetime.timedelta(days=8)
    )
    client.force_login(UserFactory())
    page = client.get(reverse("network:workshop", args=[workshop.slug])).content.decode()
    assert "Registration has closed" in page
    assert "places left" not in page and "Register</button>" not in page


def _add_commitments(city, officer, count):
    for _number in range(count // 5):
        workshop = WorkshopFactory(city=city, capacity=10)
        for _ in range(5):
            participant = UserFactory()
            workshop_register(workshop=workshop, user=participant)
            recommendation = recommend(workshop, participant)
            accept(recommendation, officer)
            commitment_progress(
                commitment=recommendation.commitment, actor=officer, percent=40, note="n"
            )


def test_a_city_page_costs_the_same_queries_with_5_or_500_items(client):
    """5 and then 500 items (workshops, recommendations, answers, commitments, updates)."""
    city = CityFactory(name="Irbid")
    officer = municipal_staff_of(city, UserFactory(roles=[MUNICIPAL]))
    counts = {}
    for total in (5, 100):  # 100 commitments ≈ 500 items with their workshops and updates
        _add_commitments(city, officer, total - sum(1 for _ in city.commitments.all()))
        for name in ("cms:city", "cms:city_commitments"):
            url = reverse(name, args=[city.slug])
            client.get(url)
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url)
            counts[(name, total)] = len(queries)
        assert response.content.decode().count('class="card commitment"') == total
    # Campaigns and what serves each commitment add three reads, whatever their number; the hub
    # adds two (the city's approved profile sections, its count of exchanges).
    assert counts[("cms:city", 5)] == counts[("cms:city", 100)] <= 18
    assert counts[("cms:city_commitments", 5)] == counts[("cms:city_commitments", 100)]


def test_the_calendar_feeds_parse_and_list_upcoming_workshops(client):
    irbid = WorkshopFactory(city=CityFactory(name="Irbid"), title_en="Irbid policy days")
    WorkshopFactory(city=CityFactory(name="Dakar"), title_en="Dakar lab")
    feed = Calendar.from_ical(client.get("/en/workshops/calendar.ics").content)
    summaries = {str(event["summary"]) for event in feed.walk("VEVENT")}
    assert summaries == {"Irbid policy days", "Dakar lab"}
    city_feed = Calendar.from_ical(client.get(f"/en/cities/{irbid.city.slug}/calendar.ics").content)
    [event] = city_feed.walk("VEVENT")
    assert event["dtstart"].dt == irbid.starts_on
    assert irbid.venue not in client.get("/en/workshops/calendar.ics").content.decode()


ROLES = ["anonymous", "young participant", "another young person", "municipal (this city)",
         "municipal (another city)", "programme staff", "reviewer", "finance", "moderator"]  # fmt: skip


@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix(client, loop, role):
    workshop, participant, recommendation, officer, other_city = loop
    accept(recommendation, officer)
    people = {
        "anonymous": None,
        "young participant": participant,
        "another young person": UserFactory(),
        "municipal (this city)": officer,
        "municipal (another city)": other_city,
        "programme staff": UserFactory(roles=[PROGRAMME_STAFF]),
        "reviewer": UserFactory(roles=[REVIEWER]),
        "finance": UserFactory(roles=[FINANCE]),
        "moderator": UserFactory(roles=[MODERATOR]),
    }
    if people[role]:
        client.force_login(people[role])
    commitment = Commitment.objects.get()
    public = [
        reverse("network:workshops"),
        reverse("network:workshop", args=[workshop.slug]),
        reverse("network:calendar"),
        reverse("network:city_calendar", args=[workshop.city.slug]),
        reverse("cms:cities"),
        reverse("cms:city", args=[workshop.city.slug]),
        reverse("cms:city_commitments", args=[workshop.city.slug]),
    ]
    for url in public:
        assert client.get(url).status_code == 200, url
    guarded = {
        reverse("network:recommend", args=[workshop.slug]): {"young participant"},
        reverse("network:answer", args=[recommendation.pk]): {"municipal (this city)"},
        reverse("network:progress", args=[commitment.pk]): {"municipal (this city)"},
    }
    signed_in = set(ROLES) - {"anonymous"}
    guarded[reverse("network:notifications")] = signed_in
    for url, allowed in guarded.items():
        status = client.get(url).status_code
        if role in allowed:
            assert status == 200, (url, role)
        else:
            assert status in (302, 404), (url, role, status)
    client.post(reverse("network:progress", args=[commitment.pk]), {"percent": 90})
    commitment.refresh_from_db()
    assert (commitment.progress == 90) == (role == "municipal (this city)")
