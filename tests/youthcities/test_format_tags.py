"""Money and dates are printed one way in every template and admin column, in the reader's
language: the `yc_format` library and the admin's listing columns."""

import datetime
from decimal import Decimal
from pathlib import Path

import pytest
from babel.dates import format_date
from django.template import Context, Template
from django.utils import timezone, translation

from grants.calls.viewsets import GrantCallViewSet
from tests.factories.grants import GrantCallFactory

pytestmark = pytest.mark.django_db
TEMPLATES = Path(__file__).resolve().parents[2] / "templates"


def _render(text: str, language: str, **context) -> str:
    with translation.override(language):
        return Template("{% load yc_format %}" + text).render(Context(context))


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "F\u202fCFA1,500,000"),
        ("fr", "1\u202f500\u202f000\u00a0F\u202fCFA"),
        ("ar", "1,500,000"),
    ],
)
def test_amounts_use_babel_in_the_reader_language(language, expected):
    text = _render("{{ amount|money_of:'XOF' }}", language, amount=Decimal("1500000.000"))
    assert expected in text
    assert "1500000.000" not in text


@pytest.mark.parametrize(
    ("language", "day", "moment"),
    [
        ("en", "December 1, 2026", "December 1, 2026"),
        ("fr", "1 décembre 2026", "1 décembre 2026, 15:35"),
        ("ar", "1 ديسمبر 2026", "1 ديسمبر 2026"),
    ],
)
def test_dates_have_one_localised_format_per_language(language, day, moment):
    instant = datetime.datetime(2026, 12, 1, 15, 35, tzinfo=datetime.UTC)
    assert _render("{{ d|yc_date }}", language, d=instant.date()) == day
    assert moment in _render("{{ t|yc_datetime }}", language, t=instant)


def test_a_moment_put_in_the_call_time_zone_stays_there():
    instant = datetime.datetime(2026, 12, 1, 15, 35, tzinfo=datetime.UTC)
    text = _render("{% load tz %}{{ t|timezone:'Asia/Amman'|yc_datetime }}", "fr", t=instant)
    assert "18:35" in text


@pytest.mark.parametrize(
    "language, expected",
    [("en", "Inclusion, Media, and Schools"), ("fr", "Inclusion, Media et Schools"),
     ("ar", "Inclusion وMedia وSchools")],
)  # fmt: skip
def test_lists_of_names_are_joined_as_the_language_joins_them(language, expected):
    with translation.override(language):
        rendered = Template("{% load yc_format %}{{ names|yc_list }}").render(
            Context({"names": ["Inclusion", "Media", "Schools"]})
        )
    assert rendered == expected


def test_no_template_prints_a_date_in_a_fixed_english_pattern():
    """Dates a person reads go through yc_date / yc_datetime; `date:` is left for machine
    formats (`c`, `Y-m-d`) and short parts (weekday, time)."""
    fixed = ('|date:"j F Y"', '|date:"j M Y"', '|date:"DATE_FORMAT"', '|date:"DATETIME_FORMAT"',
             '|date:"SHORT_DATETIME_FORMAT"', '|date:"j M Y H:i"')  # fmt: skip
    offenders = [
        f"{path.relative_to(TEMPLATES)}: {pattern}"
        for path in TEMPLATES.rglob("*.html")
        for pattern in fixed
        if pattern in path.read_text()
    ]
    assert offenders == []


def test_the_calls_listing_formats_its_money_and_dates():
    call = GrantCallFactory(
        currency="XOF",
        max_amount=Decimal("1500000"),
        opens_at=timezone.now(),
        closes_at=timezone.now() + datetime.timedelta(days=30),
    )
    columns = {
        column.name: column
        for column in GrantCallViewSet().list_display
        if hasattr(column, "accessor")
    }
    with translation.override("fr"):
        assert columns["max_amount"].get_value(call) == "1\u202f500\u202f000\u00a0F\u202fCFA"
        opens = columns["opens_at"].get_value(call)
        assert format_date(timezone.localtime(call.opens_at).date(), "long", locale="fr") in opens
