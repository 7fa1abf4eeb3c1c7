"""The RSS feed of the campaign index."""

from django.contrib.syndication.views import Feed
from django.utils.translation import gettext as _

FEED_SIZE = 30


class CampaignFeed(Feed):
    """The newest campaigns in the reader's language first, as RSS. The index page serves it and
    hands it the campaigns, newest first: this module imports no model."""

    def __init__(self, index, campaigns):
        super().__init__()
        self.index = index
        self.campaigns = campaigns

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def title(self):
        return _("Young Cities campaigns")

    def link(self):
        return self.index.url

    def description(self):
        return _("Counter-narrative campaigns by young people in the Young Cities network.")

    def items(self):
        return self.campaigns[:FEED_SIZE]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return item.url

    def item_pubdate(self, item):
        return item.first_published_at
