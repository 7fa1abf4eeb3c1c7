"""In the Wagtail admin an activist (who may be 14) sees their own and co-authored campaigns only,
and people by display name, never by legal name. A campaign goes live only by the safeguarding
review's approval: nobody publishes it directly, not staff, not a superuser."""

import pytest
from django.test import Client
from wagtail.admin.utils import get_user_display_name
from wagtail.models import WorkflowState

from campaigns.models import CampaignCoAuthor, CampaignPage
from cms.permissions import staff_permissions_ensure
from tests.factories.accounts import UserFactory
from youthcities.accounts.roles import PROGRAMME_STAFF

from .helpers import activist, make_campaign, moderator
from .test_admin import edit_form

pytestmark = pytest.mark.django_db


def test_users_are_shown_by_display_name_never_legal_name():
    person = UserFactory(display_name="Nour", legal_name="Nour Al-Hassan")
    assert person.get_full_name() == "Nour"
    assert person.get_short_name() == "Nour"
    assert get_user_display_name(person) == "Nour"


def _submitted(client, page, user):
    client.force_login(user)
    data = edit_form(client, page)
    data["action-submit"] = "action-submit"
    client.post(f"/admin/pages/{page.pk}/edit/", data)
    state = WorkflowState.objects.get(object_id=str(page.pk), status="in_progress")
    return state


@pytest.fixture
def two_authors(client, index):
    me = activist(display_name="Me", legal_name="Myriam Legal")
    friend = activist(display_name="Friend", legal_name="Fadi Legal")
    other = activist(display_name="Other", legal_name="Othman Secretname")
    mine = make_campaign(index, me, title="My own campaign", live=False)
    shared = make_campaign(index, friend, title="Shared with me", live=False)
    CampaignCoAuthor.objects.create(page=shared, email=me.email, user=me)
    theirs = make_campaign(index, other, title="Hidden draft of another", live=False)
    _submitted(client, theirs, other)  # in the safeguarding review
    client.logout()
    return me, mine, shared, theirs


def _pages(client, url):
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return response.content.decode()


def test_an_activist_sees_only_their_own_and_co_authored_campaigns(client, index, two_authors):
    me, mine, shared, theirs = two_authors
    client.force_login(me)
    for url in [
        f"/admin/pages/{index.pk}/",
        "/admin/pages/search/?q=campaign",
        "/admin/pages/search/?q=draft",
        f"/admin/choose-page/{index.pk}/",
        f"/admin/api/main/pages/?child_of={index.pk}&for_explorer=1",
    ]:
        text = _pages(client, url)
        assert "Hidden draft of another" not in text, url
        assert "Secretname" not in text, url
    listing = _pages(client, f"/admin/pages/{index.pk}/")
    assert "My own campaign" in listing and "Shared with me" in listing


def test_an_activists_site_history_holds_no_one_elses_drafts_or_legal_names(
    client, index, two_authors
):
    me, mine, shared, theirs = two_authors
    client.force_login(me)
    for url in ["/admin/reports/site-history/", "/admin/reports/site-history/?export=csv"]:
        response = client.get(url)
        assert response.status_code == 200
        text = (
            b"".join(response.streaming_content) if response.streaming else response.content
        ).decode()
        assert "Hidden draft of another" not in text, url
        assert "Legal" not in text and "Secretname" not in text, url
    assert client.get(f"/admin/pages/{theirs.pk}/history/").status_code in (302, 403)
    for url in ["/admin/reports/workflow/", "/admin/reports/workflow_tasks/", "/admin/"]:
        response = client.get(url)
        if response.status_code == 200:
            assert "Hidden draft of another" not in response.content.decode(), url


def test_moderators_still_see_every_campaign_waiting_for_them(client, index, two_authors):
    _me, _mine, _shared, theirs = two_authors
    client.force_login(moderator())
    assert "Hidden draft of another" in _pages(client, "/admin/")
    assert "Hidden draft of another" in _pages(client, f"/admin/pages/{index.pk}/")


# --- Only the safeguarding review publishes ------------------------------------------------------


def _staff():
    staff_permissions_ensure()
    return UserFactory(roles=[PROGRAMME_STAFF], is_staff=True)


@pytest.mark.parametrize("who", ["staff", "superuser"])
def test_nobody_publishes_a_campaign_in_review_from_the_edit_view(client, index, who):
    writer = activist()
    page = make_campaign(index, writer, title="Waiting", live=False)
    state = _submitted(client, page, writer)
    person = _staff() if who == "staff" else UserFactory(is_superuser=True, is_staff=True)
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(person)
    edit = browser.get(f"/admin/pages/{page.pk}/edit/")
    assert edit.status_code == 200
    assert 'name="action-publish"' not in edit.content.decode()
    data = edit_form(browser, page)
    data["action-publish"] = "action-publish"
    data["csrfmiddlewaretoken"] = edit.cookies["csrftoken"].value
    browser.post(f"/admin/pages/{page.pk}/edit/", data)
    page.refresh_from_db()
    assert not page.live
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_IN_PROGRESS


@pytest.mark.parametrize("who", ["staff", "superuser"])
def test_nobody_publishes_a_campaign_through_the_bulk_action(client, index, who):
    writer = activist()
    page = make_campaign(index, writer, title="Waiting", live=False)
    state = _submitted(client, page, writer)
    person = _staff() if who == "staff" else UserFactory(is_superuser=True, is_staff=True)
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(person)
    url = f"/admin/bulk/wagtailcore/page/publish/?id={page.pk}"
    confirm = browser.get(url)
    token = confirm.cookies["csrftoken"].value if "csrftoken" in confirm.cookies else ""
    browser.post(url, {"csrfmiddlewaretoken": token})
    page.refresh_from_db()
    assert not page.live
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_IN_PROGRESS


def test_staff_cannot_create_a_campaign_and_publish_it_at_once(client, index):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(UserFactory(is_superuser=True, is_staff=True))
    url = f"/admin/pages/add/campaigns/campaignpage/{index.pk}/"
    form = browser.get(url)
    assert 'name="action-publish"' not in form.content.decode()
    page = make_campaign(index, activist(), title="Template", live=False)
    data = edit_form(browser, page, title="Straight to live", slug="straight-to-live")
    data["action-publish"] = "action-publish"
    data["csrfmiddlewaretoken"] = form.cookies["csrftoken"].value
    browser.post(url, data)
    assert not CampaignPage.objects.filter(slug="straight-to-live", live=True).exists()


def test_approving_the_safeguarding_review_still_publishes(client, index):
    writer = activist()
    page = make_campaign(index, writer, title="Approved one", live=False)
    state = _submitted(client, page, writer)
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(moderator())
    edit = browser.get(f"/admin/pages/{page.pk}/edit/")
    browser.post(
        f"/admin/pages/workflow/action/{page.pk}/approve/{state.current_task_state.pk}/",
        {"comment": "", "csrfmiddlewaretoken": edit.cookies["csrftoken"].value},
    )
    page.refresh_from_db()
    assert page.live
