from django import template
from django.urls import reverse

from youthcities.reminders.forms import ReminderChoicesForm
from youthcities.reminders.models import CalendarFeed
from youthcities.reminders.selectors import reminder_choices_of

register = template.Library()


@register.inclusion_tag("reminders/_account_section.html", takes_context=True)
def reminder_settings(context):
    request = context["request"]
    user = request.user
    feed = CalendarFeed.objects.filter(user=user).first()
    return {
        "csrf_token": context.get("csrf_token"),
        "form": ReminderChoicesForm(choices=reminder_choices_of(user)),
        "feed_url": (
            request.build_absolute_uri(reverse("reminders:calendar", args=[feed.token]))
            if feed
            else ""
        ),
    }
