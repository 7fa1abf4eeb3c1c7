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


def thirty_questions():
    """Thirty questions of every kind but files, a third shown only after a "yes": what the
    query budget of the answers step and the wizard_step benchmark are measured with."""
    questions, answers = [], {}
    for number in range(10):
        gate = f"gate-{number}"
        questions += [
            question("yes_no", gate, f"Question {number}: yes or no?", required=True),
            question(
                "short_text", f"text-{number}", f"Question {number}: in a word", required=True
            ),
            question(
                "long_text", f"why-{number}", f"Question {number}: why?", show_when=(gate, "yes")
            ),
        ]
        answers.update({gate: "yes", f"text-{number}": "word", f"why-{number}": "Because."})
    return questions, answers
