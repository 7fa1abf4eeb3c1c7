from wagtail.models import PageViewRestriction

from cms.models import HomePage, NavigationSettings
from tests.factories.accounts import UserFactory


def test_anonymous_page_is_served_from_cache_without_queries(
    client, demo, django_assert_num_queries
):
    first = client.get("/en/")
    assert first.status_code == 200
    with django_assert_num_queries(0):
        second = client.get("/en/")
    assert second.status_code == 200
    assert second.content == first.content
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]


def test_cached_pages_differ_per_language(client, demo):
    client.get("/en/")
    assert 'lang="ar"' in client.get("/ar/").content.decode()


def test_publishing_a_page_purges_the_cache(client, demo, django_assert_num_queries):
    client.get("/en/")
    home = HomePage.objects.get(locale__language_code="en")
    home.hero_heading = "A brand new heading"
    home.save_revision().publish()
    assert "A brand new heading" in client.get("/en/").content.decode()


def test_changing_the_menu_purges_the_cache(client, demo):
    client.get("/en/")
    NavigationSettings.objects.get().links.all().delete()
    assert (
        "how-it-works"
        not in client.get("/en/").content.decode().split("main-menu")[1].split("</nav>")[0]
    )


def test_logged_in_visitors_never_get_the_anonymous_copy(client, demo):
    client.get("/en/")
    client.force_login(UserFactory(display_name="Rania"))
    body = client.get("/en/").content.decode()
    assert "My account" in body
    assert "Log in" not in body


def test_logged_in_pages_are_not_stored_for_anonymous_visitors(client, demo):
    client.force_login(UserFactory())
    client.get("/en/")
    client.logout()
    client.cookies.clear()
    assert "My account" not in client.get("/en/").content.decode()


def test_restricted_pages_are_not_cached(client, demo, django_assert_max_num_queries):
    home = HomePage.objects.get(locale__language_code="en")
    about = home.get_children().get(slug="how-it-works")
    PageViewRestriction.objects.create(page=about, restriction_type="login")
    assert client.get("/en/how-it-works/").status_code == 302
    assert client.get("/en/how-it-works/").status_code == 302


def test_query_strings_bypass_the_cache(client, demo, django_assert_max_num_queries):
    client.get("/en/?a=1")
    with django_assert_max_num_queries(50) as captured:
        client.get("/en/?a=1")
    assert len(captured.captured_queries) > 0


def test_a_purge_in_another_process_is_seen_within_the_check_interval(
    client, demo, settings, monkeypatch
):
    from django.core.cache import caches

    from youthcities import pagecache

    settings.PAGE_CACHE_GENERATION_CHECK_SECONDS = 1
    clock = [1000.0]
    monkeypatch.setattr(pagecache.time, "monotonic", lambda: clock[0])
    pagecache._generation.forget()
    client.get("/en/")
    home = HomePage.objects.get(locale__language_code="en")
    home.hero_heading = "Published elsewhere"
    home.save()  # a change this process's cache has not heard of ...
    caches["pages"].incr(pagecache.GENERATION_KEY)  # ... purged by another process
    assert "Published elsewhere" not in client.get("/en/").content.decode()
    clock[0] += 1.0
    assert "Published elsewhere" in client.get("/en/").content.decode()
