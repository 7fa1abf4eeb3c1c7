"""Notifications and digests."""

import datetime

import pytest

from tests.factories.accounts import UserFactory
from tests.network.helpers import accept
from youthcities.network.follows.models import DigestSetting, Notification
from youthcities.network.follows.services import digests_send, follow_create
from youthcities.network.workshops.services import (
    commitment_progress,
)

pytestmark = pytest.mark.django_db


def test_a_digest_with_a_controlled_clock(loop, django_capture_on_commit_callbacks, mailoutbox):
    """Many changes in a day: one email per follower, grouped, in their language. A quiet day:
    none. Someone who chose no emails gets none."""
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

    accept(recommendation, officer)
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
