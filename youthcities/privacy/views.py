from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.files.storage import FileSystemStorage, storages
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from youthcities.audit.services import audit_record
from youthcities.privacy.forms import AccountDeleteForm
from youthcities.privacy.models import DataExport
from youthcities.privacy.registry import kinds
from youthcities.privacy.selectors import data_summary, latest_export
from youthcities.privacy.services import (
    ErasureBlocked,
    PrivacyError,
    account_erase,
    data_export_request,
    erasure_blockers,
    pending_export,
)


@login_required
def my_data(request):
    return render(
        request,
        "privacy/my_data.html",
        {"summary": data_summary(request.user), "export": latest_export(request.user)},
    )


@login_required
@require_POST
def export_request(request):
    try:
        data_export_request(user=request.user, actor=request.user)
    except PrivacyError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("We are preparing your data. We will email you a link when it is ready."),
        )
    return redirect("privacy:data")


@login_required
def download(request, token):
    """The emailed link: only for its owner, only for 24 hours."""
    export = DataExport.objects.filter(token=token, user=request.user).first()
    if export is None:
        raise Http404
    if not export.is_available:
        return render(request, "privacy/download_expired.html", status=410)
    audit_record(actor=request.user, action="privacy.export_downloaded", target=export)
    filename = f"young-cities-data-{export.created_at:%Y-%m-%d}.zip"
    if isinstance(storages["private"], FileSystemStorage):
        return FileResponse(
            export.file.open("rb"),
            as_attachment=True,
            filename=filename,
            content_type="application/zip",
        )
    disposition = content_disposition_header(as_attachment=True, filename=filename)
    return HttpResponseRedirect(
        export.file.storage.url(
            export.file.name, parameters={"ResponseContentDisposition": disposition}
        )
    )


@login_required
def account_delete(request):
    """What goes and what stays, then the erasure itself (a POST with the password)."""
    user = request.user
    form = AccountDeleteForm(request.POST or None, user=user)
    reasons, status = [], 200
    if request.method == "POST" and form.is_valid():
        try:
            account_erase(
                user=user,
                actor=user,
                unpublish_campaigns=form.cleaned_data["unpublish_campaigns"],
            )
        except ErasureBlocked as error:
            reasons, status = error.reasons, 409
        except PrivacyError as error:
            form.add_error(None, error.message)
            status = 409
        else:
            logout(request)
            return render(request, "privacy/account_deleted.html")
    elif request.method == "POST":
        status = 400
    return render(
        request,
        "privacy/account_delete.html",
        {
            "form": form,
            "kinds": kinds(),
            "blockers": reasons or erasure_blockers(user),
            "export_running": pending_export(user) is not None,
        },
        status=status,
    )
