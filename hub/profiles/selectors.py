"""Reads of city profiles: a city's live sections in the reader's language, the drafts waiting
for approval, and "Find cities working on…" across profiles, workshops, commitments and funded
projects, best first, each with why it matched. The query count does not grow with the data:
one query per source and one for the cities."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from grants.applications.models import Application
from youthcities.network.cities.models import City
from youthcities.network.workshops.models import Commitment, Workshop

from .models import LANGUAGES, ProfileSection, SectionKind

ORDER = {kind: index for index, kind in enumerate(SectionKind.values)}


@dataclass
class SectionShown:
    section: ProfileSection
    text: str
    language: str
    fallback: bool  # not in the reader's language
    hidden: bool = False  # members only, and the reader is not a member: the title, no text


def profile_of(city, language: str, *, member: bool = False) -> list[SectionShown]:
    """The city's live sections; a members-only one reaches a non-member as its title alone."""
    shown = []
    for section in ProfileSection.objects.filter(city=city):
        if not section.live:
            continue
        if section.members_only and not member:
            shown.append(SectionShown(section, "", language[:2], fallback=False, hidden=True))
            continue
        text, code = section.text_in(language)
        shown.append(SectionShown(section, text, code, fallback=code != language[:2]))
    return sorted(shown, key=lambda item: ORDER[item.section.kind])


def drafts_waiting() -> QuerySet[ProfileSection]:
    return (
        ProfileSection.objects.filter(draft_waiting=True)
        .select_related("city", "draft_by")
        .order_by("draft_at")
    )


def sections_of(city) -> dict[str, ProfileSection]:
    return {section.kind: section for section in ProfileSection.objects.filter(city=city)}


# --- Find cities working on… --------------------------------------------------------------------


@dataclass
class CityMatch:
    city: City
    score: int = 0
    reasons: list = field(default_factory=list)  # (label, [titles])


def _words(query: str) -> list[str]:
    return [word for word in query.split() if word][:8]


def _every_word(words, fields) -> Q:
    """Each word in at least one of the fields."""
    condition = Q()
    for word in words:
        any_field = Q()
        for name in fields:
            any_field |= Q(**{f"{name}__icontains": word})
        condition &= any_field
    return condition


SOURCES = (
    # label, weight
    ("profile", _("Its profile"), 3),
    ("project", _("Funded projects"), 2),
    ("commitment", _("Commitments"), 2),
    ("workshop", _("Workshops"), 1),
)


def _profile_rows(theme, words, member):
    rows = ProfileSection.objects.exclude(body_en="", body_fr="", body_ar="")
    if not member:  # a members-only text must not answer a non-member's words or theme
        rows = rows.filter(members_only=False)
    if theme:
        rows = rows.filter(themes__contains=f",{theme},")
    if words:
        rows = rows.filter(_every_word(words, [f"body_{code}" for code in LANGUAGES]))
    labels = dict(SectionKind.choices)
    return [(city, str(labels[kind])) for city, kind in rows.values_list("city_id", "kind")]


def _workshop_rows(theme, words, member):
    rows = Workshop.objects.all()
    if theme:
        rows = rows.filter(recommendations__theme=theme)
    if words:
        fields = [f"{base}_{code}" for base in ("title", "description") for code in LANGUAGES]
        rows = rows.filter(_every_word(words, fields))
    language = (get_language() or "en")[:2]
    titles = rows.values_list("city_id", "title_en", f"title_{language}").distinct()
    return [(city, own or english) for city, english, own in titles]


def _commitment_rows(theme, words, member):
    rows = Commitment.objects.all()
    if theme:
        rows = rows.filter(recommendation__theme=theme)
    if words:
        rows = rows.filter(
            _every_word(
                words, ["recommendation__title", "recommendation__text", "owner", "milestones"]
            )
        )
    return list(rows.values_list("city_id", "recommendation__title"))


def _project_rows(theme, words, member):
    rows = Application.objects.filter(status=Application.Status.APPROVED, city__isnull=False)
    if theme:
        rows = rows.filter(theme=theme)
    if words:
        rows = rows.filter(_every_word(words, ["title", "summary", "activities"]))
    return list(rows.values_list("city_id", "title"))


READERS = {
    "profile": _profile_rows,
    "project": _project_rows,
    "commitment": _commitment_rows,
    "workshop": _workshop_rows,
}


def cities_working_on(
    *, theme: str = "", query: str = "", member: bool = False, limit: int = 50
) -> list[CityMatch]:
    """Cities whose profile, funded projects, commitments or workshops match the theme and
    every word, best first (a profile weighs most), each with what matched."""
    words = _words(query)
    if not theme and not words:
        return []
    found: dict[int, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for code, _label, _weight in SOURCES:
        for city_id, title in READERS[code](theme, words, member):
            found[city_id][code].append(title)
    cities = City.objects.in_bulk(list(found))
    matches = []
    for city_id, by_source in found.items():
        if city_id not in cities:
            continue
        match = CityMatch(city=cities[city_id])
        for code, label, weight in SOURCES:
            titles = by_source.get(code)
            if titles:
                match.score += weight * len(titles)
                match.reasons.append((label, sorted(set(titles))[:3], len(titles)))
        matches.append(match)
    matches.sort(key=lambda match: (-match.score, match.city.name))
    return matches[:limit]
