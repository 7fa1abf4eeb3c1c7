"""Following, and the one-click unsubscribe link of the digests."""

import pytest
from django.urls import reverse

from tests.factories.accounts import UserFactory
from tests.factories.network import CityFactory
from youthcities.network.follows.models import DigestSetting, Follow
from youthcities.network.follows.services import unsubscribe_token

pytestmark = pytest.mark.django_db


def test_following_twice_keeps_one_follow(client):
    city = CityFactory(name="Irbid")
    client.force_login(UserFactory())
    for _ in range(2):
        response = client.post(reverse("network:follow", args=["city", city.pk]), follow=True)
    assert Follow.objects.count() == 1
    assert "You already follow it" in response.content.decode()
    assert client.post(reverse("network:follow", args=["planet", 1])).status_code == 404


def test_one_click_unsubscribe_and_a_forged_link(client):
    person = UserFactory()
    token = unsubscribe_token(person)
    response = client.get(reverse("network:unsubscribe", args=[token]))
    assert response.status_code == 200
    assert DigestSetting.objects.get(user=person).frequency == "never"
    forged = token[:-2] + ("aa" if not token.endswith("aa") else "bb")
    response = client.get(reverse("network:unsubscribe", args=[forged]))
    assert response.status_code == 400
    assert "This link is not valid" in response.content.decode()
