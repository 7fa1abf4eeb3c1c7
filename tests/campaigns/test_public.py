"""The public side of campaigns: pages, listing, feed, support and reports, for anonymous visitors
without JavaScript."""

import time

import pytest
from django.core import mail, signing
from wagtail.models import Locale

from campaigns.forms import STARTED_SALT
from campaigns.models import AbuseReport, CampaignCoAuthor, CampaignPage, Support
from campaigns.services import SUPPORTS_PER_HOUR
from tests.factories.accounts import UserFactory
from tests.factories.network import CityFactory, WorkshopFactory
from tests.network.helpers import accept, recommend
from youthcities.accounts.roles import MUNICIPAL
from youthcities.audit.models import AuditEntry
from youthcities.blocks import privacy_embed_url
from youthcities.network.cities.models import CityStaff
from youthcities.network.workshops.services import workshop_register

from .helpers import activist, make_campaign, moderator, picture

pytestmark = pytest.mark.django_db


def human_form(**fields) -> dict:
    """A form as a person sends it: the robot field empty, opened a minute ago."""
    return {"website": "", "started": signing.dumps(time.time() - 60, salt=STARTED_SALT), **fields}


def test_campaign_page_shows_display_names_never_private_details(client, index):
    owner = activist(display_name="Lina", legal_name="Lina Haddad", email="lina@example.org")
    co_author = activist(display_name="Omar", legal_name="Omar Saleh")
    campaign = make_campaign(index, owner)
    CampaignCoAuthor.objects.create(page=campaign, email=co_author.email, user=co_author)
    body = client.get(campaign.url).content.decode()
    assert "By Lina, Omar" in body
    for private in ("Lina Haddad", "Omar Saleh", "lina@example.org", co_author.email):
        assert private not in body
    assert str(owner.date_of_birth.year) not in body


def test_reach_is_summed_on_the_page_and_the_index(client, index):
    owner = activist()
    make_campaign(index, owner, title="One", reach=[("instagram", 700_000, 9_000)])
    make_campaign(
        index,
        owner,
        title="Two",
        reach=[("tiktok", 400_000, 1_000), ("radio", 100_000, 0)],
    )
    page = client.get(CampaignPage.objects.get(title="Two").url).content.decode()
    assert "500K" in page  # people reached on this campaign
    listing = client.get("/en/campaigns/").content.decode()
    assert "2 campaigns, 1.2M people reached" in listing


def test_index_filters_by_city_theme_language_and_search(client, index):
    owner = activist()
    saida, dakar = CityFactory(name="Saida"), CityFactory(name="Dakar")
    make_campaign(index, owner, title="Radio for peace", city=saida, themes=["hate_speech"])
    make_campaign(index, owner, title="Murals", city=dakar, themes=["inclusion"])
    french = make_campaign(index, owner, title="Slam contre la haine", city=dakar)
    CampaignPage.objects.filter(pk=french.pk).update(locale=Locale.objects.get(language_code="fr"))

    def titles(query):
        body = client.get(f"/en/campaigns/?{query}").content.decode()
        return {t for t in ("Radio for peace", "Murals", "Slam contre la haine") if t in body}

    assert titles(f"city={saida.pk}") == {"Radio for peace"}
    assert titles("theme=inclusion") == {"Murals"}
    assert titles("language=fr") == {"Slam contre la haine"}
    assert titles("q=radio") == {"Radio for peace"}
    assert titles(f"city={dakar.pk}&q=murals") == {"Murals"}
    empty = client.get("/en/campaigns/?q=nothing-like-this").content.decode()
    assert "No campaign matches these filters" in empty


def test_index_paginates_and_keeps_the_filters(client, index):
    owner = activist()
    for number in range(14):
        make_campaign(index, owner, title=f"Campaign {number}", themes=["inclusion"])
    first = client.get("/en/campaigns/?theme=inclusion").content.decode()
    assert "Page 1 of 2" in first
    assert "theme=inclusion&amp;page=2" in first
    second = client.get("/en/campaigns/?theme=inclusion&page=2").content.decode()
    assert second.count('class="card campaign-card"') == 2


def test_a_translated_campaign_is_listed_once_in_the_readers_language(client, index):
    campaign = make_campaign(index, activist(), title="Voices")
    translation = campaign.copy_for_translation(
        Locale.objects.get(language_code="fr"), copy_parents=True
    )
    translation.title = "Voix"
    translation.save_revision().publish(skip_permission_checks=True)
    english = client.get("/en/campaigns/").content.decode()
    assert "Voices" in english and "Voix" not in english
    french = client.get("/fr/campaigns/").content.decode()
    assert "Voix" in french and ">Voices<" not in french


def test_rss_feed_lists_published_campaigns(client, index):
    make_campaign(index, activist(), title="On the air")
    make_campaign(index, activist(), title="Secret draft", live=False)
    response = client.get("/en/campaigns/feed/")
    assert response["Content-Type"].startswith("application/rss+xml")
    assert "On the air" in response.content.decode()
    assert "Secret draft" not in response.content.decode()


def test_drafts_and_previews_are_not_public(client, index):
    draft = make_campaign(index, activist(), title="Not yet", live=False)
    assert client.get("/en/campaigns/not-yet/").status_code == 404
    preview = client.get(f"/admin/pages/{draft.pk}/edit/preview/")
    assert preview.status_code == 302
    assert preview["Location"].startswith("/en/account/login/")
    assert client.get(f"/en/campaigns/{draft.pk}/support/").status_code == 404
    assert client.get(f"/en/campaigns/{draft.pk}/report/").status_code == 404


def test_campaign_page_is_cached_for_anonymous_visitors_and_purged_on_publish(
    client, index, django_assert_max_num_queries, django_assert_num_queries
):
    campaign = make_campaign(
        index,
        activist(),
        reach=[("radio", 1000, 10)],
        hero_image=picture(),
        hero_alt_text="Young people on a street",
    )
    campaign.hero_image.get_renditions("width-1200|format-webp", "width-640|format-webp")
    with django_assert_max_num_queries(24):
        assert client.get(campaign.url).status_code == 200
    with django_assert_num_queries(0):
        assert client.get(campaign.url).status_code == 200
    campaign.title = "A new title"
    campaign.save_revision().publish(skip_permission_checks=True)
    assert "A new title" in client.get(campaign.url).content.decode()


def test_index_query_count_does_not_grow_with_campaigns(
    client, index, django_assert_max_num_queries
):
    owner = activist()
    for number in range(12):
        make_campaign(
            index,
            owner,
            title=f"Campaign {number}",
            reach=[("radio", 10, 1)],
            hero_image=picture(f"Picture {number}"),
            hero_alt_text="A picture",
        )
    client.get("/en/campaigns/?theme=")  # renditions are made on the first view
    with django_assert_max_num_queries(24):
        assert client.get("/en/campaigns/?theme=").status_code == 200


def test_support_without_account_or_javascript(client, index):
    campaign = make_campaign(index, activist())
    form = client.get(f"/en/campaigns/{campaign.pk}/support/")
    assert 'name="started"' in form.content.decode()
    response = client.post(
        f"/en/campaigns/{campaign.pk}/support/", human_form(display_name="Maya"), follow=True
    )
    assert response.redirect_chain[-1][0].endswith("?supported=1")
    assert "Thank you for supporting this campaign!" in response.content.decode()
    support = Support.objects.get(page=campaign)
    assert support.display_name == "Maya" and support.email == ""
    assert AuditEntry.objects.filter(action="campaign.supported").exists()


def test_an_email_is_kept_only_with_consent_and_used_only_once_confirmed(
    client, index, django_capture_on_commit_callbacks
):
    campaign = make_campaign(index, activist())
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/en/campaigns/{campaign.pk}/support/", human_form(email="no-consent@example.org")
        )
    assert Support.objects.get().email == ""
    assert mail.outbox == []

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/en/campaigns/{campaign.pk}/support/",
            human_form(email="news@example.org", wants_updates="on"),
        )
    support = Support.objects.get(email="news@example.org")
    assert support.confirmed_at is None
    (message,) = mail.outbox
    link = next(line for line in message.body.splitlines() if "/campaigns/confirm/" in line)
    path = link[link.index("/en/") :]
    assert client.get(path).status_code == 200
    support.refresh_from_db()
    assert support.confirmed_at is not None


def test_asking_for_news_without_an_email_keeps_what_was_typed(client, index):
    campaign = make_campaign(index, activist())
    response = client.post(
        f"/en/campaigns/{campaign.pk}/support/", human_form(display_name="Maya", wants_updates="on")
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "Give your email to receive news" in body
    assert 'value="Maya"' in body
    assert not Support.objects.exists()


def test_a_bad_confirmation_link_says_so(client, index):
    response = client.get("/en/campaigns/confirm/not-a-token/")
    assert response.status_code == 400
    assert "not valid or has expired" in response.content.decode()


def test_the_same_email_supports_once(client, index):
    campaign = make_campaign(index, activist())
    data = human_form(email="Twice@example.org", wants_updates="on")
    client.post(f"/en/campaigns/{campaign.pk}/support/", data)
    again = client.post(
        f"/en/campaigns/{campaign.pk}/support/",
        human_form(email="twice@EXAMPLE.org", wants_updates="on"),
    )
    assert "already supports this campaign" in again.content.decode()
    assert Support.objects.count() == 1


@pytest.mark.parametrize(
    "tampered",
    [
        lambda: {"website": "http://spam.example"},
        lambda: {"started": ""},
        lambda: {"started": "forged"},
        lambda: {"started": signing.dumps(time.time(), salt=STARTED_SALT)},  # sent at once
    ],
    ids=["robot field filled", "no start", "forged start", "too fast"],
)
def test_robots_are_refused_and_nothing_is_stored(client, index, tampered):
    campaign = make_campaign(index, activist())
    response = client.post(
        f"/en/campaigns/{campaign.pk}/support/", {**human_form(display_name="Bot"), **tampered()}
    )
    assert response.status_code == 400
    assert not Support.objects.exists()


def test_support_from_one_address_is_rate_limited_with_a_clear_message(client, index):
    campaign = make_campaign(index, activist())
    for _ in range(SUPPORTS_PER_HOUR):
        client.post(f"/en/campaigns/{campaign.pk}/support/", human_form())
    response = client.post(f"/en/campaigns/{campaign.pk}/support/", human_form())
    assert response.status_code == 429
    assert "Please try again later" in response.content.decode()
    assert Support.objects.count() == SUPPORTS_PER_HOUR


def test_support_page_in_arabic(client, index):
    campaign = make_campaign(index, activist())
    body = client.get(f"/ar/campaigns/{campaign.pk}/support/").content.decode()
    assert 'dir="rtl"' in body
    assert "ادعم هذه الحملة" in body


def test_reporting_a_campaign_reaches_the_moderators_not_the_authors(
    client, index, django_capture_on_commit_callbacks
):
    owner = activist(display_name="Lina", email="lina@example.org")
    watcher = moderator(email="watcher@example.org", preferred_language="fr")
    campaign = make_campaign(index, owner)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/en/campaigns/{campaign.pk}/report/",
            human_form(about="campaign", reason="personal", details="It shows my street."),
        )
    assert response.status_code == 200
    body = response.content.decode()
    assert "Thank you for your report" in body
    assert "lina@example.org" not in body
    report = AbuseReport.objects.get()
    assert report.status == AbuseReport.Status.OPEN and report.details == "It shows my street."
    assert [m.to for m in mail.outbox] == [[watcher.email]]
    assert "signalée" in mail.outbox[0].subject  # in the moderator's language


def test_a_report_needs_a_reason(client, index):
    campaign = make_campaign(index, activist())
    response = client.post(f"/en/campaigns/{campaign.pk}/report/", human_form(details="?"))
    assert response.status_code == 400
    assert "?</textarea>" in response.content.decode()  # what was typed is kept
    assert not AbuseReport.objects.exists()


def test_video_embeds_use_the_privacy_enhanced_players():
    assert (
        privacy_embed_url("https://www.youtube.com/watch?v=dQw4w9WgXcQ")
        == "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"
    )
    assert (
        privacy_embed_url("https://youtu.be/dQw4w9WgXcQ")
        == "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"
    )
    assert privacy_embed_url("https://vimeo.com/76979871") == (
        "https://player.vimeo.com/video/76979871?dnt=1"
    )
    assert privacy_embed_url("https://tracker.example/video") is None


def test_a_video_renders_without_calling_the_video_site(client, index):
    campaign = make_campaign(
        index,
        activist(),
        body=[
            (
                "embed",
                {"video": "https://www.youtube.com/watch?v=dQw4w9WgXcQ", "title": "Our film"},
            )
        ],
    )
    body = client.get(campaign.url).content.decode()
    assert 'src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"' in body
    assert 'title="Our film"' in body


def test_a_city_shows_only_its_public_campaigns(index):
    city = CityFactory(name="Irbid")
    make_campaign(index, activist(), title="Irbid speaks", city=city)
    make_campaign(index, activist(), title="Irbid draft", city=city, live=False)
    from campaigns.selectors import campaigns_for_city

    titles = [c.title for c in campaigns_for_city(city=city, language="en")]
    assert titles == ["Irbid speaks"]


def test_a_workshop_shows_the_campaigns_it_produced_and_a_commitment_those_serving_it(
    client, index
):
    irbid = CityFactory(name="Irbid")
    lab = WorkshopFactory(city=irbid, title_en="Irbid lab")
    young = UserFactory()
    workshop_register(workshop=lab, user=young)
    officer = UserFactory(roles=[MUNICIPAL])
    CityStaff.objects.create(user=officer, city=irbid)
    commitment = accept(recommend(lab, young), officer).recommendation.commitment
    make_campaign(index, activist(), title="Made at the lab", city=irbid, workshop=lab)
    make_campaign(index, activist(), title="Serving the council", city=irbid, serves=commitment)
    make_campaign(index, activist(), title="Unrelated", city=irbid)

    workshop_page = client.get(f"/en/workshops/{lab.slug}/").content.decode()
    assert "Campaigns made here" in workshop_page
    assert "Made at the lab" in workshop_page and "Unrelated" not in workshop_page

    commitments = client.get("/en/cities/irbid/commitments/").content.decode()
    assert "Served by" in commitments and "Serving the council" in commitments


def test_behind_proxies_the_limit_counts_each_visitor_not_the_proxy(client, index, settings):
    settings.TRUSTED_PROXIES = 1
    campaign = make_campaign(index, activist())
    url = f"/en/campaigns/{campaign.pk}/support/"
    for number in range(SUPPORTS_PER_HOUR + 2):  # many visitors through one proxy
        client.post(url, human_form(), HTTP_X_FORWARDED_FOR=f"203.0.113.{number}")
    assert Support.objects.count() == SUPPORTS_PER_HOUR + 2
    # A visitor cannot dodge the limit by writing their own X-Forwarded-For entries.
    for number in range(SUPPORTS_PER_HOUR + 2):
        response = client.post(
            url, human_form(), HTTP_X_FORWARDED_FOR=f"10.0.0.{number}, 198.51.100.7"
        )
    assert response.status_code == 429


@pytest.mark.parametrize("fault", ["file deleted", "file unreadable"])
def test_a_campaign_whose_image_cannot_be_rendered_is_shown_without_it(
    client, index, fault, caplog
):
    image = picture("Street mural")
    campaign = make_campaign(
        index,
        activist(),
        hero_image=image,
        hero_alt_text="Young people painting a wall",
        body=[
            ("image", {"image": image, "alt_text": "The finished mural", "caption": "Saida"}),
            ("paragraph", "<p>We tell our own stories.</p>"),
        ],
    )
    storage, name = image.file.storage, image.file.name
    storage.delete(name)
    if fault == "file unreadable":
        from django.core.files.base import ContentFile

        storage.save(name, ContentFile(b"not a picture at all"))
    for url in [campaign.url, index.url]:
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        assert "<img" not in body, url
        assert "Voices of Saida" in body
    assert "We tell our own stories." in client.get(campaign.url).content.decode()
    assert "could not be rendered" in caplog.text
