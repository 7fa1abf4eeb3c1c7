"""What each person has done of a module: lessons done, their quiz result, their certificate."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class LessonDone(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="lessons_done"
    )
    module_key = models.UUIDField(_("module"))  # the module page's translation_key
    lesson_id = models.CharField(_("lesson"), max_length=64)
    done_at = models.DateTimeField(_("done"), auto_now_add=True)

    class Meta:
        verbose_name = _("lesson done")
        verbose_name_plural = _("lessons done")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "module_key", "lesson_id"], name="training_lesson_done_once"
            )
        ]


class QuizResult(models.Model):
    """A person's result at a module's quiz: their best score is kept, however often they try."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="quiz_results"
    )
    module_key = models.UUIDField(_("module"))
    best_score = models.PositiveSmallIntegerField(_("best score (%)"))
    last_score = models.PositiveSmallIntegerField(_("last score (%)"))
    attempts = models.PositiveIntegerField(_("attempts"), default=1)
    passed_at = models.DateTimeField(_("passed"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("quiz result")
        verbose_name_plural = _("quiz results")
        constraints = [
            models.UniqueConstraint(fields=["user", "module_key"], name="training_one_result"),
            models.CheckConstraint(
                condition=models.Q(best_score__lte=100, last_score__lte=models.F("best_score")),
                name="training_scores_in_range",
            ),
        ]


class Certificate(models.Model):
    """Proof that a person passed a module; anyone with its unguessable address can check it."""

    token = models.UUIDField(_("token"), default=uuid.uuid4, unique=True, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="certificates"
    )
    module_key = models.UUIDField(_("module"))
    issued_at = models.DateTimeField(_("issued"), auto_now_add=True)

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        constraints = [
            models.UniqueConstraint(fields=["user", "module_key"], name="training_one_certificate")
        ]
