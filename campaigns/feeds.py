from django.contrib.syndication.views import Feed
from django.utils.translation import gettext as _

from .selectors import campaigns_listing

FEED_SIZE = 30


class CampaignFeed(Feed):
    """The newest campaigns in the reader's language first, as RSS."""

    def __init__(self, index):
        super().__init__()
        self.index = index

    def __call__(self, request, *args, **kwargs):
        self.language = request.LANGUAGE_CODE
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def title(self):
        return _("Young Cities campaigns")

    def link(self):
        return self.index.url

    def description(self):
        return _("Counter-narrative campaigns by young people in the Young Cities network.")

    def items(self):
        return campaigns_listing(language=self.language)[:FEED_SIZE]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return item.url

    def item_pubdate(self, item):
        return item.first_published_at
