from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language, get_language_info
from wagtail.models import Locale, Page

from cms.models import FooterSettings, HomePage, NavigationSettings

register = template.Library()


def _localized_pages(request, setting_model):
    """The pages a menu setting links to, in the reader's language where a translation exists."""
    setting = setting_model.for_request(request)
    keys = [link.page.translation_key for link in setting.links.select_related("page")]
    if not keys:
        return []
    locale = Locale.get_active()
    found = {
        page.translation_key: page
        for page in Page.objects.live().filter(translation_key__in=keys, locale=locale)
    }
    return [found[key] for key in keys if key in found]


@register.inclusion_tag("includes/main_menu.html", takes_context=True)
def main_menu(context):
    request = context["request"]
    return {"pages": _localized_pages(request, NavigationSettings), "request": request}


@register.inclusion_tag("includes/footer.html", takes_context=True)
def site_footer(context):
    request = context["request"]
    return {
        "pages": _localized_pages(request, FooterSettings),
        "footer": FooterSettings.for_request(request),
        "request": request,
    }


@register.inclusion_tag("includes/language_switcher.html", takes_context=True)
def language_switcher(context):
    """Links to the same page in each language: the page's translation for Wagtail pages, the
    same view under another prefix otherwise, the home page when a page is not translated."""
    request = context["request"]
    page = context.get("page")
    current = get_language()
    urls = {}
    if isinstance(page, Page) and page.pk:
        for translation in page.get_translations(inclusive=True).live().select_related("locale"):
            urls[translation.locale.language_code] = translation.url
        missing = [code for code, _name in settings.LANGUAGES if code not in urls]
        if missing:
            for home in HomePage.objects.live().filter(locale__language_code__in=missing):
                urls.setdefault(home.locale.language_code, home.url)
    links = []
    for code, _name in settings.LANGUAGES:
        info = get_language_info(code)
        url = urls.get(code) or translate_url(request.path, code)
        links.append(
            {"code": code, "name": info["name_local"], "url": url, "current": code == current}
        )
    return {"links": links}
