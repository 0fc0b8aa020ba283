"""When a session of the day's breakouts may run: its breakout window, one-to-one with the
session (event.Track), inside the session's span. The event knows the span (when attendees
come); the window is this app's. A new window goes through its transition
(sessions/window_changes.py), which the scheduled breakouts follow or refuse."""

from django.core.exceptions import ValidationError
from django.db import models

from ecosystem_day.event.models import PublicVersion, Track


class BreakoutWindow(models.Model):
    """Pages show the free slots of the window: saving or deleting one bumps the edition's
    public version, as a session's own save does."""

    track = models.OneToOneField(
        Track,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="breakout_window",
        verbose_name="session of the day",
    )
    starts_at = models.DateTimeField(
        "breakouts start at",
        help_text="When this session's first breakouts may begin, within the session's times.",
    )
    ends_at = models.DateTimeField(
        "breakouts end at", help_text="When its last breakouts must have ended."
    )

    class Meta:
        verbose_name = verbose_name_plural = "breakout window"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="breakout_window_ends_after_it_starts",
                violation_error_message="A breakout window ends after it starts.",
            ),
        ]

    def __str__(self):
        return str(self.track)  # shown after "Breakout window:" on the session's page

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        PublicVersion.bump(self.track.event_id)

    def delete(self, *args, **kwargs):
        result = super().delete(*args, **kwargs)
        PublicVersion.bump(self.track.event_id)
        return result


def breakout_window_of(track):
    """`track`'s breakout window, or None before organizers give it one."""
    try:
        return track.breakout_window
    except BreakoutWindow.DoesNotExist:
        return None


def check_inside_span(track, starts_at, ends_at):
    """Refuse a window that `track`'s span (as it is or would be) does not hold."""
    if starts_at < track.starts_at or ends_at > track.ends_at:
        zone = track.event.tz
        raise ValidationError(
            f"{track.name} runs from {track.starts_at.astimezone(zone):%H:%M} to "
            f"{track.ends_at.astimezone(zone):%H:%M} ({zone.key}): its breakouts cannot run "
            f"{starts_at.astimezone(zone):%H:%M}–{ends_at.astimezone(zone):%H:%M}."
        )


def carry_over(previous, edition, move):
    """The next edition's windows: each session's, moved like every date."""
    tracks = {track.slug: track for track in edition.tracks.all()}
    BreakoutWindow.objects.bulk_create(
        BreakoutWindow(
            track=tracks[window.track.slug],
            starts_at=move(window.starts_at),
            ends_at=move(window.ends_at),
        )
        for window in BreakoutWindow.objects.filter(track__event=previous).select_related("track")
        if window.track.slug in tracks
    )
