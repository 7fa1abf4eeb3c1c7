"""Money: Decimal amounts with an ISO 4217 currency. Minor units and formatting come from Babel."""

from decimal import ROUND_HALF_EVEN, Decimal, InvalidOperation

from babel.numbers import format_currency, get_currency_precision, list_currencies
from django.utils.translation import get_language


class MoneyError(ValueError):
    pass


def is_currency(code: str) -> bool:
    return code in list_currencies()


def minor_units(currency: str) -> int:
    """Digits after the decimal point: XOF 0, USD 2, JOD 3."""
    return get_currency_precision(currency)


def parse_amount(text: str, currency: str) -> Decimal:
    """An amount typed by a person, checked against the currency's minor units."""
    try:
        amount = Decimal(str(text).strip().replace(",", ""))
    except InvalidOperation:
        raise MoneyError("not a number") from None
    if not amount.is_finite():
        raise MoneyError("not a number")
    if -amount.as_tuple().exponent > minor_units(currency) and amount != amount.quantize(
        quantum(currency)
    ):
        raise MoneyError("too many decimals")
    return amount.quantize(quantum(currency), rounding=ROUND_HALF_EVEN)


def quantum(currency: str) -> Decimal:
    return Decimal(1).scaleb(-minor_units(currency))


def format_money(amount: Decimal, currency: str, language: str | None = None) -> str:
    return format_currency(amount, currency, locale=(language or get_language() or "en"))
