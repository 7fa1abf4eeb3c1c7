from django import template
from django.utils.translation import get_language

from training.selectors import training_index_for

register = template.Library()


@register.simple_tag(takes_context=True)
def training_url(context) -> str:
    """The training modules' page in the reader's language (else any), looked up once a request."""
    request = context.get("request")
    cached = getattr(request, "_training_url", None)
    if cached is not None:
        return cached
    index = training_index_for(get_language())
    url = index.get_url(request) if index else ""
    if request is not None:
        request._training_url = url
    return url
