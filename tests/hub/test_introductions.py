"""Counterpart introductions: a member asks from a city's page, staff pick the counterpart, the
counterpart agrees or declines; only after both agree does each get the other's contact, by email
in their own language. 30 days later both are asked "did you connect?"."""

import datetime
import uuid

import pytest
from django.test import TestCase
from django.utils import timezone

from hub.errors import AlreadyDecided, IntroductionOpen, NotAllowed, NotCounterpart, OwnCity
from hub.introductions.models import Introduction
from hub.introductions.selectors import exchanges_count
from hub.introductions.services import (
    introduction_answer,
    introduction_ask,
    introduction_note_outcome,
    introduction_offer,
)
from hub.services import membership_apply, membership_approve
from tests.factories.accounts import UserFactory
from tests.factories.network import CityFactory, municipal_staff_of
from youthcities.accounts.roles import ACTIVIST, MUNICIPAL
from youthcities.audit.models import AuditEntry
from youthcities.reminders.services import reminders_due, reminders_send

pytestmark = pytest.mark.django_db


@pytest.fixture
def asker(saida, staff):
    """A member from Saida (approved membership), writing in French."""
    person = UserFactory(display_name="Nadia", preferred_language="fr")
    application = membership_apply(
        user=person, city=saida, organisation="Saida Youth Office", role="Officer", reason="…"
    )
    membership_approve(application=application, actor=staff)
    return type(person).objects.get(pk=person.pk)


@pytest.fixture
def officer(zarqa):
    """Zarqa's municipal officer, writing in Arabic."""
    person = UserFactory(roles=[MUNICIPAL], display_name="Omar", preferred_language="ar")
    municipal_staff_of(zarqa, person)
    return person


def committed(function, **kwargs):
    with TestCase.captureOnCommitCallbacks(execute=True):
        return function(**kwargs)


def offered(asker, zarqa, officer, staff):
    introduction = introduction_ask(requester=asker, city=zarqa, wish="Youth councils")
    return introduction_offer(introduction=introduction, actor=staff, counterpart=officer)


def test_a_member_asks_from_the_city_page_and_staff_are_told(
    client, asker, zarqa, staff, mailoutbox
):
    client.force_login(asker)
    page = client.get(f"/en/cities/{zarqa.slug}/").content.decode()
    assert f"/en/hub/cities/{zarqa.slug}/put-me-in-touch/" in page
    assert client.get(f"/en/hub/cities/{zarqa.slug}/put-me-in-touch/").status_code == 200
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(
            f"/en/hub/cities/{zarqa.slug}/put-me-in-touch/", {"wish": "How you run youth councils"}
        )
    assert response.status_code == 302 and response.url == "/en/my/introductions/"
    introduction = Introduction.objects.get()
    assert (introduction.status, introduction.requester_city.name) == ("asked", "Saida")
    assert AuditEntry.objects.filter(action="hub.introduction_asked").exists()
    assert [m.to for m in mailoutbox] == [[staff.email]]
    assert "How you run youth councils" in client.get("/en/my/introductions/").content.decode()


def test_a_request_to_ones_own_city_is_refused_with_a_message(client, asker, saida):
    with pytest.raises(OwnCity):
        introduction_ask(requester=asker, city=saida, wish="x")
    client.force_login(asker)
    response = client.post(
        f"/en/hub/cities/{saida.slug}/put-me-in-touch/", {"wish": "x"}, follow=True
    )
    assert "This is your own city" in response.content.decode()
    assert not Introduction.objects.exists()


def test_municipal_staff_cannot_ask_for_their_own_city(officer, zarqa):
    with pytest.raises(OwnCity):
        introduction_ask(requester=officer, city=zarqa, wish="x")


def test_a_second_request_for_the_same_city_while_one_is_open_is_refused(
    client, asker, zarqa, officer, staff
):
    introduction_ask(requester=asker, city=zarqa, wish="first")
    with pytest.raises(IntroductionOpen):
        introduction_ask(requester=asker, city=zarqa, wish="second")
    client.force_login(asker)
    response = client.post(
        f"/en/hub/cities/{zarqa.slug}/put-me-in-touch/", {"wish": "third"}, follow=True
    )
    assert "You already asked" in response.content.decode()
    assert Introduction.objects.count() == 1
    # still open once offered; a declined request lets the member ask again
    first = Introduction.objects.get()
    introduction_offer(introduction=first, actor=staff, counterpart=officer)
    with pytest.raises(IntroductionOpen):
        introduction_ask(requester=asker, city=zarqa, wish="again")
    introduction_answer(introduction=first, user=officer, accept=False)
    introduction_ask(requester=asker, city=zarqa, wish="again")
    assert Introduction.objects.count() == 2


def test_a_non_member_is_sent_to_membership(client, zarqa):
    person = UserFactory(roles=[ACTIVIST])
    client.force_login(person)
    response = client.get(f"/en/hub/cities/{zarqa.slug}/put-me-in-touch/")
    assert response.status_code == 302 and response.url == "/en/hub/membership/"
    response = client.post(f"/en/hub/cities/{zarqa.slug}/put-me-in-touch/", {"wish": "x"})
    assert response.status_code == 302 and response.url == "/en/hub/membership/"
    assert not Introduction.objects.exists()
    page = client.get(f"/en/cities/{zarqa.slug}/").content.decode()
    assert "put-me-in-touch" not in page and "/en/hub/membership/" in page


def test_staff_offer_a_counterpart_of_the_city_only(client, asker, zarqa, officer, staff, saida):
    introduction = introduction_ask(requester=asker, city=zarqa, wish="Youth councils")
    stranger = UserFactory(roles=[MUNICIPAL])
    municipal_staff_of(saida, stranger)
    with pytest.raises(NotCounterpart):
        introduction_offer(introduction=introduction, actor=staff, counterpart=stranger)
    with pytest.raises(NotAllowed):
        introduction_offer(introduction=introduction, actor=asker, counterpart=officer)
    client.force_login(staff)
    listing = client.get("/admin/hub/introductions/").content.decode()
    assert "Youth councils" in listing and "Omar" in listing and stranger.email not in listing
    with TestCase.captureOnCommitCallbacks(execute=True):
        client.post(
            "/admin/hub/introductions/",
            {"introduction": introduction.pk, "counterpart": officer.pk},
        )
    introduction.refresh_from_db()
    assert (introduction.status, introduction.counterpart) == ("offered", officer)


def test_an_approved_member_of_the_city_can_be_the_counterpart(asker, zarqa, staff):
    person = UserFactory()
    application = membership_apply(
        user=person, city=zarqa, organisation="Zarqa NGO", role="Lead", reason="…"
    )
    membership_approve(application=application, actor=staff)
    introduction = introduction_ask(requester=asker, city=zarqa, wish="x")
    introduction_offer(introduction=introduction, actor=staff, counterpart=person)


def test_nobody_gets_an_email_address_before_both_agree(asker, zarqa, officer, staff, mailoutbox):
    introduction = committed(introduction_ask, requester=asker, city=zarqa, wish="Councils")
    committed(introduction_offer, introduction=introduction, actor=staff, counterpart=officer)
    offer = mailoutbox[-1]
    assert offer.to == [officer.email]
    assert asker.email not in offer.body and "Nadia" not in offer.body
    assert f"/hub/introductions/{introduction.token}/" in offer.body


def test_both_agree_and_each_gets_the_others_contact_in_their_language(
    client, asker, zarqa, officer, staff, mailoutbox
):
    introduction = offered(asker, zarqa, officer, staff)
    client.force_login(officer)
    page = client.get(f"/en/hub/introductions/{introduction.token}/").content.decode()
    assert "Youth councils" in page and asker.email not in page and "Nadia" not in page
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(
            f"/en/hub/introductions/{introduction.token}/", {"decision": "accept"}
        )
    assert response.status_code == 302
    introduction.refresh_from_db()
    assert introduction.status == "introduced"
    by_recipient = {m.to[0]: m for m in mailoutbox}
    to_asker, to_officer = by_recipient[asker.email], by_recipient[officer.email]
    assert officer.email in to_asker.body and "Omar" in to_asker.body
    assert asker.email in to_officer.body and "Saida Youth Office" in to_officer.body
    assert "Nom" in to_asker.body  # French for Nadia
    assert "البريد" in to_officer.body  # Arabic for Omar
    assert exchanges_count(zarqa) == 1
    assert AuditEntry.objects.filter(action="hub.introduction_accepted", actor=officer).exists()


def test_a_decline_tells_the_requester_without_a_name(asker, zarqa, officer, staff, mailoutbox):
    introduction = offered(asker, zarqa, officer, staff)
    committed(introduction_answer, introduction=introduction, user=officer, accept=False)
    assert mailoutbox[-1].to == [asker.email]
    assert "Omar" not in mailoutbox[-1].body and officer.email not in mailoutbox[-1].body
    assert exchanges_count(zarqa) == 0


def test_someone_other_than_the_counterpart_gets_404(client, asker, zarqa, officer, staff):
    introduction = offered(asker, zarqa, officer, staff)
    for person in (asker, staff, UserFactory()):
        client.force_login(person)
        url = f"/en/hub/introductions/{introduction.token}/"
        assert client.get(url).status_code == 404
        assert client.post(url, {"decision": "accept"}).status_code == 404
    client.force_login(officer)
    assert client.get(f"/en/hub/introductions/{uuid.uuid4()}/").status_code == 404
    with pytest.raises(NotAllowed):
        introduction_answer(introduction=introduction, user=asker, accept=True)
    introduction.refresh_from_db()
    assert introduction.status == "offered"


def test_answering_twice_is_refused(client, asker, zarqa, officer, staff, mailoutbox):
    introduction = offered(asker, zarqa, officer, staff)
    committed(introduction_answer, introduction=introduction, user=officer, accept=True)
    sent = len(mailoutbox)
    with pytest.raises(AlreadyDecided):
        introduction_answer(introduction=introduction, user=officer, accept=False)
    client.force_login(officer)
    response = client.post(
        f"/en/hub/introductions/{introduction.token}/", {"decision": "decline"}, follow=True
    )
    assert "already been decided" in response.content.decode()
    introduction.refresh_from_db()
    assert introduction.status == "introduced" and len(mailoutbox) == sent


def test_did_you_connect_30_days_later_then_the_outcome_is_noted(
    client, asker, zarqa, officer, staff, mailoutbox
):
    introduction = offered(asker, zarqa, officer, staff)
    introduction_answer(introduction=introduction, user=officer, accept=True)
    soon = timezone.now() + datetime.timedelta(days=29)
    later = timezone.now() + datetime.timedelta(days=31)
    assert not [r for r in reminders_due(now=soon) if r.kind.code == "introduction_follow_up"]
    due = [r for r in reminders_due(now=later) if r.kind.code == "introduction_follow_up"]
    assert {r.user for r in due} == {asker, officer}
    with TestCase.captureOnCommitCallbacks(execute=True):
        reminders_send(now=later)
    assert {m.to[0] for m in mailoutbox[-2:]} == {asker.email, officer.email}
    client.force_login(asker)
    assert "Did you connect?" in client.get("/en/my/introductions/").content.decode()
    response = client.post(
        f"/en/hub/introductions/{introduction.pk}/outcome/", {"outcome": "exchange_visit"}
    )
    assert response.status_code == 302
    introduction.refresh_from_db()
    assert introduction.outcome == "exchange_visit"
    assert not [r for r in reminders_due(now=later) if r.kind.code == "introduction_follow_up"]
    with pytest.raises(AlreadyDecided):
        introduction_note_outcome(introduction=introduction, user=officer, outcome="none")


def test_a_stranger_cannot_note_an_outcome(client, asker, zarqa, officer, staff):
    introduction = offered(asker, zarqa, officer, staff)
    introduction_answer(introduction=introduction, user=officer, accept=True)
    client.force_login(UserFactory())
    response = client.post(
        f"/en/hub/introductions/{introduction.pk}/outcome/", {"outcome": "joint_project"}
    )
    assert response.status_code == 404
    introduction.refresh_from_db()
    assert introduction.outcome == ""


def test_the_city_page_counts_exchanges_not_names(client, asker, zarqa, officer, staff):
    introduction = offered(asker, zarqa, officer, staff)
    introduction_answer(introduction=introduction, user=officer, accept=True)
    page = client.get(f"/en/cities/{zarqa.slug}/").content.decode()
    assert "1 exchange with another member city" in page
    assert "Nadia" not in page and asker.email not in page and officer.email not in page


def test_the_staff_list_costs_the_same_queries_for_few_and_many_requests(
    client, asker, staff, django_assert_max_num_queries
):
    def requests(count, offset):
        for n in range(count):
            city = CityFactory(name=f"Town {offset + n}")
            municipal_staff_of(city, UserFactory(roles=[MUNICIPAL], display_name=f"Officer {n}"))
            introduction_ask(requester=asker, city=city, wish=f"Wish {offset + n}")

    client.force_login(staff)
    requests(2, 0)
    with django_assert_max_num_queries(40) as few:
        assert "Officer 1" in client.get("/admin/hub/introductions/").content.decode()
    requests(15, 100)
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get("/admin/hub/introductions/").content.decode()
    assert "Wish 114" in page and page.count("<select") == 17
