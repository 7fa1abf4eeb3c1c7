from django.urls import path

from . import views
from .wizard import ApplicationWizard

app_name = "grants"

apply = ApplicationWizard.as_view(url_name="grants:apply_step", done_step_name="submit")

urlpatterns = [
    path("grants/", views.call_list, name="call_list"),
    path("grants/<slug:slug>/", views.call_detail, name="call_detail"),
    path("grants/<slug:slug>/apply/", apply, name="apply"),
    path("grants/<slug:slug>/apply/<str:step>/", apply, name="apply_step"),
    path("my/applications/", views.my_applications, name="my_applications"),
    path("my/applications/<int:pk>/withdraw/", views.withdraw, name="withdraw"),
    path("my/documents/<int:pk>/", views.document, name="document"),
]
