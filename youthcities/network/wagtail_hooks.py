from wagtail.snippets.models import register_snippet

from .views import NetworkViewSetGroup

register_snippet(NetworkViewSetGroup)
