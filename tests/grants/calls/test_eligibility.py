""" "Can I apply?" on the call page: the call's rules, yes or no with every reason, for anyone,
without JavaScript (a GET form) and without storing anything."""

import pytest

from tests.factories.grants import GrantCallFactory
from youthcities.network.cities.models import City

pytestmark = pytest.mark.django_db


@pytest.fixture
def strict_call(city):
    call = GrantCallFactory(min_age=18, max_age=25, min_team_size=3, group_kinds=["school_club"])
    call.cities.add(city)
    return call


def check(client, call, **answers):
    return client.get(f"/en/grants/{call.slug}/", {"check": "1", **answers})


def test_the_check_answers_yes_when_every_rule_is_met(client, strict_call, city):
    page = check(
        client, strict_call, age="20", city=city.pk, team_size="4", group_kind="school_club"
    ).content.decode()
    assert "Yes: you can apply to this call." in page


def test_the_check_answers_no_with_every_reason(client, strict_call):
    page = check(
        client, strict_call, age="30", city="other", team_size="2", group_kind="informal_group"
    ).content.decode()
    assert "No: this call is not open to you." in page
    assert "This call is for people aged 18 to 25." in page
    assert "This call is open to young people in Saida only." in page
    assert "This call is for groups of at least 3 members." in page
    assert "This call is not open to your kind of group." in page


def test_the_check_asks_only_what_the_call_has_rules_for(client):
    call = GrantCallFactory(group_kinds=[])
    page = client.get(f"/en/grants/{call.slug}/").content.decode()
    assert "Can I apply?" in page
    assert 'name="age"' in page and 'name="team_size"' in page
    assert 'name="city"' not in page and 'name="group_kind"' not in page
    assert 'data-testid="verdict"' not in page  # no answer before the question


def test_a_half_answered_check_says_what_is_missing_and_gives_no_verdict(client, strict_call):
    response = check(client, strict_call, age="abc")
    page = response.content.decode()
    assert response.status_code == 200
    assert "Enter a whole number." in page
    assert 'data-testid="verdict"' not in page


def test_the_check_works_in_arabic(client, strict_call, city):
    City.objects.filter(pk=city.pk).update(name="صيدا")
    response = client.get(
        f"/ar/grants/{strict_call.slug}/",
        {"check": "1", "age": "30", "city": city.pk, "team_size": "4", "group_kind": "school_club"},
    )
    assert response.status_code == 200
    assert 'data-testid="verdict"' in response.content.decode()


def test_the_check_the_wizard_and_submission_give_one_reason_for_one_rule(
    client, strict_call, city
):
    """One rule, one message: a call narrowed to Dakar after a draft chose Saida says the same
    thing on the call page, at the eligibility step and when the draft is checked to submit."""
    from grants.applications.models import Application
    from grants.applications.rules import application_problems
    from tests.factories.accounts import UserFactory, born_years_ago
    from tests.grants.wizard_helpers import post_step, step_url

    dakar = City.objects.create(name="Dakar", slug="dakar", country="SN", region="west_africa")
    strict_call.cities.set([dakar])
    reason = "This call is open to young people in Dakar only."
    page = check(
        client, strict_call, age="20", city="other", team_size="4", group_kind="school_club"
    ).content.decode()
    assert reason in page
    client.force_login(UserFactory(date_of_birth=born_years_ago(20)))
    client.get(step_url(strict_call, "eligibility"))
    assert (
        reason in post_step(client, strict_call, "eligibility", {"city": city.pk}).content.decode()
    )
    draft = Application.objects.get(call=strict_call)
    Application.objects.filter(pk=draft.pk).update(city=city)
    draft.refresh_from_db()
    assert reason in application_problems(draft)["eligibility"]
