"""The hub's public and members' pages: search, membership, members' documents."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.files.storage import FileSystemStorage, storages
from django.db import transaction
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from cms.selectors import hub_search, resources_matching

from . import services
from .errors import HubError
from .forms import DocumentForm, HubSearchForm, MembershipForm
from .models import MemberDocument
from .selectors import (
    document_readable_by,
    documents_of,
    documents_search,
    is_member,
    membership_of,
)
from .tasks import extract_document_text


def search(request):
    """One search across campaigns, resources, members' documents (words inside them too),
    workshops and cities."""
    form = HubSearchForm(request.GET or None)
    filters = form.filters()
    member = is_member(request.user)
    searching = any((filters.query, filters.theme, filters.city, filters.region, filters.language))
    results = hub_search(filters, reader_language=request.LANGUAGE_CODE) if searching else None
    documents = documents_search(
        query=filters.query,
        theme=filters.theme,
        city=filters.city,
        region=filters.region,
        language=filters.language,
        member=member,
    )
    return render(
        request,
        "hub/search.html",
        {
            "form": form,
            "results": results,
            "documents": documents,
            "total": (results.total + len(documents)) if results is not None else None,
            "resources": None
            if searching
            else resources_matching(filters, reader_language=request.LANGUAGE_CODE),
            "member": member,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def apply(request):
    """Apply for membership: city, organisation, role and a short reason."""
    member = is_member(request.user)
    application = membership_of(request.user)
    form = MembershipForm(request.POST or None)
    if request.method == "POST" and not member and form.is_valid():
        try:
            services.membership_apply(user=request.user, **form.cleaned_data)
        except HubError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request,
                _("Thank you. The programme team will read your application and email you."),
            )
        return redirect("hub:apply")
    return render(
        request,
        "hub/apply.html",
        {"form": form, "member": member, "application": application},
        status=400 if request.method == "POST" else 200,
    )


@login_required
def my_documents(request):
    return render(
        request,
        "hub/my_documents.html",
        {"documents": documents_of(request.user), "member": is_member(request.user)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def upload(request):
    if not is_member(request.user):
        return render(request, "hub/members_only.html", status=403)
    form = DocumentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            document = services.document_upload(
                uploaded_by=request.user,
                upload=data.pop("file"),
                **data,
            )
        except HubError as error:
            form.add_error("file", error.message)
        except services.StorageUnavailable as error:
            form.add_error(None, error.message)
        else:
            transaction.on_commit(lambda pk=document.pk: extract_document_text.enqueue(pk))
            messages.success(
                request,
                _("Thank you. Your document waits for review; we will email you once it is read."),
            )
            return redirect("hub:my_documents")
    return render(
        request, "hub/upload.html", {"form": form}, status=400 if request.method == "POST" else 200
    )


def document_file(request, token):
    """A document's file, only for those who may read it: nothing tells a non-member more than
    the listing does (404, as for a document that does not exist)."""
    document = get_object_or_404(MemberDocument, token=token)
    if not document_readable_by(request.user, document):
        raise Http404
    if isinstance(storages["private"], FileSystemStorage):
        return FileResponse(
            document.file.open("rb"),
            as_attachment=True,
            filename=document.original_name,
            content_type=document.content_type,
        )
    disposition = content_disposition_header(as_attachment=True, filename=document.original_name)
    return HttpResponseRedirect(
        document.file.storage.url(
            document.file.name, parameters={"ResponseContentDisposition": disposition}
        )
    )
