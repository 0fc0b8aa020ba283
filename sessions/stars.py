"""An attendee's own rows: the items they starred and the secret address of their agenda.

Models of this app, imported by sessions/models.py (so they register there).
"""

import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

from ecosystem_day.event.models import Event


def new_feed_token():
    return secrets.token_urlsafe(24)


class Star(models.Model):
    """An item a signed-in attendee put on their agenda, by its guid (stable across releases),
    so a star survives the item moving and can say "removed" once the item is cancelled."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="+")
    guid = models.UUIDField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "event", "guid"], name="one_star_per_item_per_user"
            ),
        ]

    def __str__(self):
        return f"{self.user} ★ {self.guid}"


class AgendaFeed(models.Model):
    """The secret address of someone's personal calendar: whoever has it reads their agenda,
    so it is revocable (a new token; the old address answers 404)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="+")
    token = models.CharField(max_length=64, unique=True, default=new_feed_token)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "event"], name="one_agenda_feed_per_user"),
        ]

    def __str__(self):
        return f"{self.user}'s agenda feed"

    def get_absolute_url(self):
        return reverse("agenda_feed", args=[self.token])
