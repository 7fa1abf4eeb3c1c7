from decimal import Decimal

import pytest

from youthcities.money import MoneyError, TooManyDecimals, format_money, minor_units, parse_amount


@pytest.mark.parametrize(("currency", "digits"), [("XOF", 0), ("USD", 2), ("JOD", 3), ("KES", 2)])
def test_minor_units_come_from_the_currency(currency, digits):
    assert minor_units(currency) == digits


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("99.50", "fr", Decimal("99.50")),
        ("99,50", "fr", Decimal("99.50")),
        ("1 500,25", "fr", Decimal("1500.25")),
        ("1,500", "en", Decimal("1500.00")),
        ("1,500.75", "en", Decimal("1500.75")),
        ("٢٥٠", "ar", Decimal("250.00")),
        ("250", "ar", Decimal("250.00")),
    ],
)
def test_amounts_are_read_in_the_writers_language(text, language, expected):
    assert parse_amount(text, "USD", language) == expected


@pytest.mark.parametrize("text", ["ten", "", "1e5x", "NaN", "Infinity", "1.2.3"])
def test_nonsense_is_not_an_amount(text):
    with pytest.raises(MoneyError):
        parse_amount(text, "USD", "en")


def test_too_many_decimals_for_the_currency():
    with pytest.raises(TooManyDecimals) as refused:
        parse_amount("10.5", "XOF", "en")
    assert refused.value.code == "too_many_decimals"
    assert str(refused.value.message) == "XOF amounts have at most 0 decimals."
    assert parse_amount("10.125", "JOD", "en") == Decimal("10.125")


def test_money_is_formatted_in_the_readers_locale():
    assert format_money(Decimal("1500"), "USD", "en") == "$1,500.00"
    assert format_money(Decimal("1500"), "XOF", "fr") == "1\u202f500\xa0F\u202fCFA"
