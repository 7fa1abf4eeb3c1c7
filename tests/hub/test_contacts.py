"""Contacts who opted in: a municipal officer or member becomes a counterpart contact of their
city (display name and role, for members' eyes only, never an email); with "requests straight
to me", a new request is offered to them at once, else staff pick. Opting out undoes both."""

import pytest
from django.test import TestCase

from hub.errors import NoCityToSpeakFor, NotMember
from hub.introductions.models import CounterpartContact, Introduction
from hub.introductions.services import (
    contact_opt_in,
    contact_opt_out,
    introduction_answer,
    introduction_ask,
)
from tests.factories.accounts import UserFactory
from tests.factories.network import municipal_staff_of
from youthcities.accounts.roles import ACTIVIST, HUB_MEMBER, MUNICIPAL
from youthcities.audit.models import AuditEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(zarqa):
    person = UserFactory(roles=[MUNICIPAL], display_name="Omar", email="omar@zarqa.example")
    municipal_staff_of(zarqa, person)
    return person


def ask(asker, city, **kwargs):
    with TestCase.captureOnCommitCallbacks(execute=True):
        return introduction_ask(requester=asker, city=city, wish="Youth councils", **kwargs)


def test_an_officer_opts_in_through_the_page_and_members_see_name_and_role_only(
    client, zarqa, officer
):
    client.force_login(officer)
    assert client.get("/en/my/hub-contact/").status_code == 200
    response = client.post("/en/my/hub-contact/", {"role": "Youth officer"})
    assert response.status_code == 302
    contact = CounterpartContact.objects.get()
    assert (contact.city, contact.role, contact.takes_requests) == (zarqa, "Youth officer", False)
    assert AuditEntry.objects.filter(action="hub.contact_opted_in").exists()

    client.force_login(UserFactory(roles=[HUB_MEMBER]))
    page = client.get(f"/en/cities/{zarqa.slug}/").content.decode()
    assert "Omar" in page and "Youth officer" in page
    assert "omar@zarqa.example" not in page


@pytest.mark.parametrize("role", [None, ACTIVIST])
def test_non_members_never_see_who_the_contacts_are(client, zarqa, officer, role):
    contact_opt_in(user=officer, role="Youth officer", takes_requests=True)
    if role:
        client.force_login(UserFactory(roles=[role]))
    page = client.get(f"/en/cities/{zarqa.slug}/").content.decode()
    assert "Contacts who opted in" in page and "/en/hub/membership/" in page
    assert "Omar" not in page and "Youth officer" not in page


def test_only_members_with_a_city_can_opt_in(client, zarqa):
    activist = UserFactory(roles=[ACTIVIST])
    with pytest.raises(NotMember):
        contact_opt_in(user=activist, role="Someone", takes_requests=False)
    client.force_login(activist)
    assert client.post("/en/my/hub-contact/", {"role": "Someone"}).status_code == 403
    cityless = UserFactory(roles=[HUB_MEMBER])
    with pytest.raises(NoCityToSpeakFor):
        contact_opt_in(user=cityless, role="Someone", takes_requests=False)
    assert not CounterpartContact.objects.exists()


def test_without_a_direct_contact_the_request_waits_for_staff(
    asker, zarqa, officer, staff, mailoutbox
):
    contact_opt_in(user=officer, role="Youth officer", takes_requests=False)
    introduction = ask(asker, zarqa)
    assert introduction.status == Introduction.Status.ASKED and introduction.counterpart is None
    assert [m.to for m in mailoutbox] == [[staff.email]]


def test_a_direct_contact_is_offered_the_request_at_once(
    client, asker, zarqa, officer, staff, mailoutbox
):
    contact_opt_in(user=officer, role="Youth officer", takes_requests=True)
    client.force_login(asker)
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(
            f"/en/hub/cities/{zarqa.slug}/put-me-in-touch/", {"wish": "Youth councils"}
        )
    assert response.status_code == 302
    introduction = Introduction.objects.get()
    assert (introduction.status, introduction.counterpart) == (Introduction.Status.OFFERED, officer)
    assert introduction.offered_by is None  # nobody from staff had to pick
    assert [m.to for m in mailoutbox] == [[officer.email]]
    assert AuditEntry.objects.filter(action="hub.introduction_offered_directly").exists()
    # The rest is the usual path: they agree, and only then do both get each other's contact.
    introduction_answer(introduction=introduction, user=officer, accept=True)
    assert Introduction.objects.get().status == Introduction.Status.INTRODUCED


def test_after_opting_out_requests_wait_for_staff_again_and_the_name_is_gone(
    client, asker, zarqa, officer, staff, saida, mailoutbox
):
    contact_opt_in(user=officer, role="Youth officer", takes_requests=True)
    client.force_login(officer)
    assert client.post("/en/my/hub-contact/", {"action": "opt_out"}).status_code == 302
    assert not CounterpartContact.objects.exists()
    assert AuditEntry.objects.filter(action="hub.contact_opted_out").exists()
    contact_opt_out(user=officer)  # a second time: nothing to undo, no error
    introduction = ask(asker, zarqa)
    assert introduction.status == Introduction.Status.ASKED
    assert [m.to for m in mailoutbox] == [[staff.email]]
    client.force_login(asker)
    assert "Youth officer" not in client.get(f"/en/cities/{zarqa.slug}/").content.decode()


def test_a_contact_who_is_no_longer_a_member_gets_no_request(asker, zarqa, officer, staff):
    contact_opt_in(user=officer, role="Youth officer", takes_requests=True)
    officer.groups.clear()  # no longer municipal staff's role
    officer.city_staff.delete()
    introduction = ask(asker, zarqa)
    assert introduction.status == Introduction.Status.ASKED and introduction.counterpart is None
