from django.urls import path

from grants.applications import views
from grants.applications.wizard import ApplicationWizard
from grants.awards import views as award_views
from grants.conversations import views as conversation_views

app_name = "grants"

apply = ApplicationWizard.as_view(url_name="grants:apply_step", done_step_name="submit")

urlpatterns = [
    path("grants/", views.call_list, name="call_list"),
    path("grants/<slug:slug>/", views.call_detail, name="call_detail"),
    path("grants/<slug:slug>/apply/", apply, name="apply"),
    path("grants/<slug:slug>/apply/<str:step>/", apply, name="apply_step"),
    path("my/applications/", views.my_applications, name="my_applications"),
    path("my/applications/<int:pk>/", views.application_read, name="application"),
    path("my/applications/<int:pk>/withdraw/", views.withdraw, name="withdraw"),
    path("my/documents/<uuid:token>/", views.document, name="document"),
    path(
        "my/applications/<int:pk>/messages/",
        conversation_views.application_conversation,
        name="conversation",
    ),
    path(
        "my/awards/<int:pk>/messages/",
        conversation_views.award_conversation,
        name="award_conversation",
    ),
    path("my/message-files/<uuid:token>/", conversation_views.message_file, name="message_file"),
    path("review/<int:pk>/discussion/", conversation_views.discussion, name="discussion"),
    path("my/awards/<int:pk>/", award_views.award_detail, name="award"),
    path("my/awards/<int:pk>/accept/", award_views.award_accept, name="award_accept"),
    path("my/awards/<int:pk>/reports/<int:report_pk>/", award_views.report_form, name="report"),
    path("my/awards/<int:pk>/stripe/", award_views.stripe_onboard, name="stripe_onboard"),
    path("my/awards/<int:pk>/stripe/return/", award_views.stripe_return, name="stripe_return"),
    path("my/awards/<int:pk>/stripe/refresh/", award_views.stripe_refresh, name="stripe_refresh"),
]
