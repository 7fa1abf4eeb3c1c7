from babel.numbers import format_compact_decimal, format_decimal
from django import template
from django.utils.translation import get_language, to_locale

from youthcities.images import rendition_or_none
from youthcities.network.themes import Theme

register = template.Library()


@register.filter
def compact(number) -> str:
    """1 200 000 as "1.2M", "1,2 M" or "1.2 مليون", the reader's way."""
    locale = to_locale(get_language() or "en")
    if number is None:
        number = 0
    if number < 10000:
        return format_decimal(number, locale=locale)
    return format_compact_decimal(number, locale=locale, fraction_digits=1)


@register.filter
def theme_labels(codes) -> list[str]:
    labels = dict(Theme.choices)
    return [str(labels[code]) for code in codes or [] if code in labels]


@register.simple_tag
def rendition(image, spec: str):
    """`{% rendition page.hero_image "width-1200|format-webp" as hero %}`: like Wagtail's
    `{% image ... as %}`, but None (so no <img> at all) when the picture cannot be made."""
    return rendition_or_none(image, spec)
