"""Programme staff's participants screen for a workshop: invite municipal decision makers and
record attendance per day."""

import datetime

from django import forms
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from youthcities.accounts.roles import MUNICIPAL, PROGRAMME_STAFF
from youthcities.accounts.selectors import users_with_role
from youthcities.admin_views import RoleView
from youthcities.network.workshops.models import Registration, Workshop
from youthcities.network.workshops.services import (
    NetworkError,
    attendance_set,
    municipal_invite,
)


class InviteForm(forms.Form):
    user = forms.ModelChoiceField(label=gettext_lazy("Municipal decision maker"), queryset=None)

    def __init__(self, *args, workshop, **kwargs):
        super().__init__(*args, **kwargs)
        invited = Registration.objects.filter(workshop=workshop).values("user")
        self.fields["user"].queryset = (
            users_with_role(MUNICIPAL).exclude(pk__in=invited).order_by("display_name")
        )
        self.fields["user"].label_from_instance = lambda user: user.display_name


class ParticipantsView(RoleView):
    roles = (PROGRAMME_STAFF,)
    template_name = "network/admin/participants.html"
    page_title = gettext_lazy("Participants")
    header_icon = "group"

    @cached_property
    def workshop(self) -> Workshop:
        return get_object_or_404(Workshop, pk=self.kwargs["pk"])

    def get_page_subtitle(self):
        return self.workshop.title

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("network_workshops:index"), "label": _("Workshops")},
            {
                "url": reverse("network_workshops:edit", args=[self.workshop.pk]),
                "label": str(self.workshop.title),
            },
            {"url": "", "label": self.get_page_title()},
        ]

    def days(self) -> list[datetime.date]:
        start, end = self.workshop.starts_on, self.workshop.ends_on
        return [start + datetime.timedelta(days=n) for n in range((end - start).days + 1)]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        registrations = (
            Registration.objects.filter(
                workshop=self.workshop, status=Registration.Status.REGISTERED
            )
            .select_related("user")
            .prefetch_related("attendance")
            .order_by("role", "user__display_name")
        )
        days = self.days()
        context.update(
            workshop=self.workshop,
            days=days,
            rows=[(registration, _ticks(registration, days)) for registration in registrations],
            invite_form=kwargs.get("invite_form") or InviteForm(workshop=self.workshop),
            waiting=Registration.objects.filter(
                workshop=self.workshop, status=Registration.Status.WAITING
            ).count(),
        )
        return context

    def post(self, request, *args, **kwargs):
        if "invite" in request.POST:
            form = InviteForm(request.POST, workshop=self.workshop)
            if not form.is_valid():
                return self.render_to_response(self.get_context_data(invite_form=form))
            municipal_invite(
                workshop=self.workshop, user=form.cleaned_data["user"], actor=request.user
            )
            messages.success(
                request,
                _("%(name)s is invited.") % {"name": form.cleaned_data["user"].display_name},
            )
            return redirect(request.path)
        days = self.days()
        try:
            for registration in Registration.objects.filter(
                workshop=self.workshop, status=Registration.Status.REGISTERED
            ):
                ticked = [day for day in days if _box(registration, day) in request.POST]
                attendance_set(registration=registration, days=ticked, actor=request.user)
        except NetworkError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Attendance saved."))
        return redirect(request.path)


def _box(registration, day) -> str:
    return f"attended-{registration.pk}-{day.isoformat()}"


def _ticks(registration, days) -> list[tuple[str, datetime.date, bool]]:
    attended = {attendance.day for attendance in registration.attendance.all()}
    return [(_box(registration, day), day, day in attended) for day in days]


urlpatterns = [
    path(
        "network/workshops/<int:pk>/participants/", ParticipantsView.as_view(), name="participants"
    ),
]
