"""Campaign blocks: the shared ones plus figures, calls to action and links to the lab that
produced the campaign or the grant that funds it."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from grants.applications.selectors import funded_project, funded_project_choices
from youthcities.blocks import BaseStreamBlock
from youthcities.network.workshops.selectors import workshop_by_id, workshop_choices


class StatisticBlock(blocks.StructBlock):
    figure = blocks.CharBlock(label=_("Figure"), max_length=20, help_text=_("e.g. 3 in 4"))
    label = blocks.CharBlock(label=_("What it counts"), max_length=160)
    source = blocks.CharBlock(label=_("Source"), max_length=160, required=False)

    class Meta:
        icon = "pick"
        label = _("Statistic")
        template = "blocks/statistic_block.html"
        description = _("A figure that tells the story, with its source")
        preview_value = {"figure": "3 in 4", "label": "young people saw hate online last month"}
        group = _("Campaign")


class CallToActionBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("What to do"), max_length=160)
    link_label = blocks.CharBlock(label=_("Button label"), max_length=40)
    link = blocks.URLBlock(label=_("Address"))

    class Meta:
        icon = "link"
        label = _("Call to action")
        template = "blocks/call_to_action_block.html"
        description = _("Ask readers to do one thing, with a button")
        preview_value = {"text": "Share a story of your own", "link_label": "Share"}
        group = _("Campaign")


class LabLinkBlock(blocks.StructBlock):
    workshop = blocks.ChoiceBlock(label=_("Lab or workshop"), choices=workshop_choices)

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["workshop"] = workshop_by_id(value["workshop"])
        return context

    class Meta:
        icon = "group"
        label = _("Made in a lab")
        template = "blocks/lab_link_block.html"
        description = _("Link to the lab or workshop that produced this campaign")
        group = _("Campaign")


class GrantLinkBlock(blocks.StructBlock):
    application = blocks.ChoiceBlock(label=_("Funded project"), choices=funded_project_choices)

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["project"] = funded_project(value["application"])
        return context

    class Meta:
        icon = "tag"
        label = _("Funded by a grant")
        template = "blocks/grant_link_block.html"
        description = _("Link to the innovation grant that funds this campaign")
        group = _("Campaign")


class CampaignStreamBlock(BaseStreamBlock):
    statistic = StatisticBlock()
    call_to_action = CallToActionBlock()
    lab = LabLinkBlock()
    grant = GrantLinkBlock()
