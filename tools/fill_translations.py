"""Fill the French and Arabic catalogues from JSON files of translations.

Each file holds a list of {"msgid": ..., "msgctxt": ... (optional), "msgid_plural": ... (optional),
"fr": ..., "ar": ...}; a plural entry gives "fr" and "ar" as lists (French 2 forms, Arabic 6).
Only entries still empty or fuzzy in the catalogue are filled, so a reviewed translation is never
overwritten. Run after `make messages`, then compile:

    .venv/bin/python tools/fill_translations.py translations/*.json
    .venv/bin/python manage.py compilemessages --ignore='.venv/*'
"""

import json
import sys
from pathlib import Path

import polib

LOCALE = Path(__file__).resolve().parent.parent / "locale"


def fill(catalogue: polib.POFile, language: str, rows: list[dict]) -> tuple[int, list[str]]:
    by_key = {(entry.msgctxt, entry.msgid): entry for entry in catalogue}
    filled, unknown = 0, []
    for row in rows:
        entry = by_key.get((row.get("msgctxt"), row["msgid"]))
        text = row.get(language)
        if entry is None or not text:
            unknown.append(row["msgid"][:60])
            continue
        if entry.translated() and "fuzzy" not in entry.flags:
            continue
        if entry.msgid_plural:
            forms = text if isinstance(text, list) else [text]
            entry.msgstr_plural = {index: form for index, form in enumerate(forms)}
        else:
            entry.msgstr = text
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
            entry.previous_msgid = entry.previous_msgctxt = None
        filled += 1
    return filled, unknown


def main(paths: list[str]) -> int:
    rows = [row for path in paths for row in json.loads(Path(path).read_text(encoding="utf-8"))]
    for language in ("fr", "ar"):
        path = LOCALE / language / "LC_MESSAGES" / "django.po"
        catalogue = polib.pofile(str(path), wrapwidth=79)
        filled, unknown = fill(catalogue, language, rows)
        catalogue.save(str(path))
        left = [entry.msgid[:60] for entry in catalogue.untranslated_entries()]
        left += [entry.msgid[:60] for entry in catalogue.fuzzy_entries()]
        print(f"{language}: {filled} filled, {len(left)} still untranslated or fuzzy")
        for msgid in left:
            print(f"  untranslated: {msgid}")
        for msgid in sorted(set(unknown)):
            print(f"  not in the catalogue: {msgid}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
