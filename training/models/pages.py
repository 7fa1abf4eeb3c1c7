"""Training modules (Wagtail pages with ordered lessons and a quiz) and each person's progress,
quiz result and certificate. Progress is kept per module *across its translations* (a page's
`translation_key`) and per lesson by the lesson block's id, which translations share: a person
who starts in French and goes on in Arabic keeps their lessons done."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from training.blocks import LessonBlock, QuestionBlock
from training.forms import QuizForm
from training.progress import progress_for_modules, progress_of
from youthcities.network.themes import Theme


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
        context = super().get_context(request, *args, **kwargs)
        modules = TrainingModulePage.objects.child_of(self).live().specific()
        context["modules"] = progress_for_modules(user=request.user, modules=list(modules))
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
        return self.render(
            request,
            context_overrides={"progress": progress_of(user=request.user, module=self)},
        )

    @path("lessons/<int:number>/")
    def lesson(self, request, number):
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
