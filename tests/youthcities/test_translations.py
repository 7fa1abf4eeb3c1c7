"""The French and Arabic catalogues are complete, keep every placeholder, and the compiled .mo
files say the same as the .po files (a forgotten `compilemessages` fails here)."""

import re
from pathlib import Path

import pytest
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

LOCALE = Path(__file__).resolve().parents[2] / "locale"
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]")


def catalogue(code):
    with (LOCALE / code / "LC_MESSAGES" / "django.po").open("rb") as po:
        return read_po(po, locale=code)


def as_list(value):
    return list(value) if isinstance(value, tuple | list) else [value]


@pytest.mark.parametrize("code", ["fr", "ar"])
def test_every_string_is_translated_with_its_placeholders(code):
    for message in catalogue(code):
        if not message.id:
            continue
        assert not message.fuzzy, message.id
        ids, strings = as_list(message.id), as_list(message.string)
        assert all(strings), f"{code}: untranslated {message.id!r}"
        expected = set(PLACEHOLDER.findall(" ".join(ids)))
        for translated in strings:
            assert set(PLACEHOLDER.findall(translated)) == expected, (code, message.id)


@pytest.mark.parametrize("code", ["fr", "ar"])
def test_compiled_catalogue_matches_the_source(code):
    source = {m.id: m.string for m in catalogue(code) if m.id}
    with (LOCALE / code / "LC_MESSAGES" / "django.mo").open("rb") as mo:
        compiled = {m.id: m.string for m in read_mo(mo) if m.id}
    assert compiled == source


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("/fr/account/signup/", ["Nom d'affichage", "Date de naissance", "Aller au contenu"]),
        ("/ar/account/login/", ["تسجيل الدخول", "الانتقال إلى المحتوى"]),
    ],
)
def test_pages_are_served_in_the_language_of_their_prefix(client, url, expected):
    body = client.get(url).content.decode()
    for text in expected:
        assert text in body.replace("&#x27;", "'")
