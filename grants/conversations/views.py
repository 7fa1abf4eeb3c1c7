"""The applicant team's side of a conversation on the public site (an application's, an
award's), the files sent in conversations, and the reviewers' discussion. Anyone not on the
team gets 404, reviewers included."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.files.storage import FileSystemStorage, storages
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

from grants.applications.models import Application
from grants.awards.models import Award
from grants.conversations.forms import DiscussionForm, MessageForm
from grants.conversations.models import MessageFile
from grants.conversations.selectors import (
    STAFF,
    TEAM,
    conversation_existing,
    discussion_open_to,
    messages_for,
    reviewer_discussion,
    side_on,
    side_on_application,
    side_on_award,
)
from grants.conversations.services import (
    conversation_for,
    conversation_mark_read,
    message_post,
    reviewer_comment_post,
)
from grants.errors import GrantError
from grants.review.selectors import assignment_for


def _thread(request, *, application, award, back, here):
    """GET: the messages, marked read. POST: a new message, then back here."""
    about = {"award": award} if award is not None else {"application": application}
    form = MessageForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                message_post(
                    conversation=conversation_for(**about),
                    author=request.user,
                    body=form.cleaned_data["body"],
                    files=form.cleaned_data["files"],
                )
                messages.success(request, _("Your message is sent."))
                return redirect(here)
            except GrantError as error:
                form.add_error(None, error.message)
        status = 400
    conversation = conversation_existing(**about)
    thread = list(messages_for(conversation, TEAM))
    if conversation is not None and request.method == "GET":
        conversation_mark_read(conversation=conversation, user=request.user)
    return render(
        request,
        "grants/conversation.html",
        {
            "application": application,
            "award": award,
            "thread": thread,
            "form": form,
            "back": back,
            "closed": application.status == Application.Status.WITHDRAWN,
        },
        status=status,
    )


@login_required
def application_conversation(request, pk):
    application = get_object_or_404(Application.objects.select_related("call"), pk=pk)
    if side_on_application(request.user, application) != TEAM:
        raise Http404
    return _thread(
        request,
        application=application,
        award=None,
        back=("grants:application", application.pk),
        here=request.path,
    )


@login_required
def award_conversation(request, pk):
    award = get_object_or_404(Award.objects.select_related("application__call"), pk=pk)
    if side_on_award(request.user, award) != TEAM:
        raise Http404
    return _thread(
        request,
        application=award.application,
        award=award,
        back=("grants:award", award.pk),
        here=request.path,
    )


@login_required
def message_file(request, token):
    """A file sent in a conversation, for those who see its message: a short-lived presigned URL
    on S3, a download streamed from local storage otherwise."""
    attached = get_object_or_404(
        MessageFile.objects.select_related(
            "message__conversation__application", "message__conversation__award"
        ),
        token=token,
    )
    message = attached.message
    side = side_on(request.user, message.conversation)
    if side is None or (message.internal and side != STAFF):
        raise Http404
    if isinstance(storages["private"], FileSystemStorage):
        return FileResponse(
            attached.file.open("rb"),
            as_attachment=True,
            filename=attached.original_name,
            content_type=attached.content_type,
        )
    disposition = content_disposition_header(as_attachment=True, filename=attached.original_name)
    return HttpResponseRedirect(
        attached.file.storage.url(
            attached.file.name, parameters={"ResponseContentDisposition": disposition}
        )
    )


@login_required
def discussion(request, pk):
    """The reviewers' discussion of an assignment's application, once the reviewer submitted."""
    assignment = assignment_for(request.user, pk)
    if assignment is None or not discussion_open_to(request.user, assignment.application):
        raise Http404
    application = assignment.application
    form = DiscussionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            reviewer_comment_post(
                application=application, author=request.user, body=form.cleaned_data["body"]
            )
            messages.success(request, _("Your comment is posted."))
            return redirect("grants:discussion", pk=assignment.pk)
        except GrantError as error:
            form.add_error(None, error.message)
    return render(
        request,
        "grants/review/discussion.html",
        {
            "assignment": assignment,
            "application": application,
            "discussion": reviewer_discussion(application),
            "form": form,
        },
        status=400 if form.errors else 200,
    )
