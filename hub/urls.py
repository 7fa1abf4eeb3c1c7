from django.urls import path

from . import views

app_name = "hub"

urlpatterns = [
    path("hub/", views.search, name="search"),
    path("hub/membership/", views.apply, name="apply"),
    path("hub/documents/new/", views.upload, name="upload"),
    path("hub/documents/<uuid:token>/file/", views.document_file, name="document_file"),
    path("my/hub-documents/", views.my_documents, name="my_documents"),
]
