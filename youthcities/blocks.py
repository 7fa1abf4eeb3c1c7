"""Shared StreamField blocks. Every page's `body` uses BaseStreamBlock; apps extend it."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock

from youthcities.images import rendition_or_none

# A deliberately small rich-text feature set: nothing that lets an author add script or style.
LIMITED_RICH_TEXT = ["bold", "italic", "link", "ol", "ul"]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Heading"), max_length=120)
    level = blocks.ChoiceBlock(label=_("Level"), choices=[("h2", "H2"), ("h3", "H3")], default="h2")

    class Meta:
        icon = "title"
        label = _("Heading")
        template = "blocks/heading_block.html"
        description = _("A section heading")
        preview_value = {"text": "Young people change cities", "level": "h2"}
        group = _("Text")


class ParagraphBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        super().__init__(features=LIMITED_RICH_TEXT, **kwargs)

    class Meta:
        icon = "pilcrow"
        label = _("Paragraph")
        template = "blocks/paragraph_block.html"
        description = _("Text with bold, italic, links and lists")
        preview_value = "<p>Youth activists in twelve cities write campaigns.</p>"
        group = _("Text")


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        label=_("Alternative text"),
        max_length=250,
        help_text=_("Describe the image for people who cannot see it."),
    )
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=250)

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        image = value.get("image") if value else None
        context["img"] = rendition_or_none(image, "width-800|format-webp")
        context["img_small"] = context["img"] and rendition_or_none(image, "width-400|format-webp")
        return context

    class Meta:
        icon = "image"
        label = _("Image")
        template = "blocks/image_block.html"
        description = _("An image with alternative text")
        group = _("Media")


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Quote"), max_length=600)
    attribution = blocks.CharBlock(label=_("Who said it"), required=False, max_length=120)

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "blocks/quote_block.html"
        description = _("A quotation with its speaker")
        preview_value = {"text": "We were heard.", "attribution": "A youth activist"}
        group = _("Text")


_YOUTUBE = re.compile(
    r"^https?://(?:www\.|m\.)?(?:youtube\.com/(?:watch\?(?:.*&)?v=|shorts/|embed/)|youtu\.be/)"
    r"(?P<id>[\w-]{11})"
)
_VIMEO = re.compile(r"^https?://(?:www\.)?vimeo\.com/(?:video/)?(?P<id>\d+)")


def privacy_embed_url(url: str) -> str | None:
    """The privacy-enhanced player for a YouTube or Vimeo address: no tracking cookies, and the
    portal never calls the video site itself."""
    if match := _YOUTUBE.match(url or ""):
        return f"https://www.youtube-nocookie.com/embed/{match['id']}"
    if match := _VIMEO.match(url or ""):
        return f"https://player.vimeo.com/video/{match['id']}?dnt=1"
    return None


class VideoURLBlock(blocks.URLBlock):
    def clean(self, value):
        value = super().clean(value)
        if value and privacy_embed_url(value) is None:
            raise ValidationError(_("Give the address of a YouTube or Vimeo video."))
        return value


class EmbedVideoBlock(blocks.StructBlock):
    video = VideoURLBlock(label=_("Video address"), help_text=_("A YouTube or Vimeo address"))
    title = blocks.CharBlock(
        label=_("Title"), max_length=150, help_text=_("Describes the video to screen readers")
    )

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["embed_url"] = privacy_embed_url(value["video"])
        return context

    class Meta:
        icon = "media"
        label = _("Embedded video")
        template = "blocks/embed_block.html"
        description = _("A video embedded in privacy-enhanced mode")
        group = _("Media")


class BaseStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    image = ImageBlock()
    quote = QuoteBlock()
    embed = EmbedVideoBlock()
