"""Leaving: one service deletes what can go and pseudonymises what the law makes us keep; the
person's campaigns stay under "Former member" unless they tick to take them down."""

import datetime

import pytest
from django.db import connection
from django.test import Client
from django.utils import timezone

from campaigns.models import CampaignCoAuthor, CampaignPage, Support
from grants.applications.models import Application, Attachment, CoApplicant
from grants.awards.models import Award
from grants.conversations.models import Message
from grants.payments.models import Tranche
from grants.review.models import Review
from tests.factories.accounts import UserFactory
from youthcities.accounts.models import GuardianConsent, User
from youthcities.accounts.roles import PROGRAMME_STAFF
from youthcities.audit.models import AuditEntry
from youthcities.network.follows.models import Follow, Notification
from youthcities.network.workshops.models import Registration
from youthcities.privacy.models import DataExport
from youthcities.privacy.services import (
    AlreadyErased,
    ErasureBlocked,
    ExportRunning,
    NotAllowed,
    account_erase,
)

from .helpers import BIRTH_DATE, DISPLAY_NAME, EMAIL, LEGAL_NAME, VALUES

pytestmark = pytest.mark.django_db


def login(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_erasure_deletes_what_goes_and_pseudonymises_what_stays(
    person, django_capture_on_commit_callbacks
):
    user = person.user
    draft_file = person.draft_document.file.name
    storage = person.draft_document.file.storage
    assert storage.exists(draft_file)
    with django_capture_on_commit_callbacks(execute=True):
        account_erase(user=user, actor=user)

    user = User.objects.get(pk=user.pk)
    assert user.erased_at is not None and not user.is_active
    assert user.display_name == "Former member" and user.public_name == "Former member"
    assert (user.legal_name, user.date_of_birth, user.city) == ("", None, "")
    assert user.email.endswith("@erased.invalid") and not user.has_usable_password()
    # What goes
    assert not Application.objects.filter(pk=person.draft.pk).exists()
    assert not Attachment.objects.filter(pk=person.draft_document.pk).exists()
    assert not storage.exists(draft_file)
    assert not GuardianConsent.objects.filter(user=user).exists()
    assert not Registration.objects.filter(user=user).exists()
    assert not Follow.objects.filter(user=user).exists()
    assert not Notification.objects.filter(user=user).exists()
    assert not Support.objects.filter(email__iexact=EMAIL).exists()
    # What stays, without the person
    submitted = Application.objects.get(pk=person.submitted.pk)
    assert submitted.applicant_id == user.pk and submitted.wizard_state == {}
    assert Attachment.objects.filter(pk=person.submitted_document.pk).exists()
    assert Award.objects.get(pk=person.award.pk).payee_name == "Former member"
    # A co-applicant on someone else's application: the application stays, their name goes.
    assert Application.objects.filter(pk=person.others_application.pk).exists()
    assert not CoApplicant.objects.filter(email__iexact=EMAIL).exists()
    assert CoApplicant.objects.filter(application=person.others_application).count() == 1
    # The campaign stays published under "Former member"; as a co-author their address goes.
    assert CampaignPage.objects.get(pk=person.campaign.pk).live
    assert not CampaignCoAuthor.objects.filter(email__iexact=EMAIL).exists()
    # The audit trail keeps what happened, not who.
    assert not AuditEntry.objects.filter(actor=user).exists()
    did = AuditEntry.objects.get(action="test.did_something")
    assert did.actor is None and did.data == {"who": "[erased]"}
    erased = AuditEntry.objects.get(action="privacy.account_erased")
    assert erased.actor is None and erased.target_id == str(user.pk)


def test_the_campaign_shows_former_member_even_where_it_was_cached(
    person, django_capture_on_commit_callbacks
):
    page = CampaignPage.objects.get(pk=person.campaign.pk)
    assert DISPLAY_NAME in Client().get(page.url).content.decode()  # now in the page cache
    with django_capture_on_commit_callbacks(execute=True):
        account_erase(user=person.user, actor=person.user)
    text = Client().get(page.url).content.decode()
    assert "Former member" in text
    assert DISPLAY_NAME not in text


def test_ticking_takes_the_campaigns_down(person):
    account_erase(user=person.user, actor=person.user, unpublish_campaigns=True)
    assert not CampaignPage.objects.get(pk=person.campaign.pk).live
    assert CampaignPage.objects.get(pk=person.co_written.pk).live  # someone else's stays


def test_deleting_twice_is_refused_and_changes_nothing(person):
    account_erase(user=person.user, actor=person.user)
    before = AuditEntry.objects.count()
    with pytest.raises(AlreadyErased):
        account_erase(user=person.user, actor=person.user)
    assert AuditEntry.objects.count() == before


def test_deleting_while_a_download_is_prepared_is_refused(person):
    DataExport.objects.create(user=person.user, requested_by=person.user)
    with pytest.raises(ExportRunning):
        account_erase(user=person.user, actor=person.user)
    assert User.objects.get(pk=person.user.pk).erased_at is None
    page = login(person.user).get("/en/account/delete/").content.decode()
    assert "Your data is being prepared for download" in page
    assert "Delete my account for good" not in page


def test_a_download_stuck_for_hours_does_not_block_for_ever(person):
    stuck = DataExport.objects.create(user=person.user, requested_by=person.user)
    DataExport.objects.filter(pk=stuck.pk).update(
        created_at=timezone.now() - datetime.timedelta(hours=2)
    )
    account_erase(user=person.user, actor=person.user)
    assert not DataExport.objects.filter(user=person.user).exists()


def test_an_open_award_blocks_with_what_must_finish_first(person):
    Award.objects.filter(pk=person.award.pk).update(state=Award.State.ACTIVE)
    with pytest.raises(ErasureBlocked) as refused:
        account_erase(user=person.user, actor=person.user)
    assert refused.value.reasons == [
        f"Your award for {person.award.application.reference} is still open: "
        "it must be completed first."
    ]
    page = login(person.user).get("/en/account/delete/")
    assert "must be completed first" in page.content.decode()
    assert User.objects.get(pk=person.user.pk).legal_name == LEGAL_NAME


def test_a_payment_in_flight_blocks(person):
    Tranche.objects.create(
        award=person.award,
        position=1,
        condition=Tranche.Condition.AGREEMENT,
        percent=100,
        amount=person.award.amount,
        state=Tranche.State.PROCESSING,
    )
    with pytest.raises(ErasureBlocked) as refused:
        account_erase(user=person.user, actor=person.user)
    assert "A payment to you is on its way: it must arrive first." in refused.value.reasons


def test_only_the_person_or_programme_staff_may_erase(person):
    with pytest.raises(NotAllowed):
        account_erase(user=person.user, actor=UserFactory())
    staff = UserFactory(roles=[PROGRAMME_STAFF])
    account_erase(user=person.user, actor=staff)
    entry = AuditEntry.objects.get(action="privacy.account_erased")
    assert entry.actor == staff and entry.data["by_staff"] is True


def test_the_page_asks_for_the_password_and_a_tick(person):
    client = login(person.user)
    page = client.get("/en/account/delete/").content.decode()
    assert "What is deleted" in page and "What stays" in page
    wrong = client.post("/en/account/delete/", {"password": "nope", "understood": "on"})
    assert wrong.status_code == 400
    assert User.objects.get(pk=person.user.pk).erased_at is None
    done = client.post(
        "/en/account/delete/", {"password": "a-long-test-passphrase", "understood": "on"}
    )
    assert done.status_code == 200 and "Your account is deleted" in done.content.decode()
    assert User.objects.get(pk=person.user.pk).erased_at is not None
    # Logged out: the account pages send them to the login.
    assert client.get("/en/account/data/").status_code == 302
    assert not Client().login(email=EMAIL, password="a-long-test-passphrase")


def test_a_second_account_may_use_the_address_again(person):
    account_erase(user=person.user, actor=person.user)
    assert UserFactory(email=EMAIL).pk != person.user.pk


# After erasure, nothing identifies the person: public pages and every text column.

PUBLIC_PAGES = ("/en/", "/en/campaigns/", "/ar/campaigns/", "/en/campaigns/feed/")


def test_after_erasure_no_public_page_and_no_database_row_names_the_person(person, postgres):
    account_erase(user=person.user, actor=person.user)
    client = Client()
    pages = [
        *PUBLIC_PAGES,
        person.campaign.url,
        CampaignPage.objects.get(pk=person.co_written.pk).url,
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        text = response.content.decode()
        for value in VALUES:
            assert value.lower() not in text.lower(), (url, value)
    found = rows_mentioning([*VALUES, BIRTH_DATE.isoformat()])
    assert found == []


def test_the_database_search_finds_the_person_before_erasure(person, postgres):
    """The search above would see them: before the erasure it finds them in many tables."""
    found = {table for table, _value in rows_mentioning(VALUES)}
    assert {"accounts_user", "grants_coapplicant", "campaigns_support", "grants_award"} <= found
    # Free text typed in records that stay: answers, messages, reviews, a campaign's body.
    assert {
        "grants_application",
        "grants_message",
        "grants_review",
        "campaigns_campaignpage",
        "campaigns_abusereport",
    } <= found


def test_kept_free_text_names_former_member_and_loses_the_addresses(person):
    other = Application.objects.create(
        call=person.submitted.call, applicant=UserFactory(), summary="Noor and Zeinab help us."
    )
    account_erase(user=person.user, actor=person.user)
    submitted = Application.objects.get(pk=person.submitted.pk)
    assert submitted.summary == "A radio led by Former member; write to [removed]."
    assert submitted.answers == {"motivation": "I am Former member and I care."}
    assert Message.objects.get(conversation__application=submitted).body == "Reach me at [removed]."
    assert Review.objects.get(application=submitted).comment == (
        "Strong local roots. Former member knows the city."
    )
    body = Client().get(CampaignPage.objects.get(pk=person.campaign.pk).url).content.decode()
    assert "Written by Former member" in body and EMAIL not in body
    # Words that are only parts of the name are other people's: they stay.
    assert Application.objects.get(pk=other.pk).summary == "Noor and Zeinab help us."


def rows_mentioning(values) -> list[tuple[str, str]]:
    """(table, value) for every table with a row whose text holds a value (PostgreSQL: the whole
    row cast to text, every column at once)."""
    found = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            for value in values:
                cursor.execute(
                    f'SELECT 1 FROM "{table}" AS t WHERE t::text ILIKE %s LIMIT 1',  # noqa: S608
                    [f"%{value}%"],
                )
                if cursor.fetchone():
                    found.append((table, value))
    return found
