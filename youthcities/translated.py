"""Content fields kept in each language (title_en, title_fr, title_ar): `Translated("title")`
reads the one for the reader's language, falling back to English. Where the English field has
no suffix (a city's `name`, with `name_fr` and `name_ar` beside it), name it:
`Translated("name", english="name")`."""

from django.utils.translation import get_language


class Translated:
    def __init__(self, base: str, *, english: str = ""):
        self.base = base
        self.english = english or f"{base}_en"

    def __get__(self, instance, owner):
        if instance is None:
            return self
        language = (get_language() or "en")[:2]
        return getattr(instance, f"{self.base}_{language}", "") or getattr(instance, self.english)
