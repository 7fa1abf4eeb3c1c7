"""Reads: a person's progress through a module, the modules of an index, certificates."""

from dataclasses import dataclass, field

from wagtail.models import Locale, Page

from .models import Certificate, LessonDone, QuizResult, TrainingModulePage


@dataclass
class Progress:
    """What a person has done of a module. Anonymous visitors have an empty one."""

    lesson_ids: list[str]
    done: set[str] = field(default_factory=set)
    result: QuizResult | None = None
    certificate: Certificate | None = None

    @property
    def lessons_done(self) -> int:
        return sum(1 for lesson_id in self.lesson_ids if lesson_id in self.done)

    @property
    def all_lessons_done(self) -> bool:
        return self.lessons_done == len(self.lesson_ids)

    @property
    def next_lesson_number(self) -> int | None:
        """The first lesson not done yet, counting from 1."""
        for number, lesson_id in enumerate(self.lesson_ids, start=1):
            if lesson_id not in self.done:
                return number
        return None


def progress_of(*, user, module: TrainingModulePage) -> Progress:
    progress = Progress(lesson_ids=module.lesson_ids)
    if not user.is_authenticated:
        return progress
    key = module.translation_key
    progress.done = set(
        LessonDone.objects.filter(user=user, module_key=key).values_list("lesson_id", flat=True)
    )
    progress.result = QuizResult.objects.filter(user=user, module_key=key).first()
    progress.certificate = Certificate.objects.filter(user=user, module_key=key).first()
    return progress


def modules_with_progress(*, index, user) -> list[tuple[TrainingModulePage, Progress]]:
    """The index's live modules, each with the person's progress, in four queries whatever the
    number of modules."""
    modules = list(TrainingModulePage.objects.child_of(index).live().specific())
    rows = [(module, Progress(lesson_ids=module.lesson_ids)) for module in modules]
    if not user.is_authenticated or not modules:
        return rows
    keys = [module.translation_key for module in modules]
    done: dict = {}
    for key, lesson_id in LessonDone.objects.filter(user=user, module_key__in=keys).values_list(
        "module_key", "lesson_id"
    ):
        done.setdefault(key, set()).add(lesson_id)
    results = {r.module_key: r for r in QuizResult.objects.filter(user=user, module_key__in=keys)}
    certificates = {
        c.module_key: c for c in Certificate.objects.filter(user=user, module_key__in=keys)
    }
    for module, progress in rows:
        progress.done = done.get(module.translation_key, set())
        progress.result = results.get(module.translation_key)
        progress.certificate = certificates.get(module.translation_key)
    return rows


def module_in_language(key, language_code: str) -> TrainingModulePage | None:
    """The module in the reader's language, else in any language it is published in."""
    translations = {
        page.locale.language_code: page
        for page in TrainingModulePage.objects.live()
        .filter(translation_key=key)
        .select_related("locale")
    }
    return translations.get(language_code) or next(iter(translations.values()), None)


def training_index_for(language_code: str) -> Page | None:
    from .models import TrainingIndexPage

    locale = Locale.objects.filter(language_code=language_code).first()
    pages = TrainingIndexPage.objects.live()
    return (locale and pages.filter(locale=locale).first()) or pages.first()


def certificates_of(user, language_code: str) -> list[tuple[Certificate, TrainingModulePage]]:
    """The person's certificates, newest first, each with its module in the reader's language
    (else any language it is published in), in two queries."""
    certificates = list(Certificate.objects.filter(user=user).order_by("-issued_at"))
    pages: dict = {}
    for page in (
        TrainingModulePage.objects.live()
        .filter(translation_key__in=[c.module_key for c in certificates])
        .select_related("locale")
    ):
        if page.translation_key not in pages or page.locale.language_code == language_code:
            pages[page.translation_key] = page
    return [(c, pages[c.module_key]) for c in certificates if c.module_key in pages]
