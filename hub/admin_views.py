"""Programme staff's screens: membership applications and the review queue of members'
documents. Each decision is one service call (audited; the person is told by email)."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from youthcities.accounts.roles import PROGRAMME_STAFF
from youthcities.admin_views import RoleView

from . import services
from .errors import HubError
from .forms import DecisionForm, ReviewForm
from .introductions.admin_views import IntroductionsView
from .models import MemberDocument, MembershipApplication
from .profiles.admin_views import ProfileDraftsView
from .selectors import membership_queue, review_queue


class StaffView(RoleView):
    roles = (PROGRAMME_STAFF,)
    header_icon = "group"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]


class MembershipQueueView(StaffView):
    template_name = "hub/admin/memberships.html"
    page_title = gettext_lazy("Hub membership applications")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["applications"] = membership_queue()
        context.setdefault("form", DecisionForm())
        return context

    def post(self, request, *args, **kwargs):
        application = get_object_or_404(MembershipApplication, pk=request.POST.get("application"))
        form = DecisionForm(request.POST)
        decision = request.POST.get("decision")
        if not form.is_valid() or decision not in ("approve", "refuse"):
            return self.render_to_response(self.get_context_data(form=form), status=400)
        note = form.cleaned_data["note"]
        if decision == "refuse" and not note.strip():
            messages.error(request, _("Say why you refuse: the applicant reads it."))
            return redirect("hub_admin:memberships")
        try:
            if decision == "approve":
                services.membership_approve(application=application, actor=request.user, note=note)
                messages.success(request, _("Approved: the person is now a member and is told."))
            else:
                services.membership_refuse(application=application, actor=request.user, note=note)
                messages.success(request, _("Refused: the person is told why."))
        except HubError as error:
            messages.error(request, error.message)
        return redirect("hub_admin:memberships")


class ReviewQueueView(StaffView):
    template_name = "hub/admin/reviews.html"
    page_title = gettext_lazy("Members' documents to review")
    header_icon = "doc-full"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["documents"] = review_queue()
        return context


class ReviewView(StaffView):
    template_name = "hub/admin/review.html"
    page_title = gettext_lazy("Review a member's document")
    header_icon = "doc-full"

    @cached_property
    def document(self) -> MemberDocument:
        return get_object_or_404(
            MemberDocument.objects.select_related("uploaded_by", "city"), pk=self.kwargs["pk"]
        )

    def get_page_subtitle(self):
        return self.document.title

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", ReviewForm())
        context.update(
            document=self.document,
            queue_url=reverse("hub_admin:reviews"),
            file_url=reverse("hub:document_file", args=[self.document.token]),
        )
        return context

    def post(self, request, *args, **kwargs):
        form = ReviewForm(request.POST)
        decision = request.POST.get("decision")
        if not form.is_valid() or decision not in services.REVIEW_EMAILS:
            return self.render_to_response(self.get_context_data(form=form), status=400)
        note = form.cleaned_data["note"]
        if decision != MemberDocument.Status.PUBLISHED and not note.strip():
            form.add_error("note", _("Say what to change, or why you refuse: the member reads it."))
            return self.render_to_response(self.get_context_data(form=form), status=400)
        try:
            services.document_review(
                document=self.document, actor=request.user, decision=decision, note=note
            )
        except HubError as error:
            messages.error(request, error.message)
            return redirect(request.path)
        messages.success(request, _("Done: the member is told by email."))
        return redirect("hub_admin:reviews")


urlpatterns = [
    path("hub/memberships/", MembershipQueueView.as_view(), name="memberships"),
    path("hub/documents/", ReviewQueueView.as_view(), name="reviews"),
    path("hub/documents/<int:pk>/", ReviewView.as_view(), name="review"),
    path("hub/introductions/", IntroductionsView.as_view(), name="introductions"),
    path("hub/profiles/", ProfileDraftsView.as_view(), name="profiles"),
]
