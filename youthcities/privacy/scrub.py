"""Take a person's identifying values out of stored JSON (audit details, page revisions)."""

import re

ERASED = "[erased]"


def _pattern(values):
    values = sorted({v for v in values if v and len(v) >= 3}, key=len, reverse=True)
    if not values:
        return None
    # Whole words only: a display name "Awa" must not eat "Awareness".
    alternatives = "|".join(re.escape(v) for v in values)
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)


def scrub(data, values, replacement: str = ERASED):
    """`data` with every occurrence of any of `values` in its strings replaced (case-insensitive),
    keys and structure kept."""
    pattern = _pattern(values)
    if pattern is None:
        return data
    return _walk(data, pattern, replacement)


def _walk(data, pattern, replacement=ERASED):
    if isinstance(data, str):
        return pattern.sub(replacement, data)
    if isinstance(data, list):
        return [_walk(item, pattern, replacement) for item in data]
    if isinstance(data, dict):
        return {key: _walk(value, pattern, replacement) for key, value in data.items()}
    return data


def contains(text: str, values) -> bool:
    pattern = _pattern(values)
    return bool(pattern and pattern.search(text))
