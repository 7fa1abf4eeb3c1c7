"""The grants screens of the Wagtail admin beside its viewsets, each floor's under one of three
namespaces the templates and emails already use."""

from django.urls import include, path

from grants.applications import admin_views as applications
from grants.awards import admin_views as awards
from grants.conversations import admin_views as conversations
from grants.decisions import admin_views as decisions
from grants.payments import admin_views as payments
from grants.review import admin_views as review

urlpatterns = [
    path("", include(([*review.urlpatterns, *decisions.urlpatterns], "grants_review_admin"))),
    path("", include((applications.urlpatterns, "grants_links_admin"))),
    path("", include(([*awards.urlpatterns, *payments.urlpatterns], "grants_award_admin"))),
    path("", include((conversations.urlpatterns, "grants_conversations_admin"))),
]
