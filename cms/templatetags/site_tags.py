from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language, get_language_info
from wagtail.models import Locale, Page

from cms.models import FooterSettings, NavigationSettings
from youthcities.accounts.roles import ADMIN_ROLES, REVIEWER
from youthcities.accounts.selectors import has_role

register = template.Library()


def _localized_pages(request, setting_model):
    """The pages a menu setting links to, in the reader's language where a translation exists;
    read once per request (the header shows the menu twice: the phone's disclosure and the
    desktop's row)."""
    found = request.__dict__.setdefault("_menu_pages", {})
    key = (setting_model, get_language())
    if key not in found:
        found[key] = _read_localized_pages(request, setting_model)
    return found[key]


def _read_localized_pages(request, setting_model):
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


def _page_urls(request, page, own_url: str) -> dict[str, str]:
    """The page in each language: its translation, with the same sub-page and query; where it
    is not translated, its nearest translated parent (a campaign written in Arabic only leads the
    English reader to the English campaigns list), in one query."""
    rest = request.path[len(own_url) :]
    query = f"?{request.META['QUERY_STRING']}" if request.META.get("QUERY_STRING") else ""
    urls = {
        translation.locale.language_code: f"{translation.get_url(request)}{rest}{query}"
        for translation in page.get_translations(inclusive=True).live().select_related("locale")
    }
    missing = [code for code, _name in settings.LANGUAGES if code not in urls]
    if missing:
        step = page.steplen
        parents = [page.path[:end] for end in range(step * 2, len(page.path), step)]
        nearest = (
            Page.objects.live()
            .filter(
                locale__language_code__in=missing,
                translation_key__in=Page.objects.filter(path__in=parents).values("translation_key"),
            )
            .select_related("locale")
            .order_by("-depth")
        )
        for translation in nearest:
            urls.setdefault(translation.locale.language_code, translation.get_url(request))
    return urls


@register.inclusion_tag("includes/language_switcher.html", takes_context=True)
def language_switcher(context):
    """Links to the same page in each language: see `_page_urls` for Wagtail pages; any other
    view under another language prefix, with its query (hub search keeps what was searched)."""
    request = context["request"]
    page = context.get("page")
    current = get_language()
    # A view that shows a page without being it (a campaign's support form) keeps the view.
    own_url = page.get_url(request) if isinstance(page, Page) and page.pk else None
    serving_page = bool(own_url) and request.path.startswith(own_url)
    urls = _page_urls(request, page, own_url) if serving_page else {}
    links = []
    for code, _name in settings.LANGUAGES:
        info = get_language_info(code)
        url = urls.get(code) or translate_url(request.get_full_path(), code)
        links.append(
            {"code": code, "name": info["name_local"], "url": url, "current": code == current}
        )
    return {"links": links}


@register.simple_tag(takes_context=True)
def ways_in(context) -> dict:
    """The header's way in for a person with a role: reviewers to their reviews; staff,
    finance, moderators and activists to the admin."""
    user = context["request"].user
    if not user.is_authenticated:
        return {}
    return {
        "reviews": has_role(user, REVIEWER),
        "admin": any(has_role(user, role) for role in ADMIN_ROLES),
    }
