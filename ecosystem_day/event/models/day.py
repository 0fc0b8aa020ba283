"""What an edition offers on its day: its topics and its sessions of the day (tracks).

Saving or deleting one bumps the edition's public version (`OnPublicPages`).
"""

from django.db import models

from .event import Event, PublicVersion


class OnPublicPagesQuerySet(models.QuerySet):
    """Bulk deletes and updates (the admin's "delete selected") bump the version too."""

    def _bump(self, event_ids):
        for event_id in event_ids:
            PublicVersion.bump(event_id)

    def delete(self):
        event_ids = set(self.values_list("event_id", flat=True))
        result = super().delete()
        self._bump(event_ids)
        return result

    def update(self, **kwargs):
        event_ids = set(self.values_list("event_id", flat=True))
        result = super().update(**kwargs)
        if "event_id" in kwargs or "event" in kwargs:
            event_ids.add(getattr(kwargs.get("event"), "pk", kwargs.get("event_id")))
        self._bump(event_ids)
        return result


class OnPublicPages(models.Model):
    """For models every public page may show: saving or deleting one bumps the version."""

    objects = OnPublicPagesQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        PublicVersion.bump(self.event_id)

    def delete(self, *args, **kwargs):
        result = super().delete(*args, **kwargs)
        PublicVersion.bump(self.event_id)
        return result


class Topic(OnPublicPages):
    """A poster topic organizers offer for this edition."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="topics")
    name = models.CharField(max_length=100)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "name"]
        constraints = [
            models.UniqueConstraint(fields=["event", "name"], name="topic_name_unique_per_event"),
        ]

    def __str__(self):
        return self.name


class Track(OnPublicPages):
    """A session of the day for a half of the world, e.g. Morning (EMEA), and when it runs: its
    span, from its opening talks to its end, what attendees register for. Posters are tended in
    it; breakouts run in it, in a window the breakouts app keeps."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="tracks")
    name = models.CharField(max_length=100)
    slug = models.SlugField()
    position = models.PositiveSmallIntegerField(default=0)
    starts_at = models.DateTimeField(
        "starts at", help_text="When this session of the day begins (its opening talks included)."
    )
    ends_at = models.DateTimeField("ends at", help_text="When this session of the day ends.")

    class Meta:
        ordering = ["position", "name"]
        verbose_name = "session of the day"
        verbose_name_plural = "sessions of the day"
        constraints = [
            models.UniqueConstraint(fields=["event", "slug"], name="track_slug_unique_per_event"),
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="track_ends_after_it_starts",
                violation_error_message="A session of the day ends after it starts.",
            ),
        ]

    def __str__(self):
        return self.name
