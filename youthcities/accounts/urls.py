from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("my/", views.dashboard, name="dashboard"),
    path("my/profile/", views.profile_edit, name="profile_edit"),
    path("my/guardian/resend/", views.guardian_resend, name="guardian_resend"),
    path("guardian/withdraw/<str:token>/", views.guardian_withdraw, name="guardian_withdraw"),
    path("guardian/<str:token>/", views.guardian_confirm, name="guardian_confirm"),
]
