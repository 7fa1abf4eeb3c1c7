import datetime

import pytest
from django.urls import reverse
from icalendar import Calendar

from tests.factories.accounts import GuardianConsentFactory, UserFactory
from tests.factories.network import CityFactory, WorkshopFactory, municipal_staff_of
from youthcities.accounts.roles import FINANCE, MODERATOR, MUNICIPAL, PROGRAMME_STAFF, REVIEWER
from youthcities.audit.models import AuditEntry
from youthcities.network.models import Answer, Commitment, Registration
from youthcities.network.workshop_services import (
    NetworkError,
    commitment_progress,
    recommendation_answer,
    recommendation_create,
    registration_cancel,
    workshop_register,
)

pytestmark = pytest.mark.django_db
Status = Registration.Status


def _recommend(workshop, author):
    return recommendation_create(
        workshop=workshop,
        author=author,
        title="A youth council with a budget",
        text="Give the youth council a small budget it decides on.",
        theme="inclusion",
        department="Youth and sports",
    )


def test_registration_fills_the_places_then_the_waiting_list_and_cancelling_promotes():
    workshop = WorkshopFactory(capacity=2)
    first, second, third = UserFactory(), UserFactory(), UserFactory()
    assert workshop_register(workshop=workshop, user=first).status == Status.REGISTERED
    assert workshop_register(workshop=workshop, user=second).status == Status.REGISTERED
    waiting = workshop_register(workshop=workshop, user=third)
    assert waiting.status == Status.WAITING
    assert workshop_register(workshop=workshop, user=third).pk == waiting.pk  # twice: once
    registration_cancel(registration=Registration.objects.get(user=first), user=first)
    waiting.refresh_from_db()
    assert waiting.status == Status.REGISTERED
    assert AuditEntry.objects.filter(action="workshop.promoted").exists()


def test_a_past_workshop_and_a_minor_without_consent_cannot_register():
    past = WorkshopFactory(starts_on=datetime.date(2020, 1, 1), ends_on=datetime.date(2020, 1, 2))
    with pytest.raises(NetworkError, match="already started"):
        workshop_register(workshop=past, user=UserFactory())
    minor = GuardianConsentFactory().user
    with pytest.raises(NetworkError, match="guardian"):
        workshop_register(workshop=WorkshopFactory(), user=minor)


def test_only_registered_young_participants_recommend():
    workshop = WorkshopFactory()
    outsider = UserFactory()
    with pytest.raises(NetworkError, match="young participants"):
        _recommend(workshop, outsider)
    participant = UserFactory()
    workshop_register(workshop=workshop, user=participant)
    recommendation = _recommend(workshop, participant)
    assert recommendation.city == workshop.city


def _accept(recommendation, officer):
    return recommendation_answer(
        recommendation=recommendation,
        actor=officer,
        decision="accepted",
        explanation="Yes",
        owner="Youth",
        due_on=datetime.date(2027, 1, 1),
    )


@pytest.fixture
def loop():
    workshop = WorkshopFactory(city=CityFactory(name="Irbid"))
    participant = UserFactory()
    workshop_register(workshop=workshop, user=participant)
    recommendation = _recommend(workshop, participant)
    officer = municipal_staff_of(workshop.city, UserFactory(roles=[MUNICIPAL]))
    other_city = municipal_staff_of(CityFactory(name="Zarqa"), UserFactory(roles=[MUNICIPAL]))
    return workshop, participant, recommendation, officer, other_city


def test_the_city_answers_accepts_and_tracks_progress(loop):
    workshop, participant, recommendation, officer, _other = loop
    with pytest.raises(NetworkError, match="responsible department"):
        recommendation_answer(
            recommendation=recommendation, actor=officer, decision="accepted", explanation="Yes"
        )
    recommendation_answer(
        recommendation=recommendation,
        actor=officer,
        decision="accepted",
        explanation="The council gets 5,000 JOD a year from 2027.",
        owner="Youth and sports",
        due_on=datetime.date(2027, 6, 30),
        milestones="Budget line approved\nFirst youth council vote",
    )
    commitment = Commitment.objects.get()
    assert commitment.milestone_list == ["Budget line approved", "First youth council vote"]
    commitment_progress(commitment=commitment, actor=officer, percent=40, note="Budget approved")
    commitment.refresh_from_db()
    assert commitment.progress == 40
    with pytest.raises(NetworkError, match="went back"):
        commitment_progress(commitment=commitment, actor=officer, percent=20)
    commitment_progress(commitment=commitment, actor=officer, percent=20, note="Vote postponed")
    for bad in (-1, 101, None):
        with pytest.raises(NetworkError, match="0 to 100"):
            commitment_progress(commitment=commitment, actor=officer, percent=bad, note="x")
    with pytest.raises(NetworkError, match="post progress"):
        recommendation_answer(
            recommendation=recommendation, actor=officer, decision="declined", explanation="No"
        )


def test_another_city_or_a_young_person_cannot_answer_or_update(loop):
    _workshop, participant, recommendation, officer, other_city = loop
    for actor in (other_city, participant):
        with pytest.raises(NetworkError, match="municipal staff of this city"):
            recommendation_answer(
                recommendation=recommendation, actor=actor, decision="declined", explanation="x"
            )
    _accept(recommendation, officer)
    with pytest.raises(NetworkError, match="municipal staff of this city"):
        commitment_progress(commitment=Commitment.objects.get(), actor=other_city, percent=10)
    assert Answer.objects.get().explanation == "Yes"


# --- Pages -------------------------------------------------------------------------------------


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


def _add_commitments(city, officer, count):
    for _number in range(count // 5):
        workshop = WorkshopFactory(city=city, capacity=10)
        for _ in range(5):
            participant = UserFactory()
            workshop_register(workshop=workshop, user=participant)
            recommendation = _recommend(workshop, participant)
            _accept(recommendation, officer)
            commitment_progress(
                commitment=recommendation.commitment, actor=officer, percent=40, note="n"
            )


def test_a_city_page_costs_the_same_queries_with_5_or_500_items(client):
    """5 and then 500 items (workshops, recommendations, answers, commitments, updates)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

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
    # Campaigns and what serves each commitment add three reads, whatever their number.
    assert counts[("cms:city", 5)] == counts[("cms:city", 100)] <= 16
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


# --- Permissions -------------------------------------------------------------------------------


ROLES = ["anonymous", "young participant", "another young person", "municipal (this city)",
         "municipal (another city)", "programme staff", "reviewer", "finance", "moderator"]  # fmt: skip


@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix(client, loop, role):
    workshop, participant, recommendation, officer, other_city = loop
    _accept(recommendation, officer)
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


def test_seed_demo_adds_workshops_participants_answers_and_commitments(demo):
    from youthcities.network.models import CityStaff, Workshop, WorkshopSession

    assert Workshop.objects.count() == 13
    assert WorkshopSession.objects.count() >= 26
    assert Registration.objects.filter(role="youth").values("user").distinct().count() == 100
    assert CityStaff.objects.count() == 31  # 30 decision makers and municipal@example.org
    assert Answer.objects.values("decision").distinct().count() == 2
    assert {c.progress for c in Commitment.objects.all()} >= {0, 40, 100}


# --- Following and digests ---------------------------------------------------------------------


def test_following_twice_keeps_one_follow(client):
    from youthcities.network.models import Follow

    city = CityFactory(name="Irbid")
    client.force_login(UserFactory())
    for _ in range(2):
        response = client.post(reverse("network:follow", args=["city", city.pk]), follow=True)
    assert Follow.objects.count() == 1
    assert "You already follow it" in response.content.decode()
    assert client.post(reverse("network:follow", args=["planet", 1])).status_code == 404


def test_a_digest_with_a_controlled_clock(loop, django_capture_on_commit_callbacks, mailoutbox):
    """Many changes in a day: one email per follower, grouped, in their language. A quiet day:
    none. Someone who chose no emails gets none."""
    from youthcities.network.follows import digests_send, follow_create
    from youthcities.network.models import DigestSetting, Notification

    workshop, participant, recommendation, officer, _other = loop
    city_follower = UserFactory(preferred_language="ar")
    workshop_follower = UserFactory()
    quiet = UserFactory()
    follow_create(user=city_follower, target=workshop.city)
    follow_create(user=workshop_follower, target=workshop)
    follow_create(user=workshop_follower, target=workshop.city)  # both: still one notification
    follow_create(user=quiet, target=workshop.city)
    DigestSetting.objects.filter(user=quiet).update(frequency="never")
    for follower in (city_follower, workshop_follower, quiet):
        DigestSetting.objects.filter(user=follower).exclude(frequency="never").update(
            frequency="daily"
        )

    _accept(recommendation, officer)
    for percent in (10, 20, 30):
        commitment_progress(
            commitment=recommendation.commitment, actor=officer, percent=percent, note="step"
        )
    assert Notification.objects.filter(user=workshop_follower).count() == 4

    day_one = datetime.datetime.now(datetime.UTC) + datetime.timedelta(hours=1)
    with django_capture_on_commit_callbacks(execute=True):
        assert digests_send(frequency="daily", now=day_one) == 2
    assert sorted(m.to[0] for m in mailoutbox) == sorted(
        [city_follower.email, workshop_follower.email]
    )
    arabic = next(m for m in mailoutbox if m.to == [city_follower.email])
    assert "أُنجز 30%" in arabic.body and "/ar/cities/" in arabic.body
    assert "/digest/unsubscribe/" in arabic.body
    english = next(m for m in mailoutbox if m.to == [workshop_follower.email])
    assert english.body.count("is now") == 3

    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert digests_send(frequency="daily", now=day_one + datetime.timedelta(days=1)) == 0
    assert mailoutbox == []


def test_one_click_unsubscribe_and_a_forged_link(client):
    from youthcities.network.follows import unsubscribe_token
    from youthcities.network.models import DigestSetting

    person = UserFactory()
    token = unsubscribe_token(person)
    response = client.get(reverse("network:unsubscribe", args=[token]))
    assert response.status_code == 200
    assert DigestSetting.objects.get(user=person).frequency == "never"
    forged = token[:-2] + ("aa" if not token.endswith("aa") else "bb")
    response = client.get(reverse("network:unsubscribe", args=[forged]))
    assert response.status_code == 400
    assert "This link is not valid" in response.content.decode()
