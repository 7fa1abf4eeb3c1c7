from django.urls import path

from . import views
from .introductions import views as introductions
from .profiles import views as profiles

app_name = "hub"

urlpatterns = [
    path("hub/", views.search, name="search"),
    path("hub/membership/", views.apply, name="apply"),
    path("hub/documents/new/", views.upload, name="upload"),
    path("hub/documents/<uuid:token>/file/", views.document_file, name="document_file"),
    path("my/hub-documents/", views.my_documents, name="my_documents"),
    path("hub/cities/<slug:slug>/put-me-in-touch/", introductions.ask, name="introduction_ask"),
    path(
        "hub/initiatives/<str:kind>/<int:pk>/put-me-in-touch/",
        introductions.ask_about,
        name="introduction_ask_initiative",
    ),
    path("my/hub-contact/", introductions.contact, name="contact"),
    path("hub/introductions/<uuid:token>/", introductions.answer, name="introduction_answer"),
    path("hub/introductions/<int:pk>/outcome/", introductions.outcome, name="introduction_outcome"),
    path("my/introductions/", introductions.mine, name="my_introductions"),
    path("hub/cities/", profiles.find_cities, name="find_cities"),
    path("hub/cities/<slug:slug>/profile/", profiles.edit, name="profile_edit"),
]
