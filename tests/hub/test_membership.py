"""Membership of the Online Hub: anyone signed in applies from their account page; programme
staff approve (the person becomes a `hub_member`) or refuse with a reason, audited and told by
email; municipal staff are members without applying."""

import pytest
from django.test import TestCase

from hub.errors import AlreadyDecided, AlreadyMember, ApplicationPending
from hub.models import MembershipApplication
from hub.selectors import is_member
from hub.services import membership_apply, membership_approve, membership_refuse
from tests.factories.accounts import UserFactory
from youthcities.accounts.roles import (
    ACTIVIST,
    HUB_MEMBER,
    MUNICIPAL,
    PROGRAMME_STAFF,
    REVIEWER,
)
from youthcities.accounts.selectors import has_role
from youthcities.audit.models import AuditEntry

pytestmark = pytest.mark.django_db

FORM = {
    "organisation": "Municipality of Saida",
    "role": "Youth policy officer",
    "reason": "We are writing our youth strategy.",
}


def decide(client, data):
    with TestCase.captureOnCommitCallbacks(execute=True):  # the email goes after the commit
        return client.post("/admin/hub/memberships/", data)


def apply(user, city):
    return membership_apply(user=user, city=city, **FORM)


def test_the_account_page_leads_to_the_application(client, saida):
    client.force_login(UserFactory())
    assert "/en/hub/membership/" in client.get("/en/my/").content.decode()


def test_a_person_applies_with_city_organisation_role_and_reason(client, saida):
    person = UserFactory()
    client.force_login(person)
    response = client.post("/en/hub/membership/", {**FORM, "city": saida.pk})
    assert response.status_code == 302
    application = MembershipApplication.objects.get(user=person)
    assert (application.city, application.organisation, application.status) == (
        saida,
        "Municipality of Saida",
        "pending",
    )
    assert AuditEntry.objects.filter(action="hub.membership_applied").count() == 1
    page = client.get("/en/hub/membership/").content.decode()
    assert "We received your application" in page
    assert not is_member(person)


def test_an_application_without_a_reason_is_refused_with_the_field_named(client, saida):
    client.force_login(UserFactory())
    response = client.post("/en/hub/membership/", {**FORM, "reason": "", "city": saida.pk})
    assert response.status_code == 400
    assert 'href="#id_reason"' in response.content.decode()
    assert not MembershipApplication.objects.exists()


def test_a_second_application_while_one_waits_is_refused(client, saida):
    person = UserFactory()
    apply(person, saida)
    with pytest.raises(ApplicationPending):
        apply(person, saida)
    client.force_login(person)
    client.post("/en/hub/membership/", {**FORM, "city": saida.pk}, follow=True)
    assert MembershipApplication.objects.filter(user=person).count() == 1


def test_a_member_does_not_apply(saida):
    with pytest.raises(AlreadyMember):
        apply(UserFactory(roles=[HUB_MEMBER]), saida)


@pytest.mark.parametrize("role", [MUNICIPAL, PROGRAMME_STAFF, HUB_MEMBER])
def test_municipal_staff_are_members_by_default(role):
    assert is_member(UserFactory(roles=[role]))


@pytest.mark.parametrize("role", [ACTIVIST, REVIEWER])
def test_other_roles_are_not_members(role):
    assert not is_member(UserFactory(roles=[role]))


def test_staff_approve_in_the_admin_the_person_becomes_a_member_and_is_told(
    client, saida, staff, mailoutbox
):
    person = UserFactory(preferred_language="en")
    application = apply(person, saida)
    client.force_login(staff)
    queue = client.get("/admin/hub/memberships/").content.decode()
    assert "Municipality of Saida" in queue and person.email in queue
    response = decide(client, {"application": application.pk, "decision": "approve"})
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == "approved" and application.decided_by == staff
    person = type(person).objects.get(pk=person.pk)
    assert has_role(person, HUB_MEMBER) and is_member(person)
    assert AuditEntry.objects.filter(
        action="hub.membership_approved", target_id=str(application.pk), actor=staff
    ).exists()
    assert [m.to for m in mailoutbox] == [[person.email]]
    assert "Welcome to the Young Cities Online Hub" in mailoutbox[0].subject


def test_a_refusal_needs_a_reason_which_the_person_reads(client, saida, staff, mailoutbox):
    person = UserFactory()
    application = apply(person, saida)
    client.force_login(staff)
    decide(client, {"application": application.pk, "decision": "refuse"})
    application.refresh_from_db()
    assert application.status == "pending"  # no reason: nothing decided
    decide(
        client,
        {"application": application.pk, "decision": "refuse", "note": "Not a member city yet."},
    )
    application.refresh_from_db()
    assert application.status == "refused"
    assert not is_member(type(person).objects.get(pk=person.pk))
    assert "Not a member city yet." in mailoutbox[0].body
    client.force_login(person)
    page = client.get("/en/hub/membership/").content.decode()
    assert "Not a member city yet." in page and "You may apply again" in page
    apply(person, saida)  # a refused person may apply again


def test_an_application_is_decided_once(saida, staff):
    application = apply(UserFactory(), saida)
    membership_approve(application=application, actor=staff)
    with pytest.raises(AlreadyDecided):
        membership_refuse(application=application, actor=staff, note="Too late")


@pytest.mark.parametrize("role", [ACTIVIST, MUNICIPAL, HUB_MEMBER])
def test_only_programme_staff_decide(client, saida, role):
    application = apply(UserFactory(), saida)
    client.force_login(UserFactory(roles=[role], is_staff=True))
    response = client.post(
        "/admin/hub/memberships/", {"application": application.pk, "decision": "approve"}
    )
    assert response.status_code in (302, 403)
    application.refresh_from_db()
    assert application.status == "pending"
