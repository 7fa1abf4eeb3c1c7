"""Campaign pages, what their authors record of them, and what the public does with them."""

from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.db.models import (
    Case,
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Lower
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, HelpPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from youthcities.network.workshops.models import ServesTheCity

from .admin_forms import CampaignPageForm, safeguarding_guidance
from .blocks import CampaignStreamBlock
from .feeds import CampaignFeed
from .fields import ThemesField
from .filters import CampaignFilterForm
from .page_permissions import CampaignIndexPermissionTester, CampaignPermissionTester

PER_PAGE = 12


class CampaignPageQuerySet(PageQuerySet):
    """The reads a campaign page and the index need to serve themselves. They live with the
    models because the pages call them; other apps read them through `selectors`."""

    def published(self, language: str) -> "CampaignPageQuerySet":
        """Live, public campaigns, each listed once: in the reader's language where it is
        translated into it, otherwise in the language it was first written in."""
        translations = self.model.objects.live().filter(translation_key=OuterRef("translation_key"))
        translated_here = translations.filter(locale__language_code=language)
        written_earlier = translations.filter(pk__lt=OuterRef("pk"))
        return (
            self.live()
            .public()
            .exclude(
                (Q(Exists(translated_here)) | Q(Exists(written_earlier)))
                & ~Q(locale__language_code=language)
            )
        )

    def listing(
        self,
        *,
        language: str,
        city=None,
        region: str = "",
        theme: str = "",
        written_in: str = "",
        query: str = "",
    ) -> "CampaignPageQuerySet":
        """Published campaigns with their reach and supporters, filtered: those in the reader's
        language first, then the others, newest first within each."""
        if written_in:
            # The reader asked for one language: every campaign written in it.
            campaigns = self.live().public().filter(locale__language_code=written_in)
        else:
            campaigns = self.published(language)
        if city is not None:
            campaigns = campaigns.filter(city=city, show_city=True)
        if region:
            campaigns = campaigns.filter(city__region=region, show_city=True)
        if theme:
            campaigns = campaigns.filter(themes__contains=f",{theme},")
        campaigns = (
            campaigns.select_related("city", "hero_image", "locale")
            .prefetch_related("hero_image__renditions")
            .annotate(
                reached=_reach_sum(),
                supporters=_supporters_count(),
                in_other_language=Case(
                    When(locale__language_code=language, then=Value(0)),
                    default=Value(1),
                    output_field=IntegerField(),
                ),
            )
            .order_by("in_other_language", "-first_published_at", "-pk")
        )
        if query:
            # Wagtail search: PostgreSQL full text on PostgreSQL. Filters go through the database
            # first.
            ids = [page.pk for page in self.model.objects.live().search(query)]
            campaigns = campaigns.filter(pk__in=ids)
        return campaigns

    def reach(self, *, language: str, city=None) -> "Totals":
        """How many campaigns are published, and how many people they reached."""
        campaigns = self.published(language)
        if city is not None:
            campaigns = campaigns.filter(city=city, show_city=True)
        reached = ReachFigure.objects.filter(page__in=campaigns.values("pk")).aggregate(
            total=Sum("impressions")
        )["total"]
        return Totals(campaigns=campaigns.count(), reached=reached or 0)


def _reach_sum():
    return Coalesce(
        Subquery(
            ReachFigure.objects.filter(page=OuterRef("pk"))
            .values("page")
            .annotate(total=Sum("impressions"))
            .values("total"),
            output_field=IntegerField(),
        ),
        0,
    )


def _supporters_count():
    return Coalesce(
        Subquery(
            Support.objects.filter(page=OuterRef("pk"))
            .values("page")
            .annotate(n=Count("pk"))
            .values("n"),
            output_field=IntegerField(),
        ),
        0,
    )


@dataclass(frozen=True)
class Totals:
    campaigns: int
    reached: int


@dataclass(frozen=True)
class PublicFacts:
    authors: list[str]
    reached: int
    engaged: int
    supporters: int
    reach: list


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
        return CampaignIndexPermissionTester(user, self)

    @path("")
    def listing(self, request):
        filters = CampaignFilterForm(request.GET or None)
        campaigns = CampaignPage.objects.listing(
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
                "totals": CampaignPage.objects.reach(language=request.LANGUAGE_CODE),
                "query_string": filters.query_string(),
            },
        )

    @path("<str:language>/<slug:slug>/", name="written_in")
    def written_in(self, request, language, slug):
        """A campaign written in another language, read from this list: the interface stays in
        the reader's language (/ar/campaigns/en/<slug>/ shows an English campaign in an Arabic
        page). Where the campaign has a translation in the reader's language, that is shown."""
        here = self.locale.language_code
        if language == here or language not in dict(settings.LANGUAGES):
            raise Http404
        index = CampaignIndexPage.objects.filter(
            translation_key=self.translation_key, locale__language_code=language
        ).first()
        campaign = (
            CampaignPage.objects.child_of(index).live().public().filter(slug=slug).first()
            if index is not None
            else None
        )
        if campaign is None:
            raise Http404
        translated = campaign.get_translation_or_none(self.locale)
        if translated is not None and translated.live:
            return redirect(translated.get_url(request))
        return campaign.serve(request)

    @path("feed/")
    def feed(self, request):
        campaigns = CampaignPage.objects.listing(language=request.LANGUAGE_CODE)
        return CampaignFeed(self, campaigns)(request)


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

    class Byline(models.TextChoices):
        NAMES = "names", _("Our display names")
        TEAM = "team", _("Young Cities team")

    # Writing against extremism can put a young author at risk: they may hide their names (and
    # the city) at any time, at once, from the campaign's "Your safety" screen (campaigns/
    # safety.py). Not in the editor: a change there would wait for the next review.
    byline = models.CharField(
        _("shown as"), max_length=10, choices=Byline.choices, default=Byline.NAMES
    )
    show_city = models.BooleanField(
        _("show the city in public"),
        default=True,
        help_text=_("Untick to keep the city off every public page of this campaign."),
    )

    objects = PageManager.from_queryset(CampaignPageQuerySet)()
    base_form_class = CampaignPageForm

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
        HelpPanel(content=safeguarding_guidance, heading=_("Keeping safe")),
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
        SynchronizedField("byline"),
        SynchronizedField("show_city"),
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
            raise ValidationError(
                {"hero_alt_text": _("Describe the hero image for people who cannot see it.")}
            )

    def permissions_for_user(self, user):
        return CampaignPermissionTester(user, self)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["facts"] = self.public_facts()
        return context

    def url_for_reader(self, request) -> str:
        """The campaign's address for this reader: its own in their language; written in another,
        under their own language's campaigns list, so that opening it keeps the interface in
        their language."""
        language = get_language()
        if self.locale.language_code == language:
            return self.get_url(request)
        index = reader_campaign_index(request, language)
        if index is None:
            return self.get_url(request)
        return index.get_url(request) + index.reverse_subpage(
            "written_in", args=(self.locale.language_code, self.slug)
        )

    def public_facts(self) -> "PublicFacts":
        """What a campaign page shows about its authors and its reach: display names only."""
        if self.byline == self.Byline.TEAM:
            return self._facts([str(_("Young Cities team"))])
        names = [self.owner.public_name] if self.owner_id else []
        names += [
            name
            for name in (
                co.user.public_name
                for co in CampaignCoAuthor.objects.filter(page=self, user__isnull=False)
                .select_related("user")
                .order_by("sort_order")
            )
            if name not in names
        ]
        return self._facts(names)

    @property
    def public_city(self):
        """The city, unless the authors chose to keep it off public pages."""
        return self.city if self.show_city else None

    def _facts(self, names) -> "PublicFacts":
        reach = list(self.reach.all())
        return PublicFacts(
            authors=names,
            reached=sum(figure.impressions for figure in reach),
            engaged=sum(figure.engagements for figure in reach),
            supporters=Support.objects.filter(page=self).count(),
            reach=reach,
        )


def reader_campaign_index(request, language: str) -> "CampaignIndexPage | None":
    """The campaigns list in the reader's language, looked up once per request."""
    found = request.__dict__.setdefault("_campaign_indexes", {}) if request else {}
    if language not in found:
        found[language] = (
            CampaignIndexPage.objects.live().filter(locale__language_code=language).first()
        )
    return found[language]


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


# A visitor's report of abuse lives in its own module; imported here so that every
# `from campaigns.models import AbuseReport` keeps working.
from .abuse import AbuseReport  # noqa: E402, F401
