"""Programme staff handle data requests that reach them another way (a letter, a phone call):
find the person, prepare their data, erase the account. Every step goes through the same
services as the person's own pages, and is audited."""

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.files.storage import FileSystemStorage, storages
from django.db.models import Q
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from youthcities.accounts.roles import PROGRAMME_STAFF
from youthcities.admin_views import RoleView, require_any_role
from youthcities.audit.services import audit_record
from youthcities.privacy.models import DataExport
from youthcities.privacy.selectors import data_summary, latest_export
from youthcities.privacy.services import (
    ErasureBlocked,
    PrivacyError,
    account_erase,
    data_export_request,
    erasure_blockers,
    pending_export,
)

RESULTS = 20


class StaffEraseForm(forms.Form):
    request_note = forms.CharField(
        label=gettext_lazy("How the person asked"),
        help_text=gettext_lazy(
            "e.g. “Letter of 3 March, identity checked by phone”. Kept in the audit trail."
        ),
        max_length=300,
    )
    unpublish_campaigns = forms.BooleanField(
        label=gettext_lazy("Also take down the campaigns they wrote"), required=False
    )
    confirm = forms.BooleanField(
        label=gettext_lazy("I checked who is asking; erase this account"), required=True
    )


class PeopleView(RoleView):
    roles = (PROGRAMME_STAFF,)
    template_name = "privacy/admin/people.html"
    page_title = gettext_lazy("Personal data requests")
    header_icon = "user"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.get("q", "").strip()
        people = []
        if len(query) >= 3:
            people = list(
                get_user_model()
                .objects.filter(
                    Q(email__icontains=query)
                    | Q(display_name__icontains=query)
                    | Q(legal_name__icontains=query),
                    erased_at__isnull=True,
                )
                .order_by("display_name")[:RESULTS]
            )
        context.update(query=query, people=people)
        return context


class PersonView(RoleView):
    roles = (PROGRAMME_STAFF,)
    template_name = "privacy/admin/person.html"
    page_title = gettext_lazy("Personal data")
    header_icon = "user"

    @cached_property
    def person(self):
        return get_object_or_404(get_user_model(), pk=self.kwargs["pk"], erased_at__isnull=True)

    def get_page_subtitle(self):
        return self.person.display_name

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("privacy_admin:people"), "label": _("Personal data requests")},
            {"url": "", "label": self.person.display_name},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            person=self.person,
            summary=data_summary(self.person),
            export=latest_export(self.person),
            blockers=erasure_blockers(self.person),
            export_running=pending_export(self.person) is not None,
            erase_form=kwargs.get("erase_form") or StaffEraseForm(),
        )
        return context

    def post(self, request, *args, **kwargs):
        person = self.person
        if "export" in request.POST:
            try:
                data_export_request(user=person, actor=request.user)
            except PrivacyError as error:
                messages.error(request, error.message)
            else:
                messages.success(request, _("Their data is being prepared."))
            return redirect(request.path)
        form = StaffEraseForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(erase_form=form), status=400)
        try:
            account_erase(
                user=person,
                actor=request.user,
                unpublish_campaigns=form.cleaned_data["unpublish_campaigns"],
                note=form.cleaned_data["request_note"],
            )
        except ErasureBlocked as error:
            for reason in error.reasons:
                messages.error(request, reason)
            return redirect(request.path)
        except PrivacyError as error:
            messages.error(request, error.message)
            return redirect(request.path)
        messages.success(request, _("The account is erased."))
        return redirect("privacy_admin:people")


def staff_download(request, pk):
    """Staff hand a person their data when they asked another way: audited."""
    require_any_role(request.user, (PROGRAMME_STAFF,))
    export = get_object_or_404(DataExport, pk=pk)
    if not export.is_available:
        raise Http404
    audit_record(
        actor=request.user,
        action="privacy.export_downloaded_by_staff",
        target=export,
        data={"person": export.user_id},
    )
    filename = f"young-cities-data-{export.user_id}-{export.created_at:%Y-%m-%d}.zip"
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


urlpatterns = [
    path("personal-data/", PeopleView.as_view(), name="people"),
    path("personal-data/<int:pk>/", PersonView.as_view(), name="person"),
    path("personal-data/downloads/<int:pk>/", staff_download, name="download"),
]
