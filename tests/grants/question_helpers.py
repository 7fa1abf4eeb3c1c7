"""A call's own questions, set as staff would in the admin (the StreamField, then published)."""

from grants.calls.services import call_questions_publish


def question(kind, name, label_en, *, required=False, show_when=None, **extra):
    value = {
        "name": name,
        "label_en": label_en,
        "label_fr": extra.pop("label_fr", ""),
        "label_ar": extra.pop("label_ar", ""),
        "help_en": extra.pop("help_en", ""),
        "help_fr": "",
        "help_ar": "",
        "required": required,
        "identifying": extra.pop("identifying", False),
        "show_when_question": show_when[0] if show_when else "",
        "show_when_answer": show_when[1] if show_when else "",
    }
    if "choices" in extra:
        value["choices"] = [
            {"label_en": c, "label_fr": "", "label_ar": ""} for c in extra.pop("choices")
        ]
    value.update(extra)
    return (kind, value)


def set_questions(call, questions, actor=None):
    """Save the call's questions and publish them; returns the version new drafts answer."""
    call.questions = questions
    call.save()
    return call_questions_publish(call=call, actor=actor)


PARTNER_QUESTIONS = [
    question("yes_no", "partner", "Do you work with a partner?", required=True),
    question(
        "short_text",
        "partner-name",
        "Name of the partner",
        required=True,
        show_when=("partner", "yes"),
        identifying=True,
    ),
    question("long_text", "story", "Tell us a story", word_limit=5),
]
