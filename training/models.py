"""Training modules (Wagtail pages with ordered lessons and a quiz) and each person's progress,
quiz result and certificate. Progress is kept per module *across its translations* (a page's
`translation_key`) and per lesson by the lesson block's id, which translations share: a person
who starts in French and goes on in Arabic keeps their lessons done."""

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from youthcities.network.themes import Theme

from .blocks import LessonBlock, QuestionBlock


class TrainingIndexPage(Page):
    """/<lang>/training/: the network's training modules."""

    introduction = models.TextField(_("introduction"), max_length=600, blank=True)

    content_panels = Page.content_panels + [FieldPanel("introduction")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["training.TrainingModulePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("training index")

    def get_context(self, request, *args, **kwargs):
        from .selectors import modules_with_progress

        context = super().get_context(request, *args, **kwargs)
        context["modules"] = modules_with_progress(index=self, user=request.user)
        return context


class TrainingModulePage(RoutablePageMixin, Page):
    """A module: its lessons in order (one page each), then a short quiz graded on the server."""

    summary = models.TextField(_("summary"), max_length=600)
    theme = models.CharField(_("theme"), max_length=30, choices=Theme.choices, blank=True)
    lessons = StreamField(
        [("lesson", LessonBlock())], verbose_name=_("lessons"), min_num=1, blank=False
    )
    quiz = StreamField([("question", QuestionBlock())], verbose_name=_("quiz"), min_num=1)
    pass_mark = models.PositiveSmallIntegerField(
        _("pass mark (%)"),
        default=70,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_("The share of questions answered right that passes the quiz."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("theme"),
        FieldPanel("lessons"),
        FieldPanel("quiz"),
        FieldPanel("pass_mark"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("lessons"),
    ]
    parent_page_types = ["training.TrainingIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("training module")

    @property
    def lesson_ids(self) -> list[str]:
        return [block.id for block in self.lessons]

    @path("")
    def overview(self, request):
        from .selectors import progress_of

        return self.render(
            request,
            context_overrides={"progress": progress_of(user=request.user, module=self)},
        )

    @path("lessons/<int:number>/")
    def lesson(self, request, number):
        from django.http import Http404

        from .selectors import progress_of

        lessons = list(self.lessons)
        if not 1 <= number <= len(lessons):
            raise Http404
        return self.render(
            request,
            template="training/lesson.html",
            context_overrides={
                "lesson": lessons[number - 1],
                "number": number,
                "previous_number": number - 1 if number > 1 else None,
                "next_number": number + 1 if number < len(lessons) else None,
                "progress": progress_of(user=request.user, module=self),
            },
        )

    @path("quiz/")
    def quiz_page(self, request, form=None, status=200):
        from .forms import QuizForm
        from .selectors import progress_of

        response = self.render(
            request,
            template="training/quiz.html",
            context_overrides={
                "form": form or QuizForm(module=self),
                "progress": progress_of(user=request.user, module=self),
            },
        )
        response.status_code = status
        return response


class LessonDone(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="lessons_done"
    )
    module_key = models.UUIDField(_("module"), help_text=_("The module's translation key"))
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
