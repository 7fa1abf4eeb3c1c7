"""Public call pages and the applicant's own pages: the list, a call, my applications,
withdrawing, and the permission-checked document download."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.files.storage import FileSystemStorage, storages
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from grants.applications.models import Application, Attachment
from grants.applications.selectors import (
    application_summary,
    application_timeline,
    application_visible_to,
    applications_of,
    document_names,
    is_on_the_team,
)
from grants.applications.services import application_withdraw
from grants.calls.eligibility import EligibilityCheckForm
from grants.calls.models import GrantCall
from grants.calls.selectors import calls_for_listing
from grants.errors import GrantError
from youthcities.accounts.selectors import can_participate
from youthcities.audit.services import audit_record


def call_list(request):
    return render(request, "grants/call_list.html", {"listing": calls_for_listing()})


def call_detail(request, slug):
    call = get_object_or_404(GrantCall.objects.prefetch_related("cities"), slug=slug)
    now = timezone.now()
    # "Can I apply?": a GET form, answered on this page; nothing is stored, no account needed.
    check = EligibilityCheckForm(request.GET if "check" in request.GET else None, call=call)
    return render(
        request,
        "grants/call_detail.html",
        {
            "check": check,
            "verdict": check.verdict() if check.is_valid() else None,
            "call": call,
            "now": now,
            "is_open": call.is_open(now),
            "is_upcoming": not call.has_opened(now),
            # Told here, before the wizard, why this person cannot apply yet and what to do.
            "participation": (
                can_participate(request.user, min_age=call.min_age, max_age=call.max_age)
                if request.user.is_authenticated
                else None
            ),
        },
    )


@login_required
def my_applications(request):
    return render(
        request,
        "grants/my_applications.html",
        {"applications": applications_of(request.user), "now": timezone.now()},
    )


@login_required
def application_read(request, pk):
    """A person's own application read back, as submitted (or as the draft stands): for the
    applicant and invited co-applicants; printable."""
    application = get_object_or_404(Application.objects.select_related("call", "city"), pk=pk)
    if not is_on_the_team(request.user, application):
        raise Http404
    return render(
        request,
        "grants/application_read.html",
        {
            "application": application,
            "summary": application_summary(application),
            "timeline": application_timeline(application),
        },
    )


@login_required
@require_POST
def withdraw(request, pk):
    application = get_object_or_404(Application, pk=pk, applicant=request.user)
    try:
        application_withdraw(application=application, user=request.user)
        messages.success(
            request,
            _("Application %(reference)s was withdrawn.") % {"reference": application.reference},
        )
    except GrantError as error:
        messages.error(request, error.message)
    return redirect("grants:my_applications")


@login_required
def document(request, token):
    """A document, only for those who may see its application: a short-lived presigned URL on
    S3, a download streamed from local storage otherwise."""
    attachment = get_object_or_404(
        Attachment.objects.select_related("application"), token=token, application__isnull=False
    )
    application = attachment.application
    if not application_visible_to(request.user, application):
        raise Http404
    filename = document_names(request.user, application)[attachment.pk]
    # Who read a private document is part of the trail.
    audit_record(actor=request.user, action="document.viewed", target=attachment)
    if isinstance(storages["private"], FileSystemStorage):
        return FileResponse(
            attachment.file.open("rb"),
            as_attachment=True,
            filename=filename,
            content_type=attachment.content_type,
        )
    disposition = content_disposition_header(as_attachment=True, filename=filename)
    return HttpResponseRedirect(
        attachment.file.storage.url(
            attachment.file.name, parameters={"ResponseContentDisposition": disposition}
        )
    )
