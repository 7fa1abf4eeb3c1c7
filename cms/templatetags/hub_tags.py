"""Tags that join what several apps know, for pages the lower apps render (a workshop's page
shows the campaigns it produced without the network app knowing campaigns)."""

from django import template
from django.utils.translation import get_language

from campaigns.selectors import campaigns_made_in
from grants.applications.selectors import funded_projects_from

register = template.Library()


@register.filter
def get_item(mapping, key):
    return (mapping or {}).get(key)


@register.inclusion_tag("cms/_workshop_outputs.html")
def workshop_outputs(workshop):
    return {
        "campaigns": campaigns_made_in(workshop_id=workshop.pk, language=get_language()),
        "projects": funded_projects_from(workshop.pk),
    }
