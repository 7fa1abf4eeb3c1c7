"""A small campaign site for the tests: an English home page, the campaign index with its
workflow and permissions, and campaigns written by activists."""

import io

from django.conf import settings
from PIL import Image
from wagtail.models import Locale, Page, Site

from campaigns.models import CampaignIndexPage, CampaignPage, ReachFigure
from campaigns.setup import campaigns_setup
from cms.models import FooterSettings, HomePage, NavigationSettings
from tests.factories.accounts import UserFactory
from youthcities.accounts.roles import ACTIVIST, MODERATOR
from youthcities.accounts.services import roles_ensure_groups


def campaign_site() -> CampaignIndexPage:
    for code, _name in settings.LANGUAGES:
        Locale.objects.get_or_create(language_code=code)
    root = Page.get_first_root_node()
    home = HomePage(title="Young Cities", slug="young-cities", hero_heading="Hello")
    root.add_child(instance=home)
    home.save_revision().publish()
    site, _created = Site.objects.update_or_create(
        is_default_site=True, defaults={"root_page": home, "hostname": "localhost", "port": 80}
    )
    NavigationSettings.for_site(site)
    FooterSettings.for_site(site)
    index = CampaignIndexPage(title="Campaigns", slug="campaigns")
    home.add_child(instance=index)
    index.save_revision().publish()
    roles_ensure_groups()
    campaigns_setup()
    return index


def activist(**fields):
    return UserFactory(roles=[ACTIVIST], is_staff=True, **fields)


def moderator(**fields):
    return UserFactory(roles=[MODERATOR], is_staff=True, **fields)


def make_campaign(index, owner, *, title="Voices of Saida", live=True, reach=(), **fields):
    page = CampaignPage(
        title=title,
        summary=fields.pop("summary", "Young people answer hate with their own stories."),
        owner=owner,
        live=False,
        body=fields.pop("body", [("paragraph", "<p>We tell our own stories.</p>")]),
        **fields,
    )
    index.add_child(instance=page)
    page.reach = [
        ReachFigure(channel=channel, impressions=seen, engagements=engaged)
        for channel, seen, engaged in reach
    ]
    revision = page.save_revision(user=owner)
    if live:
        revision.publish(skip_permission_checks=True)
    return CampaignPage.objects.get(pk=page.pk)


def jpeg_with_gps() -> bytes:
    image = Image.new("RGB", (640, 480), "#0b6e4f")
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x8825] = {1: "N", 2: (33.0, 33.0, 36.0), 3: "E", 4: (35.0, 22.0, 12.0)}  # GPS
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif)
    return out.getvalue()


def picture(title="A picture"):
    """A small image in the library, as an activist would upload it."""
    from django.core.files.images import ImageFile
    from wagtail.images import get_image_model

    out = io.BytesIO()
    Image.new("RGB", (320, 180), "#1d3557").save(out, "PNG")
    out.seek(0)
    image = get_image_model()(title=title)
    image.file = ImageFile(out, name="picture.png")
    image.save()
    return image
