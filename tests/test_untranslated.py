"""#14 item 4: no English interface string reaches a `/fr/` or `/ar/` page or a French or Arabic
email. Every page of the permission matrix is opened in fr and ar by a person allowed to see it,
and every email template is rendered in both; their text is searched for the English of every
catalogue the portal speaks through (ours, Django's, allauth's) whose translation differs.

A sentence of four words or more is looked for: shorter strings ("Email", "Save") are also
names and words of user content, and would make the test cry wolf."""

import datetime
import html
import re
from decimal import Decimal
from pathlib import Path

import allauth
import django
import polib
import pytest
from django.template.loader import render_to_string
from django.utils import translation

from tests.test_permission_matrix import RULES, build_world, client_for

ROOT = Path(__file__).resolve().parents[1]
CATALOGUES = {
    "portal": ROOT / "locale" / "{code}" / "LC_MESSAGES" / "django.po",
    "django": Path(django.__file__).parent
    / "conf"
    / "locale"
    / "{code}"
    / "LC_MESSAGES"
    / "django.po",
    "auth": Path(django.__file__).parent
    / "contrib"
    / "auth"
    / "locale"
    / "{code}"
    / "LC_MESSAGES"
    / "django.po",
    "allauth": Path(allauth.__file__).parent / "locale" / "{code}" / "LC_MESSAGES" / "django.po",
}
PLACEHOLDER = re.compile(r"%(?:\(\w+\))?[sdif]|\{[^}]*\}")
MIN_WORDS = 4
EMAIL_TEMPLATES = [
    *sorted(
        str(p.relative_to(ROOT / "templates")) for p in (ROOT / "templates").glob("*/email/*.txt")
    ),
    *sorted(
        f"{folder}/email/{p.name}"
        for folder in ("account", "mfa")
        for p in (Path(allauth.__file__).parent / "templates" / folder / "email").glob("*.txt")
    ),
]


def english_sentences(code: str) -> set[str]:
    """The English sentences a reader of `code` should never see: each catalogue's msgids (the
    parts between placeholders) whose translation is missing or says something else."""
    sentences = set()
    for path in CATALOGUES.values():
        for entry in polib.pofile(str(path).format(code=code)):
            if entry.obsolete:
                continue
            translated = entry.msgstr or next(iter(entry.msgstr_plural.values()), "")
            if translated.strip() == entry.msgid.strip():
                continue
            for part in PLACEHOLDER.split(re.sub(r"<[^>]*>", " ", entry.msgid)):
                part = " ".join(part.split()).strip(" .,:;()\"'“”«»<>")
                if len(part.split()) >= MIN_WORDS:
                    sentences.add(part)
    return sentences


@pytest.fixture(scope="module")
def english():
    return {code: english_sentences(code) for code in ("fr", "ar")}


def visible_text(page: str) -> str:
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S | re.I)
    # A part the page marks as in another language (`lang` on it: a letter in the applicant's
    # language shown to staff) is content, not interface.
    page = re.sub(r"<(?!html\b)(\w+)\b[^>]*\blang=\"[^\"]*\"[^>]*>.*?</\1>", " ", page, flags=re.S)
    attributes = re.findall(r'\b(?:aria-label|title|alt|placeholder)="([^"]*)"', page)
    text = re.sub(r"<[^>]+>", " ", page)
    return " ".join(html.unescape(" ".join([text, *attributes])).split())


def leaks(text: str, sentences: set[str]) -> list[str]:
    return sorted(s for s in sentences if s in text)


def sample_value(name: str):
    """A currency for `*currency`, a moment for `*_at`, `*_on`, `*date`, else a Sample."""
    if name.endswith("currency"):
        return "EUR"
    if name.endswith(("_at", "_on", "date", "day")):
        return datetime.datetime(2026, 3, 14, 9, 30, tzinfo=datetime.UTC)
    return Sample()


class Sample(Decimal):
    """Whatever an email template asks of its context: a name, a number, an amount. It equals
    one chosen literal, so each branch of `{% if x == "approved" %}` is rendered in turn."""

    chosen = None

    def __new__(cls, value="1500"):
        return super().__new__(cls, value)

    def __getattr__(self, name):
        if name.startswith("__"):
            raise AttributeError(name)
        return sample_value(name)

    def __getitem__(self, key):
        return self.__getattr__(key) if isinstance(key, str) else Sample()

    def __eq__(self, other):
        return other == Sample.chosen if isinstance(other, str) else Decimal.__eq__(self, other)

    __hash__ = Decimal.__hash__

    def __iter__(self):  # a list of two, or a pair for `{% for key, value in … %}`
        return iter([Sample(), Sample()])

    def __len__(self):
        return 2


def template_source(template: str) -> str:
    for folder in (ROOT / "templates", Path(allauth.__file__).parent / "templates"):
        if (folder / template).exists():
            return (folder / template).read_text()
    raise FileNotFoundError(template)


def sample_context(source: str) -> dict:
    """Every name the template reads, as a Sample."""
    from youthcities.accounts.models import User

    tags = " ".join(re.findall(r"\{\{.*?\}\}|\{%.*?%\}", source, re.S))
    names = re.findall(r"(?<![\w.\"'])([a-z_]\w*)", tags)
    context = {name: sample_value(name) for name in names}
    # allauth's base templates greet a real account.
    context["user"] = User(display_name="Noura", email="noura@example.org")
    return context


@pytest.mark.parametrize("code", ["fr", "ar"])
def test_no_email_speaks_english_in_french_or_arabic(code, english):
    found = []
    for template in EMAIL_TEMPLATES:
        source = template_source(template)
        for literal in [None, *re.findall(r'==\s*"([^"]+)"', source)]:
            Sample.chosen = literal
            with translation.override(code):
                text = " ".join(render_to_string(template, sample_context(source)).split())
            found += [f"{template}: {s!r}" for s in leaks(text, english[code])]
    assert not found, "\n".join(found)


@pytest.fixture
def world(transactional_db, seeded_demo):
    seeded_demo.load()
    return build_world()


def in_language(code: str, template: str, world) -> str:
    url = template.format(**world["values"])
    return f"/{code}/" + url[len("/en/") :] if url.startswith("/en/") else url


@pytest.mark.parametrize("code", ["fr", "ar"])
def test_no_page_speaks_english_in_french_or_arabic(code, world, english):
    """Public pages by their language prefix; our admin screens in the person's admin language."""
    from wagtail.users.models import UserProfile

    for person in world["personas"].values():
        profile = UserProfile.get_for_user(person)
        profile.preferred_language = code
        profile.save()
    found, read = [], 0
    for name, (allowed, template) in RULES.items():
        if not allowed or not template.startswith(("/en/", "/admin/")):
            continue
        url = in_language(code, template, world)
        response = client_for(sorted(allowed)[0], world).get(url)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        read += 1
        text = visible_text(response.content.decode())
        found += [f"{url}: {s!r}" for s in leaks(text, english[code])]
    assert read > 50, f"only {read} pages were read: the world or the rules have changed"
    assert not found, "\n".join(found)


@pytest.mark.django_db
@pytest.mark.parametrize("code", ["fr", "ar"])
def test_refused_sign_ups_speak_the_readers_language(client, code, english):
    """Form errors come from Django's and allauth's validators, not only our templates: a
    sign-up refused for every reason at once (short, common and numeric password, the two not
    matching, a bad email, no name) says all of it in French or Arabic."""
    response = client.post(
        f"/{code}/account/signup/",
        {"email": "not-an-email", "password1": "1234", "password2": "12345", "display_name": ""},
    )
    assert response.status_code == 200
    assert not leaks(visible_text(response.content.decode()), english[code])
