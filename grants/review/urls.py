"""The reviewer's own pages: their assignments, the declaration and the scoring form."""

from django.urls import path

from grants.review import views as review_views

app_name = "grants_review"

urlpatterns = [
    path("review/", review_views.dashboard, name="dashboard"),
    path("review/<int:pk>/", review_views.assignment_detail, name="assignment"),
    path("review/<int:pk>/declare/", review_views.declare, name="declare"),
]
