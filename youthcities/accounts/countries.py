"""Country names in the reader's language, from the CLDR data Babel ships."""

from functools import cache

from babel import Locale
from django.utils.translation import get_language

# Territory codes that are not countries (continents, regions, unknown, pseudo-codes).
_NOT_COUNTRIES = {"EU", "EZ", "UN", "QO", "ZZ", "XA", "XB", "XK"}


@cache
def _names(language: str) -> tuple[tuple[str, str], ...]:
    territories = Locale.parse(language).territories
    codes = [c for c in territories if len(c) == 2 and c.isalpha() and c not in _NOT_COUNTRIES]
    codes.append("XK")  # Kosovo: part of the network, user-assigned code in ISO 3166
    return tuple(sorted(((c, territories.get(c, c)) for c in codes), key=lambda item: item[1]))


def country_choices() -> list[tuple[str, str]]:
    return list(_names(get_language() or "en"))


def country_name(code: str) -> str:
    return dict(_names(get_language() or "en")).get(code.upper(), code)


def is_country(code: str) -> bool:
    return code.upper() in dict(_names("en"))
