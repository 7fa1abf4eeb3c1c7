from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.files.storage import FileSystemStorage, storages
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .errors import GrantError
from .models import Application, Attachment, GrantCall
from .selectors import application_visible_to, applications_of, calls_for_listing
from .services import application_withdraw


def call_list(request):
    return render(request, "grants/call_list.html", {"listing": calls_for_listing()})


def call_detail(request, slug):
    call = get_object_or_404(GrantCall.objects.prefetch_related("cities"), slug=slug)
    now = timezone.now()
    return render(
        request,
        "grants/call_detail.html",
        {
            "call": call,
            "now": now,
            "is_open": call.is_open(now),
            "is_upcoming": now < call.opens_at,
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
def document(request, pk):
    """A document, only for those who may see its application: a short-lived presigned URL on
    S3, a download streamed from local storage otherwise."""
    attachment = get_object_or_404(
        Attachment.objects.select_related("application"), pk=pk, application__isnull=False
    )
    if not application_visible_to(request.user, attachment.application):
        raise Http404
    if isinstance(storages["private"], FileSystemStorage):
        return FileResponse(
            attachment.file.open("rb"),
            as_attachment=True,
            filename=attachment.original_name,
            content_type=attachment.content_type,
        )
    return HttpResponseRedirect(attachment.file.url)


# --- Staff screens in the Wagtail admin -------------------------------------------------------

import django_filters  # noqa: E402
from django.utils.translation import gettext_lazy  # noqa: E402
from wagtail.admin.filters import WagtailFilterSet  # noqa: E402
from wagtail.admin.panels import (  # noqa: E402
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
)
from wagtail.admin.views.generic import IndexView  # noqa: E402
from wagtail.admin.viewsets.base import ViewSetGroup  # noqa: E402
from wagtail.admin.viewsets.model import ModelViewSet  # noqa: E402

from youthcities.network.themes import Theme  # noqa: E402

from .models import GroupKind  # noqa: E402


def _choices_widget(choices):
    from .forms import JSONChoicesWidget

    return JSONChoicesWidget(choices=choices.choices)


class GrantCallViewSet(ModelViewSet):
    model = GrantCall
    icon = "form"
    menu_label = gettext_lazy("Calls")
    url_prefix = "grants/calls"
    url_namespace = "grants_calls"
    list_display = ["title_en", "opens_at", "closes_at", "currency", "max_amount"]
    search_fields = ["title_en", "title_fr", "title_ar", "slug"]
    search_backend_name = None
    panels = [
        MultiFieldPanel(
            [
                FieldPanel("title_en"),
                FieldPanel("title_fr"),
                FieldPanel("title_ar"),
                FieldPanel("slug"),
            ],
            heading=gettext_lazy("Title"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("description_en"),
                FieldPanel("description_fr"),
                FieldPanel("description_ar"),
            ],
            heading=gettext_lazy("Description"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")]),
                FieldPanel("timezone"),
            ],
            heading=gettext_lazy("Dates"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("cities"),
                FieldRowPanel([FieldPanel("min_age"), FieldPanel("max_age")]),
                FieldPanel("group_kinds", widget=_choices_widget(GroupKind)),
                FieldPanel("themes", widget=_choices_widget(Theme)),
            ],
            heading=gettext_lazy("Eligibility"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("currency"), FieldPanel("max_amount")]),
                FieldPanel("blind_review"),
            ],
            heading=gettext_lazy("Money and review"),
        ),
        InlinePanel(
            "criteria",
            heading=gettext_lazy("Rubric"),
            label=gettext_lazy("Criterion"),
            panels=[
                FieldRowPanel(
                    [FieldPanel("name_en"), FieldPanel("name_fr"), FieldPanel("name_ar")]
                ),
                FieldPanel("guidance_en"),
                FieldPanel("guidance_fr"),
                FieldPanel("guidance_ar"),
                FieldRowPanel(
                    [FieldPanel("weight"), FieldPanel("scale_min"), FieldPanel("scale_max")]
                ),
                FieldPanel("allow_not_applicable"),
            ],
        ),
    ]


class ApplicationFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(choices=Application.Status.choices)
    theme = django_filters.ChoiceFilter(choices=Theme.choices)

    class Meta:
        model = Application
        fields = ["call", "status", "city", "theme"]


class ApplicationIndexView(IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("call", "city", "applicant")


class ApplicationViewSet(ModelViewSet):
    """Staff see every application per call, filter, search and export them."""

    model = Application
    icon = "doc-full"
    menu_label = gettext_lazy("Applications")
    url_prefix = "grants/applications"
    url_namespace = "grants_applications"
    index_view_class = ApplicationIndexView
    list_display = ["reference", "title", "call", "city", "theme", "status", "submitted_at"]
    list_export = [
        "reference",
        "title",
        "call",
        "city",
        "theme",
        "status",
        "group_name",
        "submitted_at",
    ]
    export_filename = "applications"
    filterset_class = ApplicationFilterSet
    search_fields = ["reference", "title", "group_name"]
    search_backend_name = None
    inspect_view_enabled = True
    inspect_view_fields = [
        "reference", "status", "call", "city", "group_kind", "theme", "group_name",
        "organisation_name", "member_count", "lead_role", "title", "summary", "problem",
        "audience", "activities", "timeline", "submitted_at",
    ]  # fmt: skip
    form_fields = ["status"]


class GrantsViewSetGroup(ViewSetGroup):
    menu_label = gettext_lazy("Grants")
    menu_icon = "form"
    items = (GrantCallViewSet, ApplicationViewSet)
