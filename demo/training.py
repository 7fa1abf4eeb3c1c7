"""Demo training modules for `seed_demo`: the training index under each home page and two
modules from the programme's themes, each in English, French and Arabic. The translations keep
the English lessons' and questions' block ids, as wagtail-localize does, so a person's progress
follows them from one language to another."""

import copy

from wagtail.models import Locale
from wagtail.rich_text import RichText

from cms.models import HomePage, Resource
from demo import training_content as content
from training.models import Certificate, TrainingIndexPage, TrainingModulePage
from training.services import lesson_complete, quiz_submit
from youthcities.accounts.models import User


def seed_training() -> None:
    home = HomePage.objects.get(locale__language_code="en")
    index = TrainingIndexPage.objects.filter(locale__language_code="en").first()
    if index is None:
        title, introduction = content.INDEX["en"]
        index = TrainingIndexPage(title=title, slug="training", introduction=introduction)
        home.add_child(instance=index)
        index.save_revision().publish()
    for code in ("fr", "ar"):
        title, introduction = content.INDEX[code]
        _translate(index, code, {"title": title, "introduction": introduction})
    for module in content.MODULES:
        page = TrainingModulePage.objects.filter(
            locale__language_code="en", slug=module["slug"]
        ).first()
        if page is None:
            page = _module(index, module)
        for code in ("fr", "ar"):
            _translate(page, code, _module_fields(page, module[code]))
    _learners()


def _learners():
    """Lina passed the counter-narrative module (her certificate is in Arabic, her language);
    Sami has read the first lesson of the cooperation module."""
    modules = {
        page.slug: page for page in TrainingModulePage.objects.filter(locale__language_code="ar")
    }
    lina = User.objects.filter(email="applicant@example.org").first()
    sami = User.objects.filter(email="minor@example.org").first()
    passed = modules[content.COUNTER_NARRATIVES["slug"]]
    if lina and not Certificate.objects.filter(user=lina).exists():
        for lesson_id in passed.lesson_ids:
            lesson_complete(user=lina, module=passed, lesson_id=lesson_id)
        right = {
            question.id: {n for n, c in enumerate(question.value["choices"]) if c["correct"]}
            for question in passed.quiz
        }
        quiz_submit(user=lina, module=passed, answers=right)
    started = modules[content.COOPERATION["slug"]]
    if sami:
        lesson_complete(user=sami, module=started, lesson_id=started.lesson_ids[0])


def _module(index, module) -> TrainingModulePage:
    en = module["en"]
    toolkit = (
        Resource.objects.filter(title=module["toolkit"], members_only=False).first()
        if module["toolkit"]
        else None
    )
    lessons = []
    for number, (title, html) in enumerate(en["lessons"], start=1):
        last = number == len(en["lessons"])
        lessons.append(
            (
                "lesson",
                {
                    "title": title,
                    "content": [("paragraph", RichText(html))],
                    "toolkit": toolkit.document if toolkit and last else None,
                },
            )
        )
    quiz = [
        (
            "question",
            {
                "question": question,
                "multiple": multiple,
                "choices": [
                    {"text": text, "correct": n in right} for n, text in enumerate(answers)
                ],
            },
        )
        for (question, answers), (multiple, right) in zip(en["quiz"], module["key"], strict=True)
    ]
    page = TrainingModulePage(
        title=en["title"],
        slug=module["slug"],
        summary=en["summary"],
        theme=module["theme"],
        pass_mark=module["pass_mark"],
        lessons=lessons,
        quiz=quiz,
    )
    index.add_child(instance=page)
    page.save_revision().publish()
    return page


def _module_fields(page, text) -> dict:
    """The translated text laid over the English page's blocks, their ids kept."""
    lessons = copy.deepcopy(list(page.lessons.raw_data))
    for block, (title, html) in zip(lessons, text["lessons"], strict=True):
        block["value"]["title"] = title
        block["value"]["content"][0]["value"] = html
    quiz = copy.deepcopy(list(page.quiz.raw_data))
    for block, (question, answers) in zip(quiz, text["quiz"], strict=True):
        block["value"]["question"] = question
        for choice, answer in zip(block["value"]["choices"], answers, strict=True):
            choice["value"]["text"] = answer
    return {"title": text["title"], "summary": text["summary"], "lessons": lessons, "quiz": quiz}


def _translate(page, code, fields):
    locale = Locale.objects.get(language_code=code)
    if page.get_translations().filter(locale=locale).exists():
        return
    translation = page.copy_for_translation(locale, copy_parents=True)
    for name, value in fields.items():
        setattr(translation, name, value)
    translation.save_revision().publish()
