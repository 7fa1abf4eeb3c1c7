from django.urls import path

from youthcities.network.follows import views as follow_views
from youthcities.network.workshops import views

app_name = "network"

urlpatterns = [
    path("workshops/", views.workshop_list, name="workshops"),
    path("workshops/calendar.ics", views.calendar, name="calendar"),
    path("workshops/<slug:slug>/", views.workshop_detail, name="workshop"),
    path("workshops/<slug:slug>/register/", views.register, name="register"),
    path("workshops/<slug:slug>/cancel/", views.cancel, name="cancel"),
    path("workshops/<slug:slug>/recommend/", views.recommend, name="recommend"),
    path("recommendations/<int:pk>/answer/", views.answer, name="answer"),
    path("my/answers/", views.waiting_answers, name="waiting_answers"),
    path("commitments/<int:pk>/progress/", views.progress, name="progress"),
    path("cities/<slug:slug>/calendar.ics", views.city_calendar, name="city_calendar"),
    path("follow/<str:kind>/<int:pk>/", follow_views.follow, name="follow"),
    path("unfollow/<str:kind>/<int:pk>/", follow_views.unfollow, name="unfollow"),
    path("my/notifications/", follow_views.notifications, name="notifications"),
    path("digest/unsubscribe/<str:token>/", follow_views.unsubscribe, name="unsubscribe"),
]
