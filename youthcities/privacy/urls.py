from django.urls import path

from . import views

app_name = "privacy"

urlpatterns = [
    path("data/", views.my_data, name="data"),
    path("data/download/", views.export_request, name="export_request"),
    path("data/download/<uuid:token>/", views.download, name="download"),
    path("delete/", views.account_delete, name="delete"),
]
