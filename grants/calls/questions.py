"""A call's own questions as plain data: what a version of them says (`CallQuestions.definition`,
a JSON list written from the admin's StreamField by `questions_definition`), and the one rule of
conditions ("show when question X is Y"), read by the wizard's form, submission, the read-back
page, the reviewer's page, the staff view and the exports alike."""

from dataclasses import dataclass, field

from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

LANGUAGES = ("en", "fr", "ar")


class Kind:
    SHORT_TEXT = "short_text"
    LONG_TEXT = "long_text"
    SINGLE_CHOICE = "single_choice"
    MULTIPLE_CHOICE = "multiple_choice"
    NUMBER = "number"
    AMOUNT = "amount"
    DATE = "date"
    YES_NO = "yes_no"
    FILE = "file"

    CHOICES = (SINGLE_CHOICE, MULTIPLE_CHOICE)
    ALL = (
        SHORT_TEXT,
        LONG_TEXT,
        SINGLE_CHOICE,
        MULTIPLE_CHOICE,
        NUMBER,
        AMOUNT,
        DATE,
        YES_NO,
        FILE,
    )


YES, NO = "yes", "no"


def _in_language(texts: dict) -> str:
    language = (get_language() or "en")[:2]
    return texts.get(language) or texts.get("en") or ""


@dataclass(frozen=True)
class Choice:
    value: str
    labels: dict

    @property
    def label(self) -> str:
        return _in_language(self.labels)


@dataclass(frozen=True)
class Condition:
    question: str  # the name of the question it depends on
    value: str  # the answer that shows this one (a choice's value, "yes" or "no")


@dataclass(frozen=True)
class Question:
    name: str
    kind: str
    labels: dict
    helps: dict = field(default_factory=dict)
    required: bool = False
    identifying: bool = False
    choices: tuple[Choice, ...] = ()
    word_limit: int | None = None
    condition: Condition | None = None

    @property
    def label(self) -> str:
        return _in_language(self.labels)

    @property
    def help_text(self) -> str:
        return _in_language(self.helps)

    @property
    def field_name(self) -> str:
        return f"q_{self.name}"

    def choice_label(self, value) -> str:
        return next((c.label for c in self.choices if c.value == value), str(value))

    @classmethod
    def from_definition(cls, data: dict) -> "Question":
        condition = data.get("condition")
        return cls(
            name=data["name"],
            kind=data["kind"],
            labels=data.get("label", {}),
            helps=data.get("help", {}),
            required=bool(data.get("required")),
            identifying=bool(data.get("identifying")),
            choices=tuple(
                Choice(value=c["value"], labels=c["label"]) for c in data.get("choices", [])
            ),
            word_limit=data.get("word_limit") or None,
            condition=Condition(condition["question"], condition["value"]) if condition else None,
        )


def questions_from(definition: list | None) -> list[Question]:
    return [Question.from_definition(item) for item in definition or []]


def choice_value(label_en: str, position: int) -> str:
    return slugify(label_en) or f"choice-{position + 1}"


def condition_value(question_kind: str, typed: str, choices) -> str | None:
    """What a condition's typed value means for the question it points at: "yes"/"no" for a
    yes/no question, a choice's value (typed as its English label or its value) for a choice;
    None when it matches nothing."""
    typed = (typed or "").strip()
    if question_kind == Kind.YES_NO:
        lowered = typed.lower()
        return lowered if lowered in (YES, NO) else None
    if question_kind in Kind.CHOICES:
        wanted = slugify(typed)
        return next(
            (c["value"] for c in choices if wanted in (c["value"], slugify(c["label"]["en"]))), None
        )
    return None


def questions_definition(stream) -> list[dict]:
    """A call's questions StreamField as the plain JSON a version keeps (no block ids: two
    streams that say the same thing give the same definition)."""
    definition = []
    for block in stream:
        value = block.value
        item = {
            "name": value["name"],
            "kind": block.block_type,
            "label": {lang: value.get(f"label_{lang}") or "" for lang in LANGUAGES},
            "help": {lang: value.get(f"help_{lang}") or "" for lang in LANGUAGES},
            "required": bool(value.get("required")),
            "identifying": bool(value.get("identifying")),
        }
        if block.block_type in Kind.CHOICES:
            item["choices"] = [
                {
                    "value": choice_value(choice["label_en"], position),
                    "label": {lang: choice.get(f"label_{lang}") or "" for lang in LANGUAGES},
                }
                for position, choice in enumerate(value.get("choices") or [])
            ]
        if block.block_type == Kind.LONG_TEXT:
            item["word_limit"] = value.get("word_limit") or None
        definition.append(item)
    _add_conditions(definition, stream)
    return definition


def _add_conditions(definition: list[dict], stream) -> None:
    by_name = {item["name"]: item for item in definition}
    for item, block in zip(definition, stream, strict=True):
        target_name = (block.value.get("show_when_question") or "").strip()
        if not target_name or target_name not in by_name:
            continue
        target = by_name[target_name]
        value = condition_value(
            target["kind"], block.value.get("show_when_answer"), target.get("choices", [])
        )
        if value is not None:
            item["condition"] = {"question": target_name, "value": value}


def is_shown(question: Question, answers: dict, questions_by_name: dict) -> bool:
    """Whether a question applies, given the answers so far. A condition on a question that is
    not (or no longer) in this version is ignored: the question is shown. A condition on a
    hidden question is false: hiding one hides what depends on it."""
    condition = question.condition
    if condition is None:
        return True
    target = questions_by_name.get(condition.question)
    if target is None:
        return True
    if not is_shown(target, answers, questions_by_name):
        return False
    answer = answers.get(target.name)
    if isinstance(answer, list):
        return condition.value in answer
    return answer == condition.value


def shown_questions(questions: list[Question], answers: dict) -> list[Question]:
    by_name = {q.name: q for q in questions}
    return [q for q in questions if is_shown(q, answers, by_name)]


def is_blank(answer) -> bool:
    return answer in (None, "", [], {})


MISSING = _("“%(question)s” is missing.")
