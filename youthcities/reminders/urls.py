from django.urls import path

from youthcities.reminders import views

app_name = "reminders"

urlpatterns = [
    path("my/reminders/", views.preferences, name="preferences"),
    path("my/calendar/renew/", views.calendar_renew, name="calendar_renew"),
    path("calendar/<str:token>.ics", views.calendar, name="calendar"),
]
