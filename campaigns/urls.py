from django.urls import path

from . import views

app_name = "campaigns"

urlpatterns = [
    path("campaigns/<int:pk>/support/", views.support, name="support"),
    path("campaigns/<int:pk>/report/", views.report, name="report"),
    path("campaigns/confirm/<str:token>/", views.confirm, name="confirm"),
]
