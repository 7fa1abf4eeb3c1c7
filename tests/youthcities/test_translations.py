"""The French and Arabic catalogues are complete, keep every placeholder and line break, declare
the right plural rules, and the compiled .mo files say the same as the .po files (a forgotten
`compilemessages` fails here). Pages and the guardian email then come out in those languages."""

import html
import re
from pathlib import Path

import pytest
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po
from django.template.loader import render_to_string
from django.utils import translation

LOCALE = Path(__file__).resolve().parents[2] / "locale"
LANGUAGES = ["fr", "ar"]
# %(name)s, %(age)d, and bare %s / %d; "%%" is a literal percent sign, not a placeholder.
PLACEHOLDER = re.compile(r"%(?:\(\w+\))?[sdif]")
TAG = re.compile(r"</?[a-zA-Z][^>]*>")
PLURAL_FORMS = {
    "fr": (2, "(n > 1)"),
    "ar": (
        6,
        "n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5",
    ),
}


@pytest.fixture(autouse=True)
def _restore_language():
    """A request through LocaleMiddleware leaves its language active in this thread; later tests
    that read lazy strings (a refusal's reason, say) would then see Arabic."""
    previous = translation.get_language()
    yield
    translation.activate(previous)


def catalogue(code):
    with (LOCALE / code / "LC_MESSAGES" / "django.po").open("rb") as po:
        return read_po(po, locale=code)


def compiled(code):
    with (LOCALE / code / "LC_MESSAGES" / "django.mo").open("rb") as mo:
        return read_mo(mo)


def messages(code):
    return [message for message in catalogue(code) if message.id]


def as_list(value):
    return list(value) if isinstance(value, tuple | list) else [value]


def placeholders(text):
    return sorted(PLACEHOLDER.findall(text.replace("%%", "")))


def header(catalog, name):
    return dict(catalog.mime_headers)[name]


def plural_forms(code):
    nplurals, expression = PLURAL_FORMS[code]
    return f"nplurals={nplurals}; plural={expression};"


@pytest.mark.parametrize("code", LANGUAGES)
def test_catalogue_declares_its_language_and_plural_rules(code):
    catalog = catalogue(code)
    assert header(catalog, "Language") == code
    assert header(catalog, "Plural-Forms").replace(" ", "") == plural_forms(code).replace(" ", "")
    assert catalog.num_plurals == PLURAL_FORMS[code][0]
    assert len(messages(code)) > 100, "the catalogue looks empty: run makemessages"


@pytest.mark.parametrize("code", LANGUAGES)
def test_every_string_is_translated_and_none_is_fuzzy(code):
    nplurals = PLURAL_FORMS[code][0]
    for message in messages(code):
        assert not message.fuzzy, f"{code}: fuzzy {message.id!r}"
        strings = as_list(message.string)
        if message.pluralizable:
            assert len(strings) == nplurals, f"{code}: wrong number of forms for {message.id!r}"
        assert all(s.strip() for s in strings), f"{code}: untranslated {message.id!r}"


@pytest.mark.parametrize("code", LANGUAGES)
def test_translations_keep_placeholders_markup_and_line_breaks(code):
    for message in messages(code):
        ids, strings = as_list(message.id), as_list(message.string)
        expected = placeholders(ids[-1])
        for translated in strings:
            found = placeholders(translated)
            # A plural form may leave out the number ("one message"), never invent a name.
            assert set(found) <= set(expected), (code, message.id, translated)
            if not message.pluralizable:
                assert found == expected, (code, message.id, translated)
            assert sorted(TAG.findall(translated)) == sorted(TAG.findall(ids[0])), (
                code,
                message.id,
            )
            assert translated.count("\n") == ids[0].count("\n"), (code, message.id)
        if message.pluralizable:
            assert placeholders(strings[-1]) == expected, (code, message.id)


def as_key(value):
    return tuple(value) if isinstance(value, tuple | list) else value


def context_of(message):
    """Babel reads a compiled context as bytes, a source one as text."""
    context = message.context
    return context.decode() if isinstance(context, bytes) else context


@pytest.mark.parametrize("code", LANGUAGES)
def test_compiled_catalogue_matches_the_source(code):
    # One English word may have two meanings, told apart by a context ("Reports" of abuse).
    source = {(m.context, as_key(m.id)): as_key(m.string) for m in messages(code)}
    mo = compiled(code)
    found = {(context_of(m), as_key(m.id)): as_key(m.string) for m in mo if m.id}
    assert found == source, "run compilemessages"
    assert mo.plural_expr == catalogue(code).plural_expr


def test_the_glossary_is_followed():
    french = {m.id: m.string for m in messages("fr")}
    arabic = {m.id: m.string for m in messages("ar")}
    assert french["Display name"] == "Nom d’affichage"
    assert arabic["Display name"] == "الاسم المعروض"
    assert french["My applications"] == "Mes candidatures"
    assert arabic["Reviewer"] == "المقيّم"
    assert french["We could not find that page"].startswith("Nous n")
    assert french["Log in"] == "Se connecter"
    assert arabic["Log in"] == "تسجيل الدخول"
    assert french["Two-factor authentication"] == "Authentification à deux facteurs"
    assert arabic["Two-factor authentication"] == "المصادقة الثنائية"
    assert french["Young Cities"] == "Young Cities"
    assert arabic["Young Cities"] == "مدن شابة"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "expected", "english"),
    [
        (
            "/fr/account/signup/",
            ["Nom d’affichage", "Date de naissance", "Aller au contenu", "Se connecter"],
            ["Display name", "Skip to content"],
        ),
        (
            "/ar/account/signup/",
            ["الاسم المعروض", "تاريخ الميلاد", "البريد الإلكتروني لأحد الوالدين أو الوصي"],
            ["Display name", "Date of birth"],
        ),
        (
            "/ar/account/login/",
            ["تسجيل الدخول", "الانتقال إلى المحتوى", "انضم", "مدن شابة"],
            ["Skip to content", "Log in"],
        ),
    ],
)
def test_pages_are_served_in_the_language_of_their_prefix(client, url, expected, english):
    response = client.get(url)
    assert response.status_code == 200
    body = html.unescape(response.content.decode())
    for text in expected:
        assert text in body, text
    for text in english:
        assert text not in body, text


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("fr", ["Bonjour,", "Le lien est valable 7 jours", "L’équipe Young Cities"]),
        ("ar", ["مرحبًا،", "يبقى الرابط صالحًا لمدة 7 أيام", "«مدن شابة»"]),
    ],
)
def test_guardian_email_is_written_in_the_young_persons_language(code, expected):
    context = {"young_person": "Sami", "link": "https://example.org/g/abc/", "days": 7}
    with translation.override(code):
        subject = render_to_string("accounts/email/guardian_subject.txt", context).strip()
        body = render_to_string("accounts/email/guardian_message.txt", context)
    assert "Sami" in subject and "consent" not in subject
    assert "https://example.org/g/abc/" in body
    assert "The link works" not in body
    for text in expected:
        assert text in body, text
