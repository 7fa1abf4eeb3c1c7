"""Wagtail never sends a hash of a staff member's email to Gravatar."""

import pytest
from django.conf import settings

from tests.grants.review_helpers import make_staff


def test_gravatar_is_off():
    assert settings.WAGTAIL_GRAVATAR_PROVIDER_URL is None


@pytest.mark.django_db
def test_an_admin_page_shows_no_gravatar(client):
    client.force_login(make_staff())
    body = client.get("/admin/").content.decode()
    assert "gravatar" not in body.lower()
