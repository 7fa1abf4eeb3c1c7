"""Money: Decimal amounts with an ISO 4217 currency. Minor units and formatting come from Babel."""

import re
from decimal import ROUND_HALF_EVEN, Decimal, InvalidOperation

from babel.numbers import (
    NumberFormatError,
    format_currency,
    format_decimal,
    get_currency_precision,
    get_group_symbol,
    list_currencies,
    parse_decimal,
)
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from youthcities.errors import ServiceError


class MoneyError(ServiceError):
    message = _("Give an amount, e.g. 250.")


class NotANumber(MoneyError):
    pass


class TooManyDecimals(MoneyError):
    """Written once for every form and service: "USD amounts have at most 2 decimals"."""

    def __init__(self, currency: str):
        super().__init__(
            _("%(currency)s amounts have at most %(digits)d decimals.")
            % {"currency": currency, "digits": minor_units(currency)}
        )


def is_currency(code: str) -> bool:
    return code in list_currencies()


def minor_units(currency: str) -> int:
    """Digits after the decimal point: XOF 0, USD 2, JOD 3."""
    return get_currency_precision(currency)


ARABIC_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹٫٬", "01234567890123456789.,")
PLAIN_NUMBER = re.compile(r"-?\d+(\.\d+)?")


def parse_amount(text: str, currency: str, language: str | None = None) -> Decimal:
    """An amount typed by a person in their language ("99.50" anywhere, "99,50" in French,
    "1,500" in English, Arabic-Indic digits in Arabic), checked against the currency's minor
    units."""
    locale = language or get_language() or "en"
    cleaned = str(text).strip().translate(ARABIC_DIGITS)
    group = get_group_symbol(locale)
    if group.isspace() or group == "\u202f":
        # French groups thousands with a narrow space; people type any kind of space.
        cleaned = re.sub(r"[\s\u202f]", group, cleaned)
    try:
        if PLAIN_NUMBER.fullmatch(cleaned):
            amount = Decimal(cleaned)
        else:
            amount = parse_decimal(cleaned, locale=locale, strict=True)
    except (InvalidOperation, NumberFormatError, ValueError):
        raise NotANumber() from None
    if not amount.is_finite():
        raise NotANumber()
    if -amount.as_tuple().exponent > minor_units(currency) and amount != amount.quantize(
        quantum(currency)
    ):
        raise TooManyDecimals(currency)
    return amount.quantize(quantum(currency), rounding=ROUND_HALF_EVEN)


def quantum(currency: str) -> Decimal:
    return Decimal(1).scaleb(-minor_units(currency))


def format_money(amount: Decimal, currency: str, language: str | None = None) -> str:
    return format_currency(amount, currency, locale=(language or get_language() or "en"))


def format_amount(amount: Decimal, currency: str, language: str | None = None) -> str:
    """The number alone, as the reader types it back ("1,500.00", "1 500,00"): for a field
    prefilled with an amount; `parse_amount` reads it again."""
    digits = minor_units(currency)
    pattern = "#,##0" + ("." + "0" * digits if digits else "")
    return format_decimal(
        Decimal(amount).quantize(quantum(currency)),
        format=pattern,
        locale=(language or get_language() or "en"),
    )
