"""The template library `yc_format` (registered in settings' TEMPLATES, so every app's
templates and the admin's load it): money and dates printed one way everywhere, in the
reader's language.

    {% load yc_format %}
    {{ award.amount|money_of:award.currency }}   XOF 1 500 000 → "1 500 000 F CFA" in French
    {{ report.due_on|yc_date }}                  "1 décembre 2026"
    {{ payment.created_at|yc_datetime }}         "1 décembre 2026, 15:35"
    {{ section.theme_labels|yc_list }}           "Inclusion et médias" (not a comma in Arabic)
"""

from django import template
from django.utils.html import format_html

from youthcities.dates import format_day, format_items, format_moment
from youthcities.money import format_money

register = template.Library()


@register.filter
def money_of(amount, currency) -> str:
    if amount is None or amount == "":
        return ""
    return format_money(amount, currency)


@register.filter
def yc_date(value) -> str:
    return format_day(value) if value else ""


@register.filter
def yc_datetime(value) -> str:
    return format_moment(value) if value else ""


@register.filter
def yc_list(items) -> str:
    return format_items(items or [])


@register.filter
def isolate(value) -> str:
    """Text people typed, put inside one of our sentences in its own direction (<bdi>): an English
    title in an Arabic sentence keeps its words in order and its full stop at its own end."""
    if value in (None, ""):
        return ""
    return format_html("<bdi>{}</bdi>", value)
