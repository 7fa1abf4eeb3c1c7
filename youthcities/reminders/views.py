"""A person's reminder choices and their calendar feed: the account page's section posts here;
the feed answers at a secret address (a wrong one is 404)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from youthcities.reminders.forms import ReminderChoicesForm
from youthcities.reminders.selectors import feed_owner, personal_calendar, reminder_choices_of
from youthcities.reminders.services import (
    NotOptional,
    calendar_feed_renew,
    reminder_preferences_set,
)


@login_required
@require_POST
def preferences(request):
    form = ReminderChoicesForm(request.POST, choices=reminder_choices_of(request.user))
    if form.is_valid():
        try:
            reminder_preferences_set(user=request.user, choices=form.cleaned_data)
            messages.success(request, _("Your reminder choices are saved."))
        except NotOptional as error:
            messages.error(request, error.message)
    else:
        messages.error(request, _("Choose one option for each kind of reminder."))
    return redirect("accounts:dashboard")


@login_required
@require_POST
def calendar_renew(request):
    calendar_feed_renew(user=request.user)
    messages.success(
        request,
        _("Your calendar has a new secret address; the old one no longer works."),
    )
    return redirect("accounts:dashboard")


def calendar(request, token):
    user = feed_owner(token)
    if user is None:
        raise Http404
    body = personal_calendar(user, title=_("My Young Cities deadlines"))
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response
