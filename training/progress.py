"""Reads of a person's progress through modules (below the page models, which show it)."""

from dataclasses import dataclass, field

from training.models.progress import Certificate, LessonDone, QuizResult


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


def progress_of(*, user, module) -> Progress:
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


def progress_for_modules(*, user, modules: list) -> list[tuple]:
    """Each module with the person's progress, in three queries whatever the number of modules."""
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
