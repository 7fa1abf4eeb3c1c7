"""Submitting an application is a state change: a POST with CSRF from the Submit button only."""

import pytest
from django.test import Client

from grants.applications.models import Application
from tests.factories.accounts import UserFactory
from tests.grants.wizard_helpers import fill_all_steps, post_step, step_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def applicant(client):
    user = UserFactory(display_name="Lina")
    client.force_login(user)
    return user


def status_of(user, call):
    return Application.objects.get(applicant=user, call=call).status


def test_a_link_to_the_submit_url_submits_nothing(client, call, city, applicant):
    fill_all_steps(client, call, city)
    post_step(client, call, "review", save_later="1")
    response = client.get(step_url(call, "submit"))
    assert response.status_code == 302
    assert response["Location"] == step_url(call, "review")
    assert status_of(applicant, call) == "draft"


def test_save_and_finish_later_on_the_last_step_never_submits(client, call, city, applicant):
    fill_all_steps(client, call, city)
    response = post_step(client, call, "review", save_later="1")
    assert response["Location"] == "/en/my/applications/"
    client.get(response["Location"])
    assert status_of(applicant, call) == "draft"
    # The declarations ticked on the way out are kept.
    assert Application.objects.get(applicant=applicant).declarations_accepted


def test_a_post_without_the_submit_button_does_not_submit(client, call, city, applicant):
    fill_all_steps(client, call, city)
    response = post_step(client, call, "review", submit_application=None)
    client.get(response["Location"])
    assert status_of(applicant, call) == "draft"


def test_the_submit_button_submits_in_one_post(client, call, city, applicant):
    fill_all_steps(client, call, city)
    response = post_step(client, call, "review")
    assert response["Location"] == "/en/my/applications/"
    assert status_of(applicant, call) == "submitted"


def test_submitting_needs_the_csrf_token(call, city):
    user = UserFactory()
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(user)
    setup = Client()
    setup.force_login(user)
    fill_all_steps(setup, call, city)

    forged = post_step(browser, call, "review")
    assert forged.status_code == 403
    assert status_of(user, call) == "draft"

    page = browser.get(step_url(call, "review"))
    assert page.status_code == 200
    assert 'name="submit_application"' in page.content.decode()
    token = browser.cookies["csrftoken"].value
    response = post_step(browser, call, "review", csrfmiddlewaretoken=token)
    assert response.status_code == 302
    assert status_of(user, call) == "submitted"
