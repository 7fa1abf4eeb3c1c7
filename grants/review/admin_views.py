"""Programme staff's review screens in the Wagtail admin: the ranking of a call, calibration of
the reviewers, assignment (automatic and by hand), conflict overrides, the rubric unlock,
decisions, and exports. The views are thin: services change things, selectors read."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.files.storage import FileSystemStorage, storages
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.urls import path
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from grants.applications.lifecycle import IN_REVIEW
from grants.applications.models import Application
from grants.calls.admin_views import CallStaffView
from grants.calls.selectors import rubric_is_locked
from grants.calls.services import rubric_unlock
from grants.errors import GrantError
from grants.review.forms import ManualAssignmentForm
from grants.review.models import ExportJob, ReviewAssignment
from grants.review.selectors import (
    ORDERS,
    RANKED_STATUSES,
    RankingFilters,
    call_calibration,
    call_ranking,
    review_progress,
)
from grants.review.services import assignment_create, assignment_override, assignments_auto
from grants.review.tasks import export_ranking
from youthcities.accounts.roles import PROGRAMME_STAFF, REVIEWER
from youthcities.accounts.selectors import has_role, users_with_role
from youthcities.forms import ReasonForm
from youthcities.network.cities.selectors import city_choices
from youthcities.network.themes import Theme

PAGE_SIZE = 50


class RankingFilterForm(forms.Form):
    city = forms.TypedChoiceField(label=gettext_lazy("City"), coerce=int, required=False)
    theme = forms.ChoiceField(label=gettext_lazy("Theme"), required=False)
    status = forms.ChoiceField(label=gettext_lazy("Status"), required=False)
    flagged = forms.BooleanField(label=gettext_lazy("Only reviewers who disagree"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        everything = [("", _("All"))]
        self.fields["city"].choices = everything + city_choices()
        self.fields["theme"].choices = everything + list(Theme.choices)
        self.fields["status"].choices = everything + [
            (value, label)
            for value, label in Application.Status.choices
            if value in RANKED_STATUSES
        ]

    def filters(self) -> RankingFilters:
        if not self.is_valid():
            return RankingFilters()
        data = self.cleaned_data
        return RankingFilters(
            city=data["city"] or None,
            theme=data["theme"],
            status=data["status"],
            flagged=data["flagged"],
        )


class RankingView(CallStaffView):
    template_name = "grants/admin/ranking.html"
    page_title = gettext_lazy("Ranking")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        filter_form = RankingFilterForm(self.request.GET or None)
        order = self.request.GET.get("order", "normalised")
        order = order if order in ORDERS else "normalised"
        page_number = _page_number(self.request.GET.get("p"))
        ranking = call_ranking(
            self.call,
            order=order,
            filters=filter_form.filters(),
            limit=PAGE_SIZE,
            offset=(page_number - 1) * PAGE_SIZE,
        )
        paginator = Paginator(range(ranking.total), PAGE_SIZE)
        page = paginator.get_page(page_number) if ranking.total else None
        query = self.request.GET.copy()
        query.pop("p", None)
        sort_query = query.copy()
        sort_query.pop("order", None)
        context.update(
            call=self.call,
            ranking=ranking,
            progress=ranking.progress or review_progress(self.call),
            filter_form=filter_form,
            order=order,
            page=page,
            query=query.urlencode(),
            sort_query=sort_query.urlencode(),
            columns=[
                ("mean", _("Mean")),
                ("normalised", _("Normalised")),
                ("spread", _("Spread")),
                ("reviews", _("Reviews")),
            ],
            # Decisions staff may give several rows at once (see decisions' batch views).
            batch_outcomes=[
                (status, Application.Status(status).label)
                for status in ("declined", "shortlisted", "more_info")
            ],
        )
        return context


def _page_number(value) -> int:
    try:
        return max(int(value), 1)
    except (TypeError, ValueError):
        return 1


class CalibrationView(CallStaffView):
    template_name = "grants/admin/calibration.html"
    page_title = gettext_lazy("Reviewer calibration")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        rows, panel = call_calibration(self.call)
        context.update(call=self.call, rows=rows, panel=panel)
        return context


class AssignView(CallStaffView):
    """Assign reviewers automatically or by hand, and deal with declared conflicts."""

    template_name = "grants/admin/assign.html"
    page_title = gettext_lazy("Reviewers")

    def manual_form(self, data=None):
        return ManualAssignmentForm(
            data,
            applications=self.call.applications.filter(status__in=IN_REVIEW).order_by("reference"),
            reviewers=users_with_role(REVIEWER).order_by("display_name"),
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        assignments = ReviewAssignment.objects.filter(application__call=self.call)
        context.update(
            call=self.call,
            progress=review_progress(self.call),
            conflicts=assignments.filter(
                state__in=[ReviewAssignment.State.CONFLICTED, ReviewAssignment.State.OVERRIDDEN]
            ).select_related("reviewer", "application"),
            manual_form=kwargs.get("manual_form") or self.manual_form(),
            report=kwargs.get("report"),
            reason_form=ReasonForm(),
        )
        return context

    def post(self, request, *args, **kwargs):
        if request.POST.get("action") == "auto":
            report = assignments_auto(call=self.call, actor=request.user)
            messages.success(
                request,
                _("%(created)d assignments made; %(complete)d applications have all their "
                  "reviewers.") % {"created": report.created, "complete": report.complete},
            )  # fmt: skip
            return self.render_to_response(self.get_context_data(report=report))
        form = self.manual_form(request.POST)
        if form.is_valid():
            try:
                assignment_create(
                    application=form.cleaned_data["application"],
                    reviewer=form.cleaned_data["reviewer"],
                    actor=request.user,
                )
                messages.success(request, _("The reviewer is assigned."))
                return redirect("grants_review_admin:assign", call_id=self.call.pk)
            except GrantError as error:
                form.add_error(None, error.message)
        return self.render_to_response(self.get_context_data(manual_form=form), status=400)


class OverrideView(CallStaffView):
    template_name = "grants/admin/assign.html"

    def get(self, request, *args, **kwargs):
        raise Http404

    @cached_property
    def assignment(self):
        return get_object_or_404(
            ReviewAssignment.objects.select_related("application__call"), pk=self.kwargs["pk"]
        )

    @cached_property
    def call(self):
        return self.assignment.application.call

    def post(self, request, *args, **kwargs):
        form = ReasonForm(request.POST)
        if form.is_valid():
            try:
                assignment_override(
                    assignment=self.assignment,
                    actor=request.user,
                    reason=form.cleaned_data["reason"],
                )
                messages.success(request, _("The conflict is overridden; the reason is kept."))
            except GrantError as error:
                messages.error(request, error.message)
        else:
            messages.error(request, _("Give a reason for the override."))
        return redirect("grants_review_admin:assign", call_id=self.call.pk)


class UnlockRubricView(CallStaffView):
    template_name = "grants/admin/unlock_rubric.html"
    page_title = gettext_lazy("Unlock the rubric")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            call=self.call,
            locked=rubric_is_locked(self.call),
            form=kwargs.get("form") or ReasonForm(),
        )
        return context

    def post(self, request, *args, **kwargs):
        form = ReasonForm(request.POST)
        if form.is_valid():
            rubric_unlock(call=self.call, actor=request.user, reason=form.cleaned_data["reason"])
            messages.warning(
                request,
                _("The rubric is unlocked for one change. Submitted reviews are re-scored when "
                  "you save it."),
            )  # fmt: skip
            return redirect("grants_calls:edit", self.call.pk)
        return self.render_to_response(self.get_context_data(form=form), status=400)


class ExportView(CallStaffView):
    """Start an export of the ranking; it runs as a background task."""

    def get(self, request, *args, **kwargs):
        raise Http404

    def post(self, request, *args, **kwargs):
        export_format = request.POST.get("format")
        if export_format not in ExportJob.Format.values:
            raise Http404
        job = ExportJob.objects.create(
            call=self.call, requested_by=request.user, format=export_format
        )
        export_ranking.enqueue(job_id=job.pk)
        return redirect("grants_review_admin:export", pk=job.pk)


class ExportStatusView(CallStaffView):
    template_name = "grants/admin/export.html"
    page_title = gettext_lazy("Export")

    @cached_property
    def job(self):
        return get_object_or_404(ExportJob.objects.select_related("call"), pk=self.kwargs["pk"])

    @cached_property
    def call(self):
        return self.job.call

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(job=self.job, call=self.call)
        return context


def export_download(request, pk):
    if not has_role(request.user, PROGRAMME_STAFF):
        raise PermissionDenied
    job = get_object_or_404(ExportJob, pk=pk, status=ExportJob.Status.DONE)
    filename = f"ranking-{job.call.slug}.{job.format}"
    if isinstance(storages["private"], FileSystemStorage):
        return FileResponse(job.file.open("rb"), as_attachment=True, filename=filename)
    return HttpResponseRedirect(
        job.file.storage.url(
            job.file.name,
            parameters={"ResponseContentDisposition": f'attachment; filename="{filename}"'},
        )
    )


urlpatterns = [
    path("grants/calls/<int:call_id>/ranking/", RankingView.as_view(), name="ranking"),
    path("grants/calls/<int:call_id>/calibration/", CalibrationView.as_view(), name="calibration"),
    path("grants/calls/<int:call_id>/reviewers/", AssignView.as_view(), name="assign"),
    path("grants/calls/<int:call_id>/unlock-rubric/", UnlockRubricView.as_view(), name="unlock"),
    path("grants/calls/<int:call_id>/export/", ExportView.as_view(), name="export_start"),
    path("grants/assignments/<int:pk>/override/", OverrideView.as_view(), name="override"),
    path("grants/exports/<int:pk>/", ExportStatusView.as_view(), name="export"),
    path("grants/exports/<int:pk>/download/", export_download, name="export_download"),
]
