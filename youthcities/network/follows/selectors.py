"""What a person follows, and their notifications as they read them: in their language, about the
thing they follow, with a link in their language."""

from collections import defaultdict

from django.utils import translation
from django.utils.translation import gettext as _

from youthcities.network.cities.models import City
from youthcities.network.follows.models import Follow, Notification
from youthcities.network.workshops.models import Answer, Commitment, Workshop

TARGETS = {"city": City, "workshop": Workshop, "commitment": Commitment}


def target_field(target) -> str:
    """The field of a follow that points at this city, workshop or commitment."""
    for field, model in TARGETS.items():
        if isinstance(target, model):
            return field
    raise ValueError(target)


def followed_ids(user, kind: str) -> set[int]:
    """Ids of the cities, workshops or commitments a person follows (one query)."""
    if not user.is_authenticated:
        return set()
    follows = Follow.objects.filter(user=user, **{f"{kind}__isnull": False})
    return set(follows.values_list(f"{kind}_id", flat=True))


def notification_text(notification: Notification) -> str:
    data = notification.data
    if notification.kind == Notification.Kind.ANSWER:
        return _("%(city)s answered “%(title)s”: %(decision)s") % {
            "city": data.get("city", ""),
            "title": data.get("title", ""),
            "decision": _label_of_decision(data.get("decision", "")),
        }
    if notification.kind == Notification.Kind.PROGRESS:
        return _("“%(title)s” is now %(percent)s%% done") % data
    return _("New recommendation: “%(title)s”") % data


def _label_of_decision(value: str) -> str:
    return str(Answer.Decision(value).label) if value in Answer.Decision.values else value


def about_labels(keys) -> dict[str, str]:
    """Names of the things notifications are about, in the active language: a query per kind."""
    ids = defaultdict(set)
    for key in keys:
        field, pk = key.split(":")
        ids[field].add(int(pk))
    labels = {}
    for city in City.objects.filter(pk__in=ids["city"]):
        labels[f"city:{city.pk}"] = city.local_name
    for workshop in Workshop.objects.filter(pk__in=ids["workshop"]):
        labels[f"workshop:{workshop.pk}"] = str(workshop.title)
    for commitment in Commitment.objects.filter(pk__in=ids["commitment"]).select_related(
        "recommendation"
    ):
        labels[f"commitment:{commitment.pk}"] = commitment.recommendation.title
    return labels


def localised_link(notification: Notification, base: str = "") -> str:
    """Links are stored without a language; readers get theirs."""
    return f"{base}/{translation.get_language()}{notification.link}"
