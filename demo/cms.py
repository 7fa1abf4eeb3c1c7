"""Demo pages for `seed_demo`: the home page and "How it works" in English, French and
Arabic, the hub's resources, and the site's navigation and footer."""

from django.conf import settings
from django.core.files.base import ContentFile
from django.utils.text import slugify
from wagtail.models import Collection, Locale, Page, Site

from campaigns.models import CampaignIndexPage
from cms.models import (
    FooterLink,
    FooterSettings,
    HomePage,
    LibraryDocument,
    NavigationLink,
    NavigationSettings,
    Resource,
    StandardPage,
)
from demo import content
from training.models import TrainingIndexPage
from youthcities.network.cities.models import City


def seed_pages() -> HomePage:
    root, site = _tree_root_and_site()
    home = HomePage.objects.filter(locale__language_code="en").first()
    if home is None:
        placeholder = site.root_page.specific
        if not isinstance(placeholder, HomePage) and placeholder.depth == 2:
            # Wagtail's "Welcome" page: the site points at our home page instead.
            site.root_page = root
            site.save()
            placeholder.delete()
        en = content.HOME["en"]
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
        en = content.ABOUT["en"]
        about = StandardPage(
            title=en["title"],
            slug="how-it-works",
            introduction=en["introduction"],
            body=[("paragraph", en["text"])],
        )
        home.add_child(instance=about)
        about.save_revision().publish()
        home.hero_cta_page = about
        home.hero_cta_label = content.HOME["en"]["cta"]
        home.save_revision().publish()
    for code in ("fr", "ar"):
        _translate_page(home, code, _home_fields(code))
        _translate_page(about, code, _about_fields(code))
    return home


def _translate_page(page, code, fields):
    locale = Locale.objects.get(language_code=code)
    if page.get_translations().filter(locale=locale).exists():
        return
    translation = page.copy_for_translation(locale, copy_parents=True)
    for name, value in fields.items():
        setattr(translation, name, value)
    translation.save_revision().publish()


def seed_resources():
    if Resource.objects.exists():
        return
    collection = Collection.get_first_root_node() or Collection.add_root(name="Root")
    cities = {city.slug: city for city in City.objects.all()}
    for title, kind, theme, city, region, language, description in content.RESOURCES:
        document = LibraryDocument(title=title, collection=collection)
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


def seed_settings():
    site = Site.objects.get(is_default_site=True)
    about = StandardPage.objects.get(locale__language_code="en", slug="how-it-works")
    navigation = NavigationSettings.for_site(site)
    if not NavigationLink.objects.filter(setting=navigation).exists():
        NavigationLink.objects.create(setting=navigation, page=about, sort_order=0)
    campaigns = CampaignIndexPage.objects.filter(locale__language_code="en").first()
    if campaigns and not NavigationLink.objects.filter(setting=navigation, page=campaigns):
        NavigationLink.objects.create(setting=navigation, page=campaigns, sort_order=1)
    # Training is a page like the others: in the menu by the editors' navigation setting.
    training = TrainingIndexPage.objects.filter(locale__language_code="en").first()
    if training and not NavigationLink.objects.filter(setting=navigation, page=training):
        NavigationLink.objects.create(setting=navigation, page=training, sort_order=2)
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


def _home_body(page):
    body = []
    for heading, text in page["paragraphs"]:
        body.append(("heading", {"text": heading, "level": "h2"}))
        body.append(("paragraph", f"<p>{text}</p>"))
    body.append(("quote", {"text": page["quote"], "attribution": page["quote_by"]}))
    return body


def _home_fields(code):
    page = content.HOME[code]
    return {
        "title": page["title"],
        "hero_heading": page["hero_heading"],
        "hero_text": page["hero_text"],
        "hero_cta_label": page["cta"],
        "body": _home_body(page),
    }


def _about_fields(code):
    page = content.ABOUT[code]
    return {
        "title": page["title"],
        "introduction": page["introduction"],
        "body": [("paragraph", page["text"])],
    }
