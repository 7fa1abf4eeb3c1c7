"""Campaigns across languages: a reader sees their own language first, campaigns in other
languages marked with theirs, and opening one keeps the interface in the reader's language."""

import datetime
import re

import pytest
from django.utils import timezone
from wagtail.models import Locale

from campaigns.models import CampaignIndexPage, CampaignPage

from .helpers import activist, make_campaign

pytestmark = pytest.mark.django_db


def in_language(page, code):
    """The page's translation in `code` (its parents too), published."""
    locale = Locale.objects.get(language_code=code)
    translation = page.copy_for_translation(locale, copy_parents=True)
    for ancestor in translation.get_ancestors().filter(depth__gt=1).specific():
        if not ancestor.live:
            ancestor.save_revision().publish(skip_permission_checks=True)
    translation.save_revision().publish(skip_permission_checks=True)
    return type(page).objects.get(pk=translation.pk)


@pytest.fixture
def arabic_index(index):
    return in_language(index, "ar")


def written(index, title, *, days_ago=0, **fields):
    campaign = make_campaign(index, activist(), title=title, **fields)
    when = timezone.now() - datetime.timedelta(days=days_ago)
    CampaignPage.objects.filter(pk=campaign.pk).update(first_published_at=when)
    return CampaignPage.objects.get(pk=campaign.pk)


def cards(body: str) -> list[str]:
    return re.findall(r'<h2 class="card__title"><a href="[^"]*">([^<]+)</a>', body)


def test_the_readers_language_comes_first_then_the_others_marked_with_theirs(
    client, index, arabic_index
):
    for number in range(13):
        written(index, f"English campaign {number}", days_ago=number)
    written(arabic_index, "أصوات من الميناء", days_ago=30)

    body = client.get("/ar/campaigns/").content.decode()

    titles = cards(body)
    assert titles[0] == "أصوات من الميناء"  # older than every English one, yet first
    assert len(titles) == 12
    english_card = body[body.index("English campaign 0") - 600 :]
    assert 'lang="en"' in english_card[:600]
    assert '<span class="badge">الإنجليزية</span>' in body
    arabic_card = body[body.index("أصوات من الميناء") - 600 : body.index("أصوات من الميناء")]
    assert "badge" not in arabic_card


def test_a_campaign_in_another_language_opens_with_the_readers_interface(
    client, index, arabic_index
):
    english = written(index, "Voices of the harbour")

    listing = client.get("/ar/campaigns/").content.decode()
    link = f"/ar/campaigns/en/{english.slug}/"
    assert f'href="{link}"' in listing
    page = client.get(link)

    assert page.status_code == 200
    body = page.content.decode()
    assert '<html lang="ar" dir="rtl">' in body
    assert "Voices of the harbour" in body
    assert '<div lang="en" dir="ltr">' in body  # the campaign's own words keep their language
    assert "الإنجليزية" in body  # the badge: which language it is written in
    assert 'href="/ar/campaigns/"' in body  # back to the reader's list, not the English one
    assert 'href="/ar/campaigns/' + str(english.pk) + '/support/"' in body


def test_the_readers_translation_is_shown_when_there_is_one(client, index, arabic_index):
    english = written(index, "Voices of the harbour")
    arabic = in_language(english, "ar")

    response = client.get(f"/ar/campaigns/en/{english.slug}/")

    assert response.status_code == 302
    assert response["Location"] == arabic.url


@pytest.mark.parametrize("path", ["/ar/campaigns/ar/{slug}/", "/ar/campaigns/xx/{slug}/"])
def test_only_another_known_language_is_read_that_way(client, index, arabic_index, path):
    english = written(index, "Voices of the harbour")
    assert client.get(path.format(slug=english.slug)).status_code == 404
    assert client.get("/ar/campaigns/en/no-such-campaign/").status_code == 404


def test_a_campaign_translated_into_two_other_languages_is_listed_once(client, index, arabic_index):
    english = written(index, "Voices of the harbour")
    french = in_language(english, "fr")
    CampaignPage.objects.filter(pk=french.pk).update(title="Voix du port")

    body = client.get("/ar/campaigns/").content.decode()

    assert cards(body) == ["Voices of the harbour"]
    # Asked for French, the reader gets it.
    assert cards(client.get("/ar/campaigns/?language=fr").content.decode()) == ["Voix du port"]


def test_supporting_a_campaign_in_another_language_comes_back_in_the_readers(
    client, index, arabic_index
):
    from tests.campaigns.test_public import human_form

    english = written(index, "Voices of the harbour")

    response = client.post(f"/ar/campaigns/{english.pk}/support/", human_form(display_name="Rana"))

    assert response.status_code == 302
    assert response["Location"] == f"/ar/campaigns/en/{english.slug}/?supported=1"


def test_share_links_carry_the_public_address_of_the_page(client, index, arabic_index, settings):
    settings.WAGTAILADMIN_BASE_URL = "https://youngcities.example"
    english = written(index, "Voices of the harbour")

    body = client.get(f"/ar/campaigns/en/{english.slug}/").content.decode()

    address = f"https://youngcities.example/ar/campaigns/en/{english.slug}/"
    assert f'value="{address}"' in body
    assert f'data-share-url="{address}"' in body
    encoded = address.replace(":", "%3A").replace("/", "%2F")
    assert f"https://wa.me/?text=Voices+of+the+harbour+{encoded}" in body
    assert f"https://www.facebook.com/sharer/sharer.php?u={encoded}" in body
    assert f"https://x.com/intent/post?text=Voices+of+the+harbour&amp;url={encoded}" in body
    assert (
        f'<link rel="canonical" href="https://youngcities.example/en/campaigns/{english.slug}/">'
        in body
    )
    assert "example.org" not in body
    assert CampaignIndexPage.objects.count() == 2


def test_no_demo_campaign_sends_its_readers_to_a_placeholder_address(client, demo):
    for campaign in CampaignPage.objects.live()[:3]:
        body = client.get(campaign.url).content.decode()
        assert "example.org" not in body
        assert "/workshops/" in body  # its call to action: the portal's own labs
