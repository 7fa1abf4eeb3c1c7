import datetime

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.documents.models import AbstractDocument, Document
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from youthcities.blocks import BaseStreamBlock
from youthcities.network.cities.models import Region
from youthcities.network.themes import Theme
from youthcities.private_storage import private_storage

from .home_selectors import home_portal


class HomePage(Page):
    hero_heading = models.CharField(_("hero heading"), max_length=120)
    hero_text = models.TextField(_("hero text"), max_length=400, blank=True)
    hero_cta_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("hero link"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hero_cta_label = models.CharField(_("hero link label"), max_length=60, blank=True)
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("hero_heading"),
        FieldPanel("hero_text"),
        FieldPanel("hero_cta_page"),
        FieldPanel("hero_cta_label"),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("hero_heading"),
        index.SearchField("hero_text"),
        index.SearchField("body"),
    ]
    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 3  # one per language

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["portal"] = home_portal(language=request.LANGUAGE_CODE)
        return context


class StandardPage(Page):
    introduction = models.TextField(_("introduction"), max_length=600, blank=True)
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("introduction"), FieldPanel("body")]
    search_fields = Page.search_fields + [
        index.SearchField("introduction"),
        index.SearchField("body"),
    ]
    parent_page_types = ["cms.HomePage", "cms.StandardPage"]
    subpage_types = ["cms.StandardPage"]

    class Meta:
        verbose_name = _("standard page")


@register_setting(icon="list-ul")
class NavigationSettings(BaseSiteSetting, ClusterableModel):
    """Main menu: pages in order. Labels are the linked pages' titles in the reader's language."""

    panels = [InlinePanel("links", label=_("Menu links"))]

    class Meta:
        verbose_name = _("navigation")


class PageLink(Orderable):
    """A link to a page in a menu; shown with the page's title in the reader's language."""

    page = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("page"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("page")]

    class Meta(Orderable.Meta):
        abstract = True


class NavigationLink(PageLink):
    setting = ParentalKey(NavigationSettings, related_name="links", on_delete=models.CASCADE)


@register_setting(icon="doc-full")
class FooterSettings(BaseSiteSetting, ClusterableModel):
    contact_email = models.EmailField(_("contact email"), blank=True)
    safeguarding_email = models.EmailField(
        _("safeguarding email"),
        blank=True,
        help_text=_("Where anyone can report a concern about a young person's safety."),
    )
    panels = [
        FieldPanel("contact_email"),
        FieldPanel("safeguarding_email"),
        InlinePanel("links", label=_("Footer links")),
    ]

    class Meta:
        verbose_name = _("footer")


class FooterLink(PageLink):
    setting = ParentalKey(FooterSettings, related_name="links", on_delete=models.CASCADE)


class LibraryDocument(AbstractDocument):
    """Every Wagtail document (the library's resources, training toolkits) is kept in private
    storage: its file has no public address, and Wagtail's serve view (after the hub's
    members-only check) is the only way to it. Wagtail's own model keeps its files in public
    media, where a members-only file's storage URL could be passed on or guessed."""

    file = models.FileField(_("file"), upload_to="documents", storage=private_storage)

    admin_form_fields = Document.admin_form_fields

    class Meta(AbstractDocument.Meta):
        verbose_name = _("document")
        verbose_name_plural = _("documents")


class Resource(index.Indexed, models.Model):
    """A toolkit, guide or report in the resource library: a Wagtail document with what it is
    about, where it comes from and its language."""

    class Kind(models.TextChoices):
        TOOLKIT = "toolkit", _("Toolkit")
        GUIDE = "guide", _("Guide")
        REPORT = "report", _("Report")

    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), max_length=1000, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    document = models.ForeignKey(
        LibraryDocument, verbose_name=_("document"), on_delete=models.PROTECT
    )
    theme = models.CharField(_("theme"), max_length=30, choices=Theme.choices)
    city = models.ForeignKey(
        "network.City", verbose_name=_("city"), null=True, blank=True, on_delete=models.SET_NULL
    )
    region = models.CharField(_("region"), max_length=30, choices=Region.choices, blank=True)
    language = models.CharField(_("language"), max_length=2, choices=settings.LANGUAGES)
    published_on = models.DateField(_("published"), default=datetime.date.today)
    members_only = models.BooleanField(
        _("members only"),
        default=False,
        help_text=_(
            "Everyone sees the title and description; only members of the hub get the file."
        ),
    )

    search_fields = [
        index.SearchField("title"),
        index.SearchField("description"),
        index.FilterField("theme"),
        index.FilterField("region"),
        index.FilterField("language"),
        index.FilterField("city"),
    ]

    class Meta:
        verbose_name = _("resource")
        verbose_name_plural = _("resources")
        ordering = ["-published_on", "title"]

    def __str__(self):
        return self.title
