from .pages import TrainingIndexPage, TrainingModulePage
from .progress import Certificate, LessonDone, QuizResult

__all__ = ["Certificate", "LessonDone", "QuizResult", "TrainingIndexPage", "TrainingModulePage"]
