"""Places by their names in the reader's language (Babel's CLDR data): time zones as the city
that names them ("Asia/Amman" is "عمّان" to an Arabic reader, "Amman" to others)."""

from babel.core import UnknownLocaleError
from babel.dates import get_timezone, get_timezone_location
from django.conf import settings
from django.utils.translation import get_language, to_locale

UNIVERSAL = {"UTC", "Etc/UTC", "GMT", "Etc/GMT"}


def timezone_name(code: str) -> str:
    """The time zone's exemplar city in the reader's language; the code itself when Babel
    does not know it, and "UTC" for universal time."""
    if not code or code in UNIVERSAL:
        return "UTC" if code else ""
    try:
        return get_timezone_location(
            get_timezone(code),
            locale=to_locale(get_language() or settings.LANGUAGE_CODE),
            return_city=True,
        )
    except (LookupError, UnknownLocaleError, ValueError):
        return code
