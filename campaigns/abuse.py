"""A visitor's report of a campaign (hate, violence, private information...), the moderators'
queue. Not a grantee's progress report: that is grants.awards.models.Report."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class AbuseReport(models.Model):
    """A visitor's report of a campaign, or of the person who wrote it (harassed, threatened,
    exposed), waiting in the moderators' queue. Reports about an author come first."""

    class About(models.TextChoices):
        CAMPAIGN = "campaign", _("The campaign")
        AUTHOR = "author", _("The person who wrote it")

    class Reason(models.TextChoices):
        HATE = "hate", _("It spreads hate or discrimination")
        VIOLENCE = "violence", _("It encourages violence")
        PERSONAL = "personal", _("It exposes someone's private information")
        MISLEADING = "misleading", _("It is false or misleading")
        HARASSMENT = "harassment", _("Someone harasses or threatens its author")
        OTHER = "other", _("Something else")

    class Status(models.TextChoices):
        OPEN = "open", pgettext_lazy("abuse report", "Open")
        DISMISSED = "dismissed", _("Dismissed")
        UNPUBLISHED = "unpublished", _("Campaign unpublished")
        AUTHOR_HIDDEN = "author_hidden", _("Author's name hidden everywhere")

    page = models.ForeignKey(
        "campaigns.CampaignPage", on_delete=models.CASCADE, related_name="reports"
    )
    about = models.CharField(
        pgettext_lazy("abuse report", "about"),
        max_length=10,
        choices=About.choices,
        default=About.CAMPAIGN,
    )
    reason = models.CharField(_("reason"), max_length=20, choices=Reason.choices)
    details = models.TextField(_("details"), max_length=2000, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.OPEN)
    created_at = models.DateTimeField(auto_now_add=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    handled_at = models.DateTimeField(null=True, blank=True)
    resolution = models.TextField(_("reason given"), blank=True)

    class Meta:
        verbose_name = pgettext_lazy("abuse report", "report")
        ordering = ["created_at"]
        indexes = [models.Index(fields=["status", "created_at"])]
