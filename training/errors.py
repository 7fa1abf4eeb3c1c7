"""Errors the training services raise; views catch them and show the message."""

from django.utils.translation import gettext_lazy as _

from youthcities.errors import ServiceError


class TrainingError(ServiceError):
    pass


class UnknownLesson(TrainingError):
    message = _("This lesson is not part of the module.")


class LessonsNotDone(TrainingError):
    message = _("Finish every lesson before taking the quiz.")


class QuizIncomplete(TrainingError):
    message = _("Answer every question.")
