""" "Put me in touch" from an initiative: the profile's initiatives section, a funded project or a
workshop on the city page starts the same request, pre-filled, recording what it was about. The
rules of a request from a city's page hold (not one's own city, one open request per city)."""

from decimal import Decimal

import pytest
from django.test import TestCase

from grants.applications.models import Application
from hub.errors import IntroductionOpen, NotAllowed, OwnCity
from hub.introductions.models import Introduction
from hub.introductions.selectors import initiative_of
from hub.introductions.services import introduction_ask
from hub.profiles.services import profile_draft_decide, profile_draft_save
from tests.factories.accounts import UserFactory
from tests.factories.grants import SubmittedApplicationFactory
from tests.factories.network import CityFactory, WorkshopFactory
from youthcities.accounts.roles import ACTIVIST

pytestmark = pytest.mark.django_db


@pytest.fixture
def project(zarqa):
    return SubmittedApplicationFactory(
        city=zarqa,
        title="Mentors for newcomers",
        status=Application.Status.APPROVED,
        awarded_amount=Decimal("1500"),
    )


@pytest.fixture
def initiatives(zarqa, officer, staff):
    section = profile_draft_save(
        user=officer,
        city=zarqa,
        kind="initiatives",
        texts={"en": "A youth radio run by young presenters.\nAnd more."},
        themes=[],
        members_only=True,
    )
    return profile_draft_decide(section=section, actor=staff, approve=True)


def test_a_member_asks_from_a_funded_project_on_the_city_page(client, asker, zarqa, project):
    client.force_login(asker)
    url = f"/en/hub/initiatives/project/{project.pk}/put-me-in-touch/"
    assert url in client.get(f"/en/cities/{zarqa.slug}/").content.decode()
    form = client.get(url).content.decode()
    assert "Mentors for newcomers" in form  # named, and the wish is pre-filled with it
    assert "I would like to learn about “Mentors for newcomers”" in form
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(url, {"wish": "How do you find the mentors?"})
    assert response.status_code == 302
    introduction = Introduction.objects.get()
    assert (introduction.city, introduction.about_kind, introduction.about_id) == (
        zarqa,
        "project",
        project.pk,
    )
    assert introduction.about_title == "Mentors for newcomers"
    assert "Mentors for newcomers" in client.get("/en/my/introductions/").content.decode()


def test_a_member_asks_from_a_workshop_and_from_the_profiles_initiatives(
    client, asker, zarqa, initiatives
):
    workshop = WorkshopFactory(city=zarqa, title_en="Radio lab")
    client.force_login(asker)
    page = client.get(f"/en/cities/{zarqa.slug}/").content.decode()
    for kind, pk, title in (
        ("workshop", workshop.pk, "Radio lab"),
        ("profile", initiatives.pk, "A youth radio run by young presenters."),
    ):
        url = f"/en/hub/initiatives/{kind}/{pk}/put-me-in-touch/"
        assert url in page
        Introduction.objects.all().delete()
        client.post(url, {"wish": "Tell me more"})
        assert Introduction.objects.get().about_title == title


@pytest.mark.parametrize("role", [None, ACTIVIST])
def test_non_members_see_no_button_and_are_sent_to_membership(client, zarqa, project, role):
    if role:
        client.force_login(UserFactory(roles=[role]))
    url = f"/en/hub/initiatives/project/{project.pk}/put-me-in-touch/"
    assert url not in client.get(f"/en/cities/{zarqa.slug}/").content.decode()
    response = client.post(url, {"wish": "Tell me"})
    assert response.status_code == 302
    assert "/hub/membership/" in response.url or "/login/" in response.url
    assert not Introduction.objects.exists()


def test_an_initiative_of_ones_own_city_is_refused(client, officer, zarqa, project):
    client.force_login(officer)
    url = f"/en/hub/initiatives/project/{project.pk}/put-me-in-touch/"
    assert url not in client.get(f"/en/cities/{zarqa.slug}/").content.decode()
    response = client.post(url, {"wish": "Tell me"})
    assert response.status_code == 302 and response.url == f"/en/cities/{zarqa.slug}/"
    assert not Introduction.objects.exists()
    with pytest.raises(OwnCity):
        introduction_ask(
            requester=officer, city=zarqa, wish="x", about=initiative_of("project", project.pk)
        )


def test_a_second_request_while_one_is_open_for_the_city_is_refused(
    client, asker, zarqa, project, initiatives
):
    introduction_ask(requester=asker, city=zarqa, wish="Youth councils")
    client.force_login(asker)
    response = client.post(
        f"/en/hub/initiatives/project/{project.pk}/put-me-in-touch/", {"wish": "Mentors"}
    )
    assert response.status_code == 302
    assert Introduction.objects.count() == 1
    with pytest.raises(IntroductionOpen):
        introduction_ask(
            requester=asker,
            city=zarqa,
            wish="Radio",
            about=initiative_of("profile", initiatives.pk),
        )


def test_an_initiative_that_is_not_one_is_404(client, asker, zarqa, officer, staff):
    client.force_login(asker)
    not_funded = SubmittedApplicationFactory(city=zarqa, title="Still in review")
    challenges = profile_draft_decide(
        section=profile_draft_save(
            user=officer, city=zarqa, kind="challenges", texts={"en": "Rumours"}, themes=[]
        ),
        actor=staff,
        approve=True,
    )
    for url in (
        f"/en/hub/initiatives/project/{not_funded.pk}/put-me-in-touch/",
        f"/en/hub/initiatives/profile/{challenges.pk}/put-me-in-touch/",
        "/en/hub/initiatives/workshop/999999/put-me-in-touch/",
        "/en/hub/initiatives/city/1/put-me-in-touch/",
    ):
        assert client.get(url).status_code == 404, url
    assert not Introduction.objects.exists()


def test_the_initiative_must_be_of_the_city_asked(asker, zarqa, saida, project):
    other = CityFactory(name="Irbid", country="JO", region="middle_east")
    with pytest.raises(NotAllowed):
        introduction_ask(
            requester=asker, city=other, wish="x", about=initiative_of("project", project.pk)
        )
