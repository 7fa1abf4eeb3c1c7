"""Campaign pages, what their authors record of them, and what the public does with them."""

from django import forms
from django.conf import settings
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from youthcities.network.models import ServesTheCity
from youthcities.network.themes import Theme

from .blocks import CampaignStreamBlock

PER_PAGE = 12


class ThemesField(models.CharField):
    """A few theme codes in one column, stored as ",code,code," so that one theme is found with a
    plain `contains` on SQLite and PostgreSQL alike."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 200)
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)

    def from_db_value(self, value, expression, connection):
        return self.to_python(value)

    def to_python(self, value):
        if isinstance(value, list):
            return value
        return [code for code in (value or "").split(",") if code]

    def get_prep_value(self, value):
        codes = self.to_python(value)
        return f",{','.join(codes)}," if codes else ""

    def value_to_string(self, obj):
        return self.get_prep_value(self.value_from_object(obj))

    def formfield(self, **kwargs):
        return forms.TypedMultipleChoiceField(
            choices=Theme.choices,
            required=not self.blank,
            label=capfirst(self.verbose_name),
            help_text=self.help_text,
            widget=forms.CheckboxSelectMultiple,
        )

    def validate(self, value, model_instance):
        unknown = set(value) - set(Theme.values)
        if unknown:
            raise forms.ValidationError(_("Unknown theme."))


class CampaignIndexPage(RoutablePageMixin, Page):
    """/<lang>/campaigns/: every published campaign of the network, with filters and a feed."""

    introduction = models.TextField(_("introduction"), max_length=600, blank=True)

    content_panels = Page.content_panels + [FieldPanel("introduction")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["campaigns.CampaignPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("campaign index")

    def permissions_for_user(self, user):
        from .permissions import CampaignIndexPermissionTester

        return CampaignIndexPermissionTester(user, self)

    @path("")
    def listing(self, request):
        from .forms import CampaignFilterForm
        from .selectors import campaigns_listing, campaigns_reach

        filters = CampaignFilterForm(request.GET or None)
        campaigns = campaigns_listing(
            language=request.LANGUAGE_CODE, **(filters.cleaned() if filters.is_bound else {})
        )
        paginator = Paginator(campaigns, PER_PAGE)
        page_obj = paginator.get_page(request.GET.get("page"))
        return self.render(
            request,
            context_overrides={
                "filters": filters,
                "page_obj": page_obj,
                "campaigns": page_obj.object_list,
                "totals": campaigns_reach(language=request.LANGUAGE_CODE),
                "query_string": filters.query_string(),
            },
        )

    @path("feed/")
    def feed(self, request):
        from .feeds import CampaignFeed

        return CampaignFeed(self)(request)


class CampaignPage(ServesTheCity, Page):
    """One counter-narrative campaign. Authors are shown by display name only."""

    summary = models.TextField(_("summary"), max_length=300)
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("hero image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hero_alt_text = models.CharField(
        _("hero image description"),
        max_length=250,
        blank=True,
        help_text=_("Describe the image for people who cannot see it."),
    )
    city = models.ForeignKey(
        "network.City",
        verbose_name=_("city"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="campaigns",
    )
    themes = ThemesField(_("themes"))
    body = StreamField(CampaignStreamBlock(), verbose_name=_("campaign"), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        MultiFieldPanel(
            [FieldPanel("hero_image"), FieldPanel("hero_alt_text")], heading=_("Hero image")
        ),
        # A plain list of cities: quicker on a phone than a chooser.
        FieldPanel("city", widget=forms.Select),
        FieldPanel("themes"),
        MultiFieldPanel(
            [
                FieldPanel("workshop", widget=forms.Select),
                FieldPanel("serves", widget=forms.Select),
            ],
            heading=_("Links"),
        ),
        FieldPanel("body"),
        InlinePanel(
            "co_authors",
            label=_("Co-authors"),
            help_text=_("People with an account who may edit this campaign with you."),
        ),
        InlinePanel(
            "reach",
            label=_("Reach"),
            help_text=_("How many people saw and engaged with the campaign, per channel."),
        ),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("city"),
        index.FilterField("themes"),
        index.FilterField("locale"),
    ]
    override_translatable_fields = [
        SynchronizedField("city"),
        SynchronizedField("themes"),
        SynchronizedField("hero_image"),
        SynchronizedField("workshop"),
        SynchronizedField("serves"),
    ]
    parent_page_types = ["campaigns.CampaignIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")

    def clean(self):
        super().clean()
        if self.hero_image_id and not self.hero_alt_text.strip():
            from django.core.exceptions import ValidationError

            raise ValidationError(
                {"hero_alt_text": _("Describe the hero image for people who cannot see it.")}
            )

    def permissions_for_user(self, user):
        from .permissions import CampaignPermissionTester

        return CampaignPermissionTester(user, self)

    def get_context(self, request, *args, **kwargs):
        from .selectors import campaign_public_facts

        context = super().get_context(request, *args, **kwargs)
        context["facts"] = campaign_public_facts(self)
        return context


class CampaignCoAuthor(Orderable):
    """Someone with an account who writes the campaign with its owner."""

    page = ParentalKey(CampaignPage, on_delete=models.CASCADE, related_name="co_authors")
    email = models.EmailField(
        _("email of their account"), help_text=_("Never shown in public: we show their name.")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, editable=False, on_delete=models.CASCADE
    )

    panels = [FieldPanel("email")]

    class Meta(Orderable.Meta):
        verbose_name = _("co-author")
        verbose_name_plural = _("co-authors")

    def clean(self):
        from django.contrib.auth import get_user_model
        from django.core.exceptions import ValidationError

        self.user = get_user_model().objects.filter(email__iexact=self.email).first()
        if self.user is None:
            raise ValidationError(
                {"email": _("Nobody has an account with this email. Ask them to sign up first.")}
            )


class ReachFigure(Orderable):
    """Reach as the authors recorded it, per channel."""

    class Channel(models.TextChoices):
        INSTAGRAM = "instagram", "Instagram"
        TIKTOK = "tiktok", "TikTok"
        FACEBOOK = "facebook", "Facebook"
        YOUTUBE = "youtube", "YouTube"
        X = "x", "X"
        WHATSAPP = "whatsapp", "WhatsApp"
        RADIO = "radio", _("Radio")
        EVENTS = "events", _("Events and street actions")
        OTHER = "other", _("Other")

    page = ParentalKey(CampaignPage, on_delete=models.CASCADE, related_name="reach")
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices)
    impressions = models.PositiveIntegerField(
        _("people reached"), help_text=_("Impressions or views")
    )
    engagements = models.PositiveIntegerField(
        _("engagements"), default=0, help_text=_("Likes, shares, comments, replies")
    )

    panels = [FieldPanel("channel"), FieldPanel("impressions"), FieldPanel("engagements")]

    class Meta(Orderable.Meta):
        verbose_name = _("reach")


class Support(models.Model):
    """Someone's support for a campaign. An email is kept only with consent to updates, and used
    only once its owner confirmed it (double opt-in)."""

    page = models.ForeignKey(CampaignPage, on_delete=models.CASCADE, related_name="supports")
    display_name = models.CharField(_("name"), max_length=60, blank=True)
    email = models.EmailField(_("email"), blank=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("support")
        constraints = [
            models.UniqueConstraint(
                "page",
                Lower("email"),
                condition=~Q(email=""),
                name="campaigns_support_one_per_email",
            )
        ]
        indexes = [models.Index(fields=["page", "created_at"])]


class AbuseReport(models.Model):
    """A visitor's report of a campaign, waiting in the moderators' queue."""

    class Reason(models.TextChoices):
        HATE = "hate", _("It spreads hate or discrimination")
        VIOLENCE = "violence", _("It encourages violence")
        PERSONAL = "personal", _("It exposes someone's private information")
        MISLEADING = "misleading", _("It is false or misleading")
        OTHER = "other", _("Something else")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        DISMISSED = "dismissed", _("Dismissed")
        UNPUBLISHED = "unpublished", _("Campaign unpublished")

    page = models.ForeignKey(CampaignPage, on_delete=models.CASCADE, related_name="reports")
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
        verbose_name = _("report")
        ordering = ["created_at"]
        indexes = [models.Index(fields=["status", "created_at"])]
