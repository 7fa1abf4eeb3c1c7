"""Municipal staff: the recommendations waiting for their answer and the commitments waiting
for news, on one page; an official answer previewed as the public will read it before it goes
public; and the demo's Zarqa officer has work waiting."""

import pytest
from django.urls import reverse

from tests.network.helpers import accept, recommend
from youthcities.accounts.models import User
from youthcities.network.workshops.models import Answer, Recommendation
from youthcities.network.workshops.selectors import waiting_for_answer

pytestmark = pytest.mark.django_db


def test_the_officer_sees_what_waits_for_their_answer(client, loop, django_assert_max_num_queries):
    workshop, participant, waiting, officer, other_city = loop
    answered = recommend(workshop, participant)
    accept(answered, officer)
    client.force_login(officer)
    url = reverse("network:waiting_answers")
    client.get(url)
    with django_assert_max_num_queries(12):
        response = client.get(url)
    html = response.content.decode()
    assert response.context["waiting"].recommendations == [waiting]
    assert response.context["waiting"].commitments == [answered.commitment]
    assert reverse("network:answer", args=[waiting.pk]) in html
    assert reverse("network:progress", args=[answered.commitment.pk]) in html
    # Another city's officer has nothing of Irbid's; a young person has no such page.
    client.force_login(other_city)
    assert client.get(url).context["waiting"].recommendations == []
    client.force_login(participant)
    assert client.get(url).status_code == 404


def test_an_answer_is_previewed_before_it_goes_public(client, loop):
    workshop, participant, recommendation, officer, other_city = loop
    client.force_login(officer)
    url = reverse("network:answer", args=[recommendation.pk])
    data = {"decision": "declined", "explanation": "The budget for 2026 is closed."}
    response = client.post(url, data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Preview the official answer" in html
    assert "The budget for 2026 is closed." in html and "Declined" in html
    assert not Answer.objects.filter(recommendation=recommendation).exists()
    response = client.post(url, {**data, "edit": "1"})  # "Change it": the form, as typed
    assert "The budget for 2026 is closed.</textarea>" in response.content.decode()
    assert not Answer.objects.filter(recommendation=recommendation).exists()
    response = client.post(url, {**data, "confirmed": "1"})
    assert response.status_code == 302
    assert Answer.objects.get(recommendation=recommendation).decision == "declined"


def test_the_demo_zarqa_officer_has_recommendations_to_answer_and_a_commitment(demo):
    officer = User.objects.get(email="municipal@example.org")
    waiting = waiting_for_answer(officer.city_staff.city)
    assert len(waiting.recommendations) >= 2
    assert any(c.progress < 100 for c in waiting.commitments)
    assert Recommendation.objects.filter(city__slug="zarqa", answer__isnull=True).count() >= 2
