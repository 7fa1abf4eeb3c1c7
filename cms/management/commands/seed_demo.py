"""Load demo data through the same services the portal uses. Running it twice changes nothing."""

import datetime

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.management import BaseCommand, call_command
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from wagtail.documents.models import Document
from wagtail.models import Collection, Locale, Page, Site

from campaigns.demo import seed_campaigns
from campaigns.models import CampaignIndexPage
from cms import demo_content
from cms.models import (
    FooterLink,
    FooterSettings,
    HomePage,
    NavigationLink,
    NavigationSettings,
    Resource,
    StandardPage,
)
from cms.permissions import staff_permissions_ensure
from grants.demo import seed_awards, seed_grants, seed_reviews
from youthcities.accounts.models import User
from youthcities.accounts.roles import ADMIN_ROLES, MFA_ROLES
from youthcities.accounts.services import roles_ensure_groups, user_complete_profile, user_set_roles
from youthcities.network.demo import seed_workshops
from youthcities.network.models import City
from youthcities.network.services import city_upsert, organisation_upsert


class Command(BaseCommand):
    help = "Load demo cities, users (one per role) and pages in English, French and Arabic."

    def handle(self, *args, **options):
        with transaction.atomic():
            roles_ensure_groups()
            staff_permissions_ensure()
            self.seed_network()
            self.seed_users()
            self.seed_pages()
            seed_workshops()
            seed_grants()
            seed_reviews()
            seed_awards()
            seed_campaigns()
            self.seed_resources()
            self.seed_settings()
        call_command("update_index", verbosity=0)
        self.stdout.write(self.style.SUCCESS("Demo data ready."))

    def seed_network(self):
        for slug, name, country, region, languages in demo_content.CITIES:
            city = City.objects.filter(slug=slug).first()
            if city is None:
                city_upsert(
                    slug=slug, name=name, country=country, region=region, languages=languages
                )
        for name, kind, city_slug in demo_content.ORGANISATIONS:
            organisation_upsert(name=name, kind=kind, city=City.objects.get(slug=city_slug))

    def seed_users(self):
        today = timezone.localdate()
        for email, display, legal, age, country, city, language, roles in demo_content.USERS:
            if User.objects.filter(email=email).exists():
                continue
            user = User.objects.create_user(
                email=email,
                password=settings.DEMO_PASSWORD,
                display_name=display,
                is_staff=any(role in ADMIN_ROLES for role in roles),
            )
            EmailAddress.objects.create(user=user, email=email, primary=True, verified=True)
            born = _birthday(today, age)
            user_complete_profile(
                user=user,
                display_name=display,
                legal_name=legal,
                date_of_birth=born,
                country=country,
                city=city,
                preferred_language=language,
                guardian_email=demo_content.MINOR_GUARDIAN_EMAIL if age < 18 else "",
            )
            user_set_roles(user=user, roles=roles, actor=None)
        self.seed_demo_totp()

    def seed_demo_totp(self):
        """Privileged demo users log in with a second factor, as real ones must."""
        mfa_emails = [row[0] for row in demo_content.USERS if set(row[7]) & set(MFA_ROLES)]
        for user in User.objects.filter(email__in=mfa_emails):
            if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
                TOTP.activate(user, demo_content.DEMO_TOTP_SECRET)

    def seed_pages(self) -> HomePage:
        root, site = _tree_root_and_site()
        home = HomePage.objects.filter(locale__language_code="en").first()
        if home is None:
            placeholder = site.root_page.specific
            if not isinstance(placeholder, HomePage) and placeholder.depth == 2:
                # Wagtail's "Welcome" page: the site points at our home page instead.
                site.root_page = root
                site.save()
                placeholder.delete()
            en = demo_content.HOME["en"]
            home = HomePage(
                title=en["title"],
                slug="home",
                hero_heading=en["hero_heading"],
                hero_text=en["hero_text"],
                body=_home_body(en),
                locale=Locale.objects.get(language_code="en"),
            )
            root.add_child(instance=home)
            home.save_revision().publish()
            site.root_page = home
            site.save()
        about = StandardPage.objects.filter(locale__language_code="en", slug="how-it-works").first()
        if about is None:
            en = demo_content.ABOUT["en"]
            about = StandardPage(
                title=en["title"],
                slug="how-it-works",
                introduction=en["introduction"],
                body=[("paragraph", en["text"])],
            )
            home.add_child(instance=about)
            about.save_revision().publish()
            home.hero_cta_page = about
            home.hero_cta_label = demo_content.HOME["en"]["cta"]
            home.save_revision().publish()
        for code in ("fr", "ar"):
            self.translate_page(home, code, _home_fields(code))
            self.translate_page(about, code, _about_fields(code))
        return home

    def translate_page(self, page, code, fields):
        locale = Locale.objects.get(language_code=code)
        if page.get_translations().filter(locale=locale).exists():
            return
        translation = page.copy_for_translation(locale, copy_parents=True)
        for name, value in fields.items():
            setattr(translation, name, value)
        translation.save_revision().publish()

    def seed_resources(self):
        if Resource.objects.exists():
            return
        collection = Collection.get_first_root_node() or Collection.add_root(name="Root")
        cities = {city.slug: city for city in City.objects.all()}
        for title, kind, theme, city, region, language, description in demo_content.RESOURCES:
            document = Document(title=title, collection=collection)
            document.file = ContentFile(_pdf(title), name=f"{slugify(title) or 'resource'}.pdf")
            document.save()
            Resource.objects.create(
                title=title,
                kind=kind,
                theme=theme,
                city=cities.get(city),
                region=region,
                language=language,
                description=description,
                document=document,
            )

    def seed_settings(self):
        site = Site.objects.get(is_default_site=True)
        about = StandardPage.objects.get(locale__language_code="en", slug="how-it-works")
        navigation = NavigationSettings.for_site(site)
        if not NavigationLink.objects.filter(setting=navigation).exists():
            NavigationLink.objects.create(setting=navigation, page=about, sort_order=0)
        campaigns = CampaignIndexPage.objects.filter(locale__language_code="en").first()
        if campaigns and not NavigationLink.objects.filter(setting=navigation, page=campaigns):
            NavigationLink.objects.create(setting=navigation, page=campaigns, sort_order=1)
        footer = FooterSettings.for_site(site)
        if not footer.contact_email:
            footer.contact_email = "hello@youngcities.example"
            footer.safeguarding_email = "safeguarding@youngcities.example"
            footer.save()
        if not FooterLink.objects.filter(setting=footer).exists():
            FooterLink.objects.create(setting=footer, page=about, sort_order=0)


def _tree_root_and_site():
    """Wagtail's migrations make the root page, the locales and a site; a flushed database (as
    between browser tests) has none of them, so make them when missing."""
    for code, _name in settings.LANGUAGES:
        Locale.objects.get_or_create(language_code=code)
    root = Page.get_first_root_node()
    if root is None:
        english = Locale.objects.get(language_code="en")
        root = Page.add_root(instance=Page(title="Root", slug="root", locale=english))
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        site = Site.objects.create(
            hostname="localhost", port=80, root_page=root, is_default_site=True
        )
    return root, site


def _pdf(title: str) -> bytes:
    """A one-page PDF holding its title: enough for a demo download."""
    text = title.encode("ascii", "replace").decode().replace("(", "[").replace(")", "]")
    stream = f"BT /F1 18 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += (
        f"trailer << /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return out


def _birthday(today: datetime.date, age: int) -> datetime.date:
    """A birth date that makes someone `age` today, half a year past their birthday."""
    return (today - datetime.timedelta(days=183)).replace(year=today.year - age, day=1)


def _home_body(content):
    body = []
    for heading, text in content["paragraphs"]:
        body.append(("heading", {"text": heading, "level": "h2"}))
        body.append(("paragraph", f"<p>{text}</p>"))
    body.append(("quote", {"text": content["quote"], "attribution": content["quote_by"]}))
    return body


def _home_fields(code):
    content = demo_content.HOME[code]
    return {
        "title": content["title"],
        "hero_heading": content["hero_heading"],
        "hero_text": content["hero_text"],
        "hero_cta_label": content["cta"],
        "body": _home_body(content),
    }


def _about_fields(code):
    content = demo_content.ABOUT[code]
    return {
        "title": content["title"],
        "introduction": content["introduction"],
        "body": [("paragraph", content["text"])],
    }
