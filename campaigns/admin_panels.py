"""The activist's dashboard panel: "New campaign" as a clear button, one per language the
portal publishes campaigns in."""

from django.urls import reverse
from django.utils.translation import get_language, get_language_info
from wagtail.admin.ui.components import Component

from .selectors import campaign_indexes


class NewCampaignPanel(Component):
    name = "yc_new_campaign"
    template_name = "campaigns/admin/new_campaign_panel.html"
    order = 5

    def get_context_data(self, parent_context):
        current = get_language()
        indexes = sorted(campaign_indexes(), key=lambda i: i.locale.language_code != current)
        return {
            "indexes": [
                (
                    get_language_info(index.locale.language_code)["name_translated"],
                    index.locale.language_code,
                    reverse("wagtailadmin_pages:add", args=("campaigns", "campaignpage", index.pk)),
                )
                for index in indexes
            ]
        }
