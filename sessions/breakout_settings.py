"""An edition's breakout settings: the deadline for breakout proposals and how long every
breakout lasts. One row per edition, one-to-one with it, read through
`breakout_settings_for(event)`: the event layer knows none of it. A new length goes through
its transition (services.change_breakout_length), which the scheduled breakouts follow."""

from datetime import timedelta

from django.db import models
from django.utils import timezone

from ecosystem_day.event.models import Event, OnPublicPages


class BreakoutSettings(OnPublicPages):
    """Pages show the length and the deadline: saving bumps the edition's public version."""

    event = models.OneToOneField(
        Event, on_delete=models.CASCADE, primary_key=True, related_name="breakout_settings"
    )
    deadline = models.DateTimeField(
        "breakout deadline",
        null=True,
        blank=True,
        help_text="The last second at which breakout proposals are accepted (inclusive). "
        "Empty: breakout proposals are not open yet.",
    )
    minutes = models.PositiveSmallIntegerField("breakout length (minutes)", default=40)

    class Meta:
        verbose_name = verbose_name_plural = "breakout settings"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(minutes__gte=5, minutes__lte=240),
                name="breakout_length_between_5_and_240_minutes",
            ),
        ]

    def __str__(self):
        return str(self.event)  # shown after "Breakout settings:" on the edition's page

    def is_open(self, at=None):
        """Open once organizers set a deadline, until its last second."""
        if self.deadline is None:
            return False
        at = at or timezone.now()
        return at < self.deadline + timedelta(seconds=1)

    @property
    def length(self):
        return timedelta(minutes=self.minutes)

    def milestones(self):
        """Pages change by themselves when proposals close (event/edition_parts.py)."""
        return [self.deadline + timedelta(seconds=1)] if self.deadline else []


def breakout_settings_for(event):
    """The edition's breakout settings: loaded with the edition by the event layer's readers
    (no query), else read once and kept on `event`."""
    return event.breakout_settings


def carry_over(previous, edition, move):
    """The next edition's settings: the same length, the deadline moved like every date."""
    settings = breakout_settings_for(previous)
    BreakoutSettings.objects.create(
        event=edition,
        deadline=move(settings.deadline) if settings.deadline else None,
        minutes=settings.minutes,
    )
