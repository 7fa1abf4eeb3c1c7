"""Demo for "Your data" and the authors' safety: Nour (activist5@example.org) chose to hide her
name on one of her campaigns, which now reads "By Young Cities team"."""

from campaigns.models import CampaignPage
from campaigns.safety import campaign_hide_authors
from youthcities.accounts.models import User


def seed_privacy() -> None:
    author = User.objects.filter(email="activist5@example.org").first()
    if author is None:
        return
    campaign = CampaignPage.objects.live().filter(owner=author).order_by("pk").first()
    if campaign is None or campaign.byline == CampaignPage.Byline.TEAM:
        return  # seeded already: running twice changes nothing
    campaign_hide_authors(page=campaign, actor=author)
