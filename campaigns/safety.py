"""The safety of the young authors of counter-speech. An author may hide their name (the campaign
then reads "By Young Cities team") or the city, or take the campaign down, at any time and at
once: no review, no new revision to approve. A safeguarding moderator is told and can restore,
with the author's agreement; a moderator can hide an author's name on all their campaigns in one
action. Every change covers the campaign's translations and its stored revisions, so a later
publish cannot bring the name back."""

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.actions.unpublish_page import UnpublishPageAction
from wagtail.contrib.frontend_cache.utils import purge_pages_from_cache
from wagtail.models import Revision

from youthcities.accounts.roles import MODERATOR
from youthcities.accounts.selectors import users_with_role
from youthcities.audit.services import audit_record
from youthcities.notify import notify

from .models import AbuseReport, CampaignPage
from .page_permissions import is_author
from .permissions import is_moderator
from .services import CampaignError, NotAllowed


class NothingToRestore(CampaignError):
    message = _("This campaign already shows its authors' names.")


def _translations(page: CampaignPage):
    return CampaignPage.objects.filter(translation_key=page.translation_key)


def _set(pages, **fields) -> None:
    """The live pages and every stored revision of them, at once."""
    pks = [page.pk for page in pages]
    CampaignPage.objects.filter(pk__in=pks).update(**fields)
    for revision in Revision.page_revisions.filter(object_id__in=[str(pk) for pk in pks]):
        content = {**revision.content, **fields}
        Revision.objects.filter(pk=revision.pk).update(content=content)
    fresh = list(CampaignPage.objects.filter(pk__in=pks))
    transaction.on_commit(lambda: purge_pages_from_cache(fresh))


def _tell_moderators(page, action: str) -> None:
    notify(
        users_with_role(MODERATOR).distinct(),
        "campaigns/email/author_safety",
        {"campaign": page.title, "action": action},
        link=("wagtailadmin_pages:edit", [page.pk]),
    )


def campaign_hide_authors(*, page: CampaignPage, actor) -> None:
    """An author hides the names: the campaign reads "By Young Cities team", everywhere."""
    if not is_author(actor, page):
        raise NotAllowed()
    with transaction.atomic():
        _set(list(_translations(page)), byline=CampaignPage.Byline.TEAM)
        audit_record(actor=actor, action="campaign.authors_hidden", target=page)
        _tell_moderators(page, "authors_hidden")


def campaign_hide_city(*, page: CampaignPage, actor) -> None:
    if not is_author(actor, page):
        raise NotAllowed()
    with transaction.atomic():
        _set(list(_translations(page)), show_city=False)
        audit_record(actor=actor, action="campaign.city_hidden", target=page)
        _tell_moderators(page, "city_hidden")


def campaign_take_down(*, page: CampaignPage, actor) -> None:
    """An author takes the campaign (and its translations) off the site now."""
    if not is_author(actor, page):
        raise NotAllowed()
    with transaction.atomic():
        for live in _translations(page).live().select_for_update():
            UnpublishPageAction(live, user=actor).execute(skip_permission_checks=True)
        audit_record(actor=actor, action="campaign.taken_down_by_author", target=page)
        _tell_moderators(page, "taken_down")


def campaign_restore_authors(*, page: CampaignPage, actor) -> None:
    """A moderator shows the names again, once the author agreed (republishing a campaign taken
    down is Wagtail's own Publish)."""
    if not is_moderator(actor):
        raise NotAllowed()
    if page.byline == CampaignPage.Byline.NAMES:
        raise NothingToRestore()
    with transaction.atomic():
        _set(list(_translations(page)), byline=CampaignPage.Byline.NAMES)
        audit_record(actor=actor, action="campaign.authors_restored", target=page)


def author_hide_everywhere(*, author, actor) -> int:
    """A moderator hides an author's name on every campaign they wrote or co-wrote. The open
    reports about the author of those campaigns are answered by it and leave the queue."""
    if not is_moderator(actor):
        raise NotAllowed()
    with transaction.atomic():
        pages = list(
            CampaignPage.objects.filter(Q(owner=author) | Q(co_authors__user=author)).distinct()
        )
        keys = {page.translation_key for page in pages}
        every = list(CampaignPage.objects.filter(translation_key__in=keys))
        _set(every, byline=CampaignPage.Byline.TEAM)
        AbuseReport.objects.filter(
            page__in=every, about=AbuseReport.About.AUTHOR, status=AbuseReport.Status.OPEN
        ).update(
            status=AbuseReport.Status.AUTHOR_HIDDEN, handled_by=actor, handled_at=timezone.now()
        )
        audit_record(
            actor=actor,
            action="campaign.author_hidden_everywhere",
            target=author,
            data={"campaigns": len(every)},
        )
    return len(every)
