"""Every change to a person's training: a lesson done, a quiz graded (and a certificate issued)."""

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from youthcities.audit.services import audit_record

from .errors import LessonsNotDone, QuizIncomplete, UnknownLesson
from .models import Certificate, LessonDone, QuizResult, TrainingModulePage


def lesson_complete(*, user, module: TrainingModulePage, lesson_id: str) -> LessonDone:
    """Mark one lesson of the module done; marking it again changes nothing."""
    if lesson_id not in module.lesson_ids:
        raise UnknownLesson
    with transaction.atomic():
        done, created = LessonDone.objects.get_or_create(
            user=user, module_key=module.translation_key, lesson_id=lesson_id
        )
        if created:
            audit_record(
                actor=user,
                action="training.lesson_done",
                target=module,
                data={"lesson": lesson_id},
            )
    return done


@dataclass(frozen=True)
class Grade:
    correct: int
    total: int
    score: int  # whole per cent, rounded down
    passed: bool


def quiz_grade(*, module: TrainingModulePage, answers: dict[str, set[int]]) -> Grade:
    """A question is right when exactly its right answers are chosen (by their position)."""
    questions = list(module.quiz)
    if any(question.id not in answers or not answers[question.id] for question in questions):
        raise QuizIncomplete
    correct = sum(
        1
        for question in questions
        if answers[question.id]
        == {n for n, choice in enumerate(question.value["choices"]) if choice["correct"]}
    )
    score = correct * 100 // len(questions)
    return Grade(
        correct=correct, total=len(questions), score=score, passed=score >= module.pass_mark
    )


@dataclass(frozen=True)
class QuizOutcome:
    grade: Grade
    result: QuizResult
    certificate: Certificate | None
    newly_certified: bool


def quiz_submit(*, user, module: TrainingModulePage, answers: dict[str, set[int]]) -> QuizOutcome:
    """Grade the person's answers and keep their best score. The first pass issues the one
    certificate of this module for this person; later attempts, passed or not, never issue
    another nor take it away."""
    key = module.translation_key
    done = set(
        LessonDone.objects.filter(user=user, module_key=key).values_list("lesson_id", flat=True)
    )
    if not set(module.lesson_ids) <= done:
        raise LessonsNotDone
    grade = quiz_grade(module=module, answers=answers)
    now = timezone.now()
    with transaction.atomic():
        result, created = QuizResult.objects.select_for_update().get_or_create(
            user=user,
            module_key=key,
            defaults={
                "best_score": grade.score,
                "last_score": grade.score,
                "passed_at": now if grade.passed else None,
            },
        )
        if not created:
            result.attempts += 1
            result.last_score = grade.score
            result.best_score = max(result.best_score, grade.score)
            if grade.passed and result.passed_at is None:
                result.passed_at = now
            result.save()
        certificate, newly_certified = None, False
        if result.passed_at is not None:
            certificate, newly_certified = Certificate.objects.get_or_create(
                user=user, module_key=key
            )
        audit_record(
            actor=user,
            action="training.quiz_submitted",
            target=module,
            data={"score": grade.score, "passed": grade.passed, "attempt": result.attempts},
        )
        if newly_certified:
            audit_record(
                actor=user,
                action="training.certificate_issued",
                target=certificate,
                data={"module": str(key)},
            )
    return QuizOutcome(
        grade=grade, result=result, certificate=certificate, newly_certified=newly_certified
    )
