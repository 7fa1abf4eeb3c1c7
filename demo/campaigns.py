"""Demo campaigns for `seed_demo`: an index in each language, 25 published campaigns across the
network's cities with reach and supporters, one waiting for the safeguarding review and one
reported campaign in the moderators' queue. Running it twice changes nothing."""

import datetime
import io
import random

from django.conf import settings
from django.core.files.images import ImageFile
from django.utils import timezone
from django.utils.text import slugify
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.images import get_image_model
from wagtail.models import Locale

from campaigns.models import AbuseReport, CampaignIndexPage, CampaignPage, ReachFigure, Support
from campaigns.setup import campaign_images_collection, campaign_index_prepare, campaigns_setup
from cms.models import HomePage
from demo import campaigns_content
from grants.applications.selectors import funded_project_choices
from youthcities.accounts.models import User
from youthcities.accounts.roles import ACTIVIST
from youthcities.accounts.services import user_complete_profile, user_set_roles
from youthcities.network.cities.models import City
from youthcities.network.workshops.models import Workshop
from youthcities.network.workshops.selectors import commitments_of

AUTHORS = [
    ("activist1@example.org", "Yusuf K.", "KE"),
    ("activist2@example.org", "Awa", "SN"),
    ("activist3@example.org", "Rania", "JO"),
    ("activist4@example.org", "Ilir", "AL"),
    ("activist5@example.org", "Nour", "TN"),
]
COLOURS = [
    ("#0b6e4f", "#f2c14e"),
    ("#1d3557", "#e63946"),
    ("#6a4c93", "#8ac926"),
    ("#264653", "#e9c46a"),
    ("#9d0208", "#ffba08"),
]
CHANNELS = ["instagram", "tiktok", "facebook", "whatsapp", "radio", "events"]


def seed_campaigns() -> None:
    campaigns_setup()
    indexes = _indexes()
    if CampaignPage.objects.exists():
        return
    rng = random.Random(7)  # the same demo every time
    authors = _authors()
    moderator = User.objects.filter(email="moderator@example.org").first()
    images = _images()
    cities = {city.slug: city for city in City.objects.all()}
    labs = {w.city_id: w for w in Workshop.objects.filter(kind=Workshop.Kind.LAB)}
    funded = funded_project_choices()
    now = timezone.now()
    for number, (language, city_slug, title, summary, themes, text) in enumerate(
        campaigns_content.CAMPAIGNS
    ):
        city = cities[city_slug]
        page = _campaign(
            indexes[language],
            language,
            number,
            city,
            title,
            summary,
            themes,
            text,
            owner=authors[number % len(authors)],
            image=images[number % len(images)],
            lab=labs.get(city.pk),
            funded=funded[number % len(funded)][0] if funded and number % 6 == 0 else None,
            serves=commitments_of(city).first() if number % 2 == 0 else None,
        )
        page.reach = [
            ReachFigure(
                channel=channel,
                impressions=rng.randint(8, 90) * 1000,
                engagements=rng.randint(2, 60) * 100,
            )
            for channel in rng.sample(CHANNELS, 3)
        ]
        # Demo campaigns skip the review the moderator gives real ones.
        page.save_revision(user=page.owner).publish(user=moderator, skip_permission_checks=True)
        published = now - datetime.timedelta(days=3 * number + 1)
        CampaignPage.objects.filter(pk=page.pk).update(
            first_published_at=published, last_published_at=published
        )
        Support.objects.bulk_create(
            Support(page=page, display_name=rng.choice(["", "Maya", "Omar", "Léa", "Sam"]))
            for _ in range(rng.randint(3, 40))
        )
    _waiting_for_review(indexes, authors[0], images[0], cities)
    reported = CampaignPage.objects.live().order_by("-first_published_at").first()
    AbuseReport.objects.create(
        page=reported, reason=AbuseReport.Reason.PERSONAL, details="It shows a street sign."
    )
    # A report about an author: first in the moderators' queue, with "hide their name".
    about_author = CampaignPage.objects.live().order_by("-first_published_at")[1]
    AbuseReport.objects.create(
        page=about_author,
        about=AbuseReport.About.AUTHOR,
        reason=AbuseReport.Reason.HARASSMENT,
        details="Someone posts the name of the author's school under the campaign's video.",
    )


def _indexes() -> dict[str, CampaignIndexPage]:
    indexes = {}
    english_home = HomePage.objects.get(locale__language_code="en")
    index = CampaignIndexPage.objects.filter(locale__language_code="en").first()
    if index is None:
        title, introduction = campaigns_content.INDEX["en"]
        index = CampaignIndexPage(title=title, slug="campaigns", introduction=introduction)
        english_home.add_child(instance=index)
        index.save_revision().publish()
    indexes["en"] = index
    for code in ("fr", "ar"):
        locale = Locale.objects.get(language_code=code)
        translation = index.get_translations().filter(locale=locale).first()
        if translation is None:
            translation = index.copy_for_translation(locale)
            translation.title, translation.introduction = campaigns_content.INDEX[code]
            translation.save_revision().publish()
        indexes[code] = translation.specific
    for page in indexes.values():
        campaign_index_prepare(page)
    return indexes


def _authors() -> list[User]:
    lina = User.objects.get(email="applicant@example.org")
    minor = User.objects.get(email="minor@example.org")
    for person in (lina, minor):
        roles = list(person.groups.values_list("name", flat=True))
        if ACTIVIST not in roles:
            user_set_roles(user=person, roles=[*roles, ACTIVIST], actor=None)
            User.objects.filter(pk=person.pk).update(is_staff=True)
    authors = [lina]
    today = timezone.localdate()
    for email, name, country in AUTHORS:
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(email=email, password=None, display_name=name)
            user_complete_profile(
                user=user,
                display_name=name,
                legal_name="",
                date_of_birth=today.replace(year=today.year - 20, day=1),
                country=country,
                city="",
                preferred_language="en",
                guardian_email="",
            )
            user_set_roles(user=user, roles=[ACTIVIST], actor=None)
        authors.append(user)
    return authors


def _images():
    Image = get_image_model()
    collection = campaign_images_collection()
    images = []
    for number, (background, accent) in enumerate(COLOURS):
        title = f"Demo campaign picture {number + 1}"
        image = Image.objects.filter(title=title).first()
        if image is None:
            image = Image(title=title, collection=collection)
            image.file = ImageFile(_picture(background, accent), name=f"campaign-{number + 1}.png")
            image.save()
        images.append(image)
    return images


def _picture(background: str, accent: str) -> io.BytesIO:
    """A simple poster: a few people as circles and bars, in two colours."""
    picture = PILImage.new("RGB", (1200, 675), background)
    draw = ImageDraw.Draw(picture)
    for column in range(5):
        x = 160 + column * 220
        draw.ellipse((x - 45, 250, x + 45, 340), fill=accent)
        draw.rounded_rectangle((x - 70, 360, x + 70, 560), radius=40, fill=accent)
    out = io.BytesIO()
    picture.save(out, "PNG")
    out.seek(0)
    return out


def _campaign(
    index,
    language,
    number,
    city,
    title,
    summary,
    themes,
    text,
    *,
    owner,
    image,
    lab,
    funded,
    serves=None,
):
    statistic, label, source = campaigns_content.STATISTIC[language]
    action, button = campaigns_content.CALL_TO_ACTION[language]
    body = [
        ("paragraph", f"<p>{text}</p>"),
        ("statistic", {"figure": statistic, "label": label, "source": source}),
        (
            "call_to_action",
            # The portal's own labs, at the address it is served from (never a placeholder).
            {"text": action, "link_label": button, "link": _portal_url(f"/{language}/workshops/")},
        ),
    ]
    if lab is not None:
        body.append(("lab", {"workshop": str(lab.pk)}))
    if funded is not None:
        body.append(("grant", {"application": funded}))
    slug = slugify(title) if language != "ar" else f"{city.slug}-{number + 1}"
    page = CampaignPage(
        title=title,
        slug=slug,
        summary=summary,
        hero_image=image,
        hero_alt_text=campaigns_content.HERO_ALT[language],
        city=city,
        themes=themes.split(","),
        body=body,
        owner=owner,
        locale=index.locale,
        live=False,
        workshop=lab,
        serves=serves,
    )
    index.add_child(instance=page)
    return page


def _portal_url(path: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def _waiting_for_review(indexes, author, image, cities) -> None:
    language, city_slug, title, summary, themes, text = campaigns_content.WAITING
    page = _campaign(
        indexes[language],
        language,
        99,
        cities[city_slug],
        title,
        summary,
        themes,
        text,
        owner=author,
        image=image,
        lab=None,
        funded=None,
    )
    page.save_revision(user=author)
    page.get_workflow().start(page, author)
