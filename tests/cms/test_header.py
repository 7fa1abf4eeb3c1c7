"""The header: on a phone one "Menu" disclosure that needs no JavaScript; on a wider screen the
same items in a row, the account links beside the languages. Both show every item of the one
menu template."""

import re

import pytest

pytestmark = pytest.mark.django_db


def test_the_phone_menu_is_a_details_disclosure_holding_the_whole_menu(client, index):
    body = client.get("/en/campaigns/").content.decode()

    disclosure = re.search(r'<details class="site-menu">(.*?)</details>', body, re.S)
    assert disclosure, "the phone's menu is a <details> element"
    inside = disclosure.group(1)
    assert re.search(r'<summary class="site-menu__toggle">.*Menu</summary>', inside)
    account = body[body.index("site-header__account") :].split("<details")[0]
    row = body[body.index('<div class="wrap site-header__nav">') :].split("</header>")[0]
    for item in ("Innovation grants", "Labs and workshops", "Cities"):
        assert item in inside and item in row
    for item in ("Log in", "Join"):
        assert item in inside and item in account
    assert "<script" not in body.split("</header>")[0]
