from urllib.parse import urlencode, urlsplit

from babel.numbers import format_compact_decimal, format_decimal
from django import template
from django.conf import settings
from django.utils.translation import get_language, to_locale

from campaigns.models import reader_campaign_index
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


@register.simple_tag(takes_context=True)
def reader_url(context, campaign) -> str:
    """`{% reader_url campaign %}`: the campaign's address that keeps the reader's language."""
    return campaign.url_for_reader(context.get("request"))


@register.simple_tag(takes_context=True)
def campaigns_list_url(context) -> str:
    """The campaigns list in the reader's language."""
    request = context.get("request")
    index = reader_campaign_index(request, get_language())
    return index.get_url(request) if index is not None else ""


@register.simple_tag(takes_context=True)
def share_links(context, campaign) -> dict:
    """The campaign's public address (from BASE_URL, the address people reach the portal at)
    for this reader, and plain links that share it on WhatsApp, Facebook and X without any
    script; `canonical` is its address in its own language."""
    request = context.get("request")
    url = _absolute(campaign.url_for_reader(request))
    text = f"{campaign.title} {url}"
    return {
        "url": url,
        "canonical": _absolute(campaign.get_url(request)),
        "whatsapp": "https://wa.me/?" + urlencode({"text": text}),
        "facebook": "https://www.facebook.com/sharer/sharer.php?" + urlencode({"u": url}),
        "x": "https://x.com/intent/post?" + urlencode({"text": campaign.title, "url": url}),
    }


def _absolute(url: str) -> str:
    parts = urlsplit(url or "/")
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path
