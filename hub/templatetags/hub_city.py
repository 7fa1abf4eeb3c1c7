"""The hub's part of a city's page (which cms renders without knowing the hub): its profile in
the reader's language, its count of exchanges and, for members, "Put me in touch"."""

from django import template
from django.utils.translation import get_language

from hub.introductions.selectors import contacts_of, exchanges_count, member_city
from hub.profiles.selectors import profile_of
from hub.profiles.services import can_edit_profile
from hub.selectors import is_member

register = template.Library()


@register.inclusion_tag("hub/_city_panel.html", takes_context=True)
def hub_city_panel(context, city):
    user = context["request"].user
    member = is_member(user)
    own = member_city(user) if member else None
    return {
        "city": city,
        "sections": profile_of(city, get_language() or "en", member=member),
        "contacts": list(contacts_of(city)) if member else [],
        "can_edit": can_edit_profile(user, city),
        "exchanges": exchanges_count(city),
        "member": member,
        "own_city": own is not None and own.pk == city.pk,
    }


@register.simple_tag(takes_context=True)
def hub_may_ask(context, city) -> bool:
    """Whether the reader may press "Put me in touch" about this city's initiatives: a member,
    of another city."""
    user = context["request"].user
    if not is_member(user):
        return False
    own = member_city(user)
    return own is None or own.pk != city.pk
