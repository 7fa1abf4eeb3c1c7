import pytest


@pytest.mark.parametrize(
    ("accept", "target"), [("fr-FR,fr;q=0.9", "/fr/"), ("ar", "/ar/"), ("de", "/en/"), ("", "/en/")]
)
def test_root_sends_visitors_to_their_browser_language(client, accept, target):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=accept)
    assert response.status_code == 302
    assert response["Location"] == target


@pytest.mark.parametrize(("code", "direction"), [("en", "ltr"), ("fr", "ltr"), ("ar", "rtl")])
def test_pages_declare_language_and_direction(client, demo, code, direction):
    body = client.get(f"/{code}/").content.decode()
    assert f'<html lang="{code}" dir="{direction}">' in body


def test_language_switcher_links_to_the_same_page(client, demo):
    body = client.get("/en/how-it-works/").content.decode()
    assert 'href="/fr/how-it-works/" hreflang="fr"' in body
    assert 'href="/ar/how-it-works/" hreflang="ar"' in body


def test_language_switcher_on_a_non_page_view_keeps_the_view(client, demo):
    body = client.get("/fr/account/login/").content.decode()
    assert 'href="/ar/account/login/"' in body


def test_unknown_language_prefix_is_a_404_in_the_visitors_language(client, demo):
    response = client.get("/xx/", HTTP_ACCEPT_LANGUAGE="fr", follow=True)
    assert response.status_code == 404
    body = response.content.decode()
    assert 'lang="fr"' in body
    assert "Nous n" in body  # "Nous n'avons pas trouvé cette page"


def test_missing_page_is_a_404_page_not_a_trace(client, demo):
    response = client.get("/ar/no-such-page/")
    assert response.status_code == 404
    assert 'dir="rtl"' in response.content.decode()
    assert "Traceback" not in response.content.decode()


def test_public_pages_send_a_strict_content_security_policy(client, demo):
    policy = client.get("/en/")["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";") if part.strip())
    assert directives["script-src"] == "'self'"
    assert "unsafe-inline" not in policy
    assert directives["object-src"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"


def test_public_pages_have_no_inline_script(client, demo):
    for url in ["/en/", "/ar/how-it-works/", "/fr/account/signup/", "/en/account/login/"]:
        body = client.get(url).content.decode()
        assert "<script" not in body, url


def test_switching_language_on_a_page_in_one_language_leads_to_its_list_not_home(client, demo):
    from campaigns.models import CampaignPage

    arabic_only = next(
        page
        for page in CampaignPage.objects.live().filter(locale__language_code="ar")
        if page.get_translations().live().count() == 0
    )
    body = client.get(arabic_only.url).content.decode()
    assert 'href="/en/campaigns/" hreflang="en"' in body
    assert 'href="/fr/campaigns/" hreflang="fr"' in body


def test_switching_language_keeps_the_search_and_the_form(client, demo):
    body = client.get("/en/hub/?q=mentoring").content.decode()
    assert 'href="/ar/hub/?q=mentoring" hreflang="ar"' in body
    from campaigns.models import CampaignPage

    campaign = CampaignPage.objects.live().filter(locale__language_code="en").first()
    body = client.get(f"/en/campaigns/{campaign.pk}/support/").content.decode()
    assert f'href="/fr/campaigns/{campaign.pk}/support/" hreflang="fr"' in body


@pytest.mark.parametrize(
    "email, reviews, admin",
    [
        ("reviewer@example.org", True, False),
        ("staff@example.org", False, True),
        ("moderator@example.org", False, True),
        ("applicant@example.org", False, True),  # an activist writes campaigns in the admin
        ("finance@example.org", False, True),
    ],
)
def test_the_header_shows_each_role_its_way_in(client, demo, email, reviews, admin):
    from youthcities.accounts.models import User

    client.force_login(User.objects.get(email=email))
    for language in ("en", "ar"):
        header = client.get(f"/{language}/grants/").content.decode().split("</header>")[0]
        assert (f'href="/{language}/review/"' in header) == reviews
        assert ('href="/admin/"' in header) == admin
