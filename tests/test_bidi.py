"""#14 item 15: user-written text is isolated for bidirectional display. In an Arabic page an
English title ("Stories from our street.") must sit in an element of its own direction
(`dir="auto"` or `<bdi>`), or its full stop lands at the wrong end and the words around it
reorder. Every Arabic page of the permission matrix is read as a person allowed to see it, and
every place it shows a title or a name people typed is checked.

Not checked: the document's <title> (plain text by definition) and <option> (the browser lays out
each option by itself)."""

from html.parser import HTMLParser

import pytest

from tests.test_permission_matrix import RULES, build_world, client_for

PLAIN_TEXT = {"title", "option", "script", "style", "textarea"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}


class Isolation(HTMLParser):
    """Each text node with whether some element around it isolates its direction."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool]] = []
        self.texts: list[tuple[str, bool, str]] = []

    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            return
        attrs = dict(attrs)
        # The page's own direction (<html dir="rtl">) isolates nothing: it is what text in
        # another direction must be isolated from.
        isolates = tag == "bdi" or (tag != "html" and attrs.get("dir") in {"auto", "ltr", "rtl"})
        self.stack.append((tag, isolates))

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                return

    def handle_data(self, data):
        if data.strip() and not any(tag in PLAIN_TEXT for tag, _ in self.stack):
            isolated = any(isolates for _, isolates in self.stack)
            where = ">".join(tag for tag, _ in self.stack[-3:])
            self.texts.append((" ".join(data.split()), isolated, where))


def user_texts() -> set[str]:
    """Titles and names people typed, long enough not to be mistaken for interface words."""
    from campaigns.models import CampaignPage
    from grants.applications.models import Application
    from grants.calls.models import GrantCall
    from youthcities.accounts.models import User
    from youthcities.network.workshops.models import Commitment, Recommendation, Workshop

    values = set()
    for model, field in (
        (CampaignPage, "title"),
        (Application, "title"),
        *((GrantCall, f"title_{code}") for code in ("en", "fr", "ar")),
        *((Workshop, f"title_{code}") for code in ("en", "fr", "ar")),
        (Recommendation, "title"),
        (Commitment, "owner"),
        (User, "display_name"),
    ):
        values |= {v for v in model.objects.values_list(field, flat=True) if v and len(v) >= 8}
    return values


@pytest.fixture
def world(transactional_db, seeded_demo):
    seeded_demo.load()
    return build_world()


def test_user_text_is_isolated_on_every_arabic_page(world):
    values = user_texts()
    assert len(values) > 20, "the demo holds fewer titles than expected"
    wrong, read = set(), 0
    for _name, (allowed, template) in RULES.items():
        if not allowed or not template.startswith("/en/"):
            continue
        url = "/ar/" + template.format(**world["values"])[len("/en/") :]
        response = client_for(sorted(allowed)[0], world).get(url)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        read += 1
        parser = Isolation()
        parser.feed(response.content.decode())
        for text, isolated, where in parser.texts:
            if not isolated and any(value in text for value in values):
                wrong.add(f"{template} <{where}>: {text[:80]}")
    assert read > 40
    assert not wrong, f"{len(wrong)} unisolated:\n" + "\n".join(sorted(wrong))
