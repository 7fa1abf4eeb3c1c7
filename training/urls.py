from django.urls import path

from . import views

app_name = "training"

urlpatterns = [
    path("my/training/", views.my_training, name="my_training"),
    path(
        "my/training/<int:page_id>/lessons/<str:lesson_id>/done/",
        views.lesson_done,
        name="lesson_done",
    ),
    path("my/training/<int:page_id>/quiz/", views.quiz_submit, name="quiz_submit"),
    path("certificates/<uuid:token>/", views.certificate, name="certificate"),
    path(
        "my/training/certificates/<uuid:token>/pdf/", views.certificate_pdf, name="certificate_pdf"
    ),
]
