"""Decision letters: the placeholders a letter may hold and how they are filled. A letter with
a placeholder we do not know is refused, naming it, rather than sent with "{nmae}" in it."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import ngettext

PLACEHOLDERS = ("name", "reference", "amount", "feedback")
PLACEHOLDER = re.compile(r"\{([^{}]*)\}")


def unknown_placeholders(text: str) -> list[str]:
    return sorted({found for found in PLACEHOLDER.findall(text) if found not in PLACEHOLDERS})


def check_placeholders(text: str, *, field: str | None = None) -> None:
    unknown = unknown_placeholders(text)
    if not unknown:
        return
    message = ngettext(
        "Unknown placeholder: %(names)s. Use %(known)s.",
        "Unknown placeholders: %(names)s. Use %(known)s.",
        len(unknown),
    ) % {
        "names": ", ".join("{" + name + "}" for name in unknown),
        "known": ", ".join("{" + name + "}" for name in PLACEHOLDERS),
    }
    raise ValidationError({field: message} if field else message)


def letter_fill(text: str, values: dict[str, str]) -> str:
    """The letter with its placeholders replaced (an unknown one is left as typed: callers
    check first). Values are plain text: a letter is sent as a plain-text email."""
    return PLACEHOLDER.sub(lambda m: str(values.get(m.group(1), m.group(0))), text)
