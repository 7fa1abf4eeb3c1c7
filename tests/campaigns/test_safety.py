"""The young authors of counter-speech: they hide their names or the city, or take a campaign
down, at once; a moderator is told and can restore; a moderator hides an author everywhere."""

import pytest
from django.core import mail
from django.test import Client
from wagtail.models import Revision

from campaigns.models import CampaignCoAuthor, CampaignPage
from campaigns.safety import (
    NothingToRestore,
    author_hide_everywhere,
    campaign_hide_authors,
    campaign_hide_city,
    campaign_restore_authors,
    campaign_take_down,
)
from campaigns.services import NotAllowed
from tests.factories.network import CityFactory
from youthcities.audit.models import AuditEntry

from .helpers import activist, make_campaign, moderator

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _commits_run(django_capture_on_commit_callbacks, monkeypatch):
    """The cache purges run after the change commits: in these tests, after each service."""
    import campaigns.safety as safety

    for name in (
        "campaign_hide_authors",
        "campaign_hide_city",
        "campaign_take_down",
        "campaign_restore_authors",
        "author_hide_everywhere",
    ):
        service = getattr(safety, name)

        def committed(*args, _service=service, **kwargs):
            with django_capture_on_commit_callbacks(execute=True):
                return _service(*args, **kwargs)

        monkeypatch.setitem(globals(), name, committed)


def public(page) -> str:
    return Client().get(CampaignPage.objects.get(pk=page.pk).url).content.decode()


@pytest.fixture
def author():
    return activist(display_name="Samira Speaks")


def test_an_author_hides_their_name_at_once_and_a_moderator_is_told(index, author):
    moderator(email="mod@example.org")
    page = make_campaign(index, author)
    assert "Samira Speaks" in public(page)
    mail.outbox.clear()
    campaign_hide_authors(page=page, actor=author)
    text = public(page)
    assert "Samira Speaks" not in text and "By Young Cities team" in text
    assert [m.to for m in mail.outbox] == [["mod@example.org"]]
    assert AuditEntry.objects.filter(action="campaign.authors_hidden").count() == 1
    # Publishing the stored revision again cannot bring the name back.
    CampaignPage.objects.get(pk=page.pk).get_latest_revision().publish(skip_permission_checks=True)
    assert "Samira Speaks" not in public(page)


def test_a_moderator_restores_the_names(index, author):
    page = make_campaign(index, author)
    campaign_hide_authors(page=page, actor=author)
    with pytest.raises(NotAllowed):
        campaign_restore_authors(page=page, actor=author)
    campaign_restore_authors(page=CampaignPage.objects.get(pk=page.pk), actor=moderator())
    assert "Samira Speaks" in public(page)
    with pytest.raises(NothingToRestore):
        campaign_restore_authors(page=CampaignPage.objects.get(pk=page.pk), actor=moderator())


def test_an_author_takes_the_campaign_down_at_once(index, author):
    page = make_campaign(index, author)
    campaign_take_down(page=page, actor=author)
    assert not CampaignPage.objects.get(pk=page.pk).live
    assert Client().get(page.url).status_code == 404


def test_nobody_else_hides_or_takes_down(index, author):
    page = make_campaign(index, author)
    stranger = activist()
    for act in (campaign_hide_authors, campaign_hide_city, campaign_take_down):
        with pytest.raises(NotAllowed):
            act(page=page, actor=stranger)
    assert CampaignPage.objects.get(pk=page.pk).live


def test_a_hidden_city_is_on_no_public_page(index, author):
    city = CityFactory(name="Tripoli")
    page = make_campaign(index, author, city=city)
    assert "Tripoli" in public(page)
    campaign_hide_city(page=page, actor=author)
    assert "Tripoli" not in public(page)
    listing = Client().get("/en/campaigns/").content.decode()
    assert page.title in listing and "Tripoli ·" not in listing  # not on its card
    filtered = Client().get("/en/campaigns/", {"city": city.pk}).content.decode()
    assert page.title not in filtered  # filtering by the city does not find it


def test_a_moderator_hides_an_author_on_all_their_campaigns_in_one_action(index, author):
    own = make_campaign(index, author, title="One")
    other_owner = activist(display_name="Karim")
    co_written = make_campaign(index, other_owner, title="Two")
    CampaignCoAuthor.objects.create(page=co_written, email=author.email, user=author)
    untouched = make_campaign(index, other_owner, title="Three")
    with pytest.raises(NotAllowed):
        author_hide_everywhere(author=author, actor=author)
    assert author_hide_everywhere(author=author, actor=moderator()) == 2
    assert "Samira Speaks" not in public(own) and "Samira Speaks" not in public(co_written)
    assert "Karim" in public(untouched)
    assert all(
        r.content["byline"] == "team"
        for r in Revision.page_revisions.filter(object_id__in=[str(own.pk), str(co_written.pk)])
    )


def test_the_safety_screen_is_for_authors_and_moderators(index, author):
    page = make_campaign(index, author)
    url = f"/admin/campaigns/{page.pk}/safety/"
    client = Client()
    client.force_login(author)
    assert "Hide our names now" in client.get(url).content.decode()
    client.post(url, {"action": "hide_authors"})
    assert CampaignPage.objects.get(pk=page.pk).byline == "team"
    stranger = Client()
    stranger.force_login(activist())
    assert stranger.get(url).status_code != 200
