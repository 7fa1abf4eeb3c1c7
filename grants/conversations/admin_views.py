"""Staff's side in the Wagtail admin: the inbox of conversations with unread counts, and one
conversation with its internal notes."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from grants.applications.models import Application
from grants.awards.models import Award
from grants.conversations.forms import StaffMessageForm
from grants.conversations.selectors import (
    STAFF,
    conversation_existing,
    messages_for,
    staff_inbox,
)
from grants.conversations.services import conversation_for, conversation_mark_read, message_post
from grants.errors import GrantError
from youthcities.accounts.roles import FINANCE, PROGRAMME_STAFF
from youthcities.admin_views import RoleView


class InboxView(RoleView):
    roles = (PROGRAMME_STAFF, FINANCE)
    template_name = "grants/admin/conversations.html"
    page_title = gettext_lazy("Conversations")
    header_icon = "mail"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        conversations = list(staff_inbox(self.request.user)[:200])
        context.update(
            conversations=conversations,
            unread_total=sum(c.unread or 0 for c in conversations),
        )
        return context


class ConversationView(RoleView):
    template_name = "grants/admin/conversation.html"
    page_title = gettext_lazy("Conversation")
    header_icon = "mail"

    @cached_property
    def about(self) -> dict:
        raise NotImplementedError

    def get_page_subtitle(self):
        return self.application.reference or self.application.title

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("grants_conversations_admin:inbox"), "label": _("Conversations")},
            {"url": "", "label": self.get_page_subtitle()},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        conversation = conversation_existing(**self.about)
        thread = list(messages_for(conversation, STAFF))
        if conversation is not None and self.request.method == "GET":
            conversation_mark_read(conversation=conversation, user=self.request.user)
        context.update(
            application=self.application,
            award=self.about.get("award"),
            thread=thread,
            form=kwargs.get("form") or StaffMessageForm(),
            closed=self.application.status == Application.Status.WITHDRAWN,
        )
        return context

    def post(self, request, *args, **kwargs):
        form = StaffMessageForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                message_post(
                    conversation=conversation_for(**self.about),
                    author=request.user,
                    body=form.cleaned_data["body"],
                    files=form.cleaned_data["files"],
                    internal=form.cleaned_data["internal"],
                    sensitive=form.cleaned_data["sensitive"],
                )
                messages.success(
                    request,
                    _("Your internal note is saved.")
                    if form.cleaned_data["internal"]
                    else _("Your message is sent."),
                )
                return redirect(request.path)
            except GrantError as error:
                form.add_error(None, error.message)
        return self.render_to_response(self.get_context_data(form=form), status=400)


class ApplicationConversationView(ConversationView):
    roles = (PROGRAMME_STAFF,)

    @cached_property
    def application(self):
        return get_object_or_404(Application.objects.select_related("call"), pk=self.kwargs["pk"])

    @cached_property
    def about(self):
        return {"application": self.application}


class AwardConversationView(ConversationView):
    roles = (PROGRAMME_STAFF, FINANCE)

    @cached_property
    def award(self):
        return get_object_or_404(
            Award.objects.select_related("application__call", "grantee"), pk=self.kwargs["pk"]
        )

    @cached_property
    def application(self):
        return self.award.application

    @cached_property
    def about(self):
        return {"award": self.award}


urlpatterns = [
    path("grants/conversations/", InboxView.as_view(), name="inbox"),
    path(
        "grants/applications/<int:pk>/conversation/",
        ApplicationConversationView.as_view(),
        name="application",
    ),
    path("grants/awards/<int:pk>/conversation/", AwardConversationView.as_view(), name="award"),
]
