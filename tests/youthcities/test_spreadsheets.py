"""Every cell the portal writes to a CSV or XLSX file goes through cell_safe: a leading
character a spreadsheet reads as a formula (OWASP's list) is neutralised."""

import datetime
from decimal import Decimal

import pytest

from youthcities.spreadsheets import cell_safe


@pytest.mark.parametrize(
    "value",
    [
        '=HYPERLINK("https://evil.example","Click")',
        "+1+cmd|' /C calc'!A0",
        "-2+3",
        "@SUM(A1:A2)",
        "\t=1+1",
        "\r=1+1",
        "＝1+1",  # full-width equals sign
        "＋1",
        "－1",
        "＠SUM(A1)",
    ],
)
def test_a_leading_formula_character_is_neutralised(value):
    assert cell_safe(value) == "'" + value


@pytest.mark.parametrize("value", ["Saida Storytellers", "حكايات", "1+1=2", "a=b", ""])
def test_ordinary_text_is_kept(value):
    assert cell_safe(value) == value


def test_numbers_and_dates_stay_numbers_and_dates():
    assert cell_safe(Decimal("-250.00")) == Decimal("-250.00")
    assert cell_safe(-3) == -3
    day = datetime.date(2026, 1, 1)
    assert cell_safe(day) == day
    assert cell_safe(None) == ""
