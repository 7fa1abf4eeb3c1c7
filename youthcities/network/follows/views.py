"""Follow and unfollow, the in-site notifications with the digest setting, and the one-click
unsubscribe link of the digest emails."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from youthcities.network.follows.models import DigestSetting, Notification
from youthcities.network.follows.selectors import (
    TARGETS,
    about_labels,
    localised_link,
    notification_text,
)
from youthcities.network.follows.services import digest_unsubscribe, follow_create, follow_delete


def _target(kind, pk):
    if kind not in TARGETS:
        raise Http404
    return get_object_or_404(TARGETS[kind], pk=pk)


def _back(request):
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect("network:notifications")


@login_required
@require_POST
def follow(request, kind, pk):
    _follow, created = follow_create(user=request.user, target=_target(kind, pk))
    if created:
        messages.success(request, _("You follow it now: changes come in your digest email."))
    else:
        messages.info(request, _("You already follow it."))
    return _back(request)


@login_required
@require_POST
def unfollow(request, kind, pk):
    follow_delete(user=request.user, target=_target(kind, pk))
    messages.success(request, _("You no longer follow it."))
    return _back(request)


class DigestForm(forms.ModelForm):
    class Meta:
        model = DigestSetting
        fields = ["frequency"]
        widgets = {"frequency": forms.RadioSelect}


@login_required
def notifications(request):
    setting, _created = DigestSetting.objects.get_or_create(user=request.user)
    form = DigestForm(request.POST or None, instance=setting)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your digest setting is saved."))
        return redirect("network:notifications")
    items = list(Notification.objects.filter(user=request.user)[:100])
    labels = about_labels({n.about for n in items})
    rows = [
        {
            "text": notification_text(n),
            "about": labels.get(n.about, ""),
            "link": localised_link(n),
            "created_at": n.created_at,
            "unread": n.read_at is None,
        }
        for n in items
    ]
    Notification.objects.filter(user=request.user, read_at__isnull=True).update(
        read_at=timezone.now()
    )
    return render(request, "network/notifications.html", {"rows": rows, "form": form})


def unsubscribe(request, token):
    try:
        digest_unsubscribe(token)
    except signing.BadSignature:
        return render(request, "network/unsubscribe.html", {"forged": True}, status=400)
    return render(request, "network/unsubscribe.html", {"forged": False})
