"""The call for posters of an edition: its guidance, deadline, summary limits and the reviews
wanted per proposal. One row per edition, one-to-one with it, read through `call_for(event)`
(pretalx keeps its CfP the same way): the event layer knows none of it."""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from ecosystem_day.event.models import Event, OnPublicPages

SUMMARY_LIMIT = 10_000  # the longest poster summary any call may allow


class CallForPosters(OnPublicPages):
    """Its deadline shows on every page (the menu offers the form while it is open): saving
    bumps the edition's public version."""

    event = models.OneToOneField(
        Event, on_delete=models.CASCADE, primary_key=True, related_name="call_for_posters"
    )
    guidance = models.TextField(
        "the call's guidance", blank=True, help_text="Shown above the poster form."
    )
    deadline = models.DateTimeField(
        "poster deadline",
        help_text="The last second at which poster proposals are accepted (inclusive).",
    )
    summary_min_length = models.PositiveSmallIntegerField(
        "shortest poster summary (characters)",
        default=100,
        help_text="The poster form refuses a shorter summary.",
    )
    summary_max_length = models.PositiveSmallIntegerField(
        "longest poster summary (characters)",
        default=3000,
        help_text=f"The poster form refuses a longer summary (at most {SUMMARY_LIMIT:,}).",
    )
    reviews_wanted = models.PositiveSmallIntegerField(
        "reviews wanted per proposal",
        default=2,
        help_text="A proposal with fewer reviews is listed as awaiting reviews.",
    )

    class Meta:
        verbose_name = verbose_name_plural = "call for posters"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(
                    summary_min_length__gte=1,
                    summary_min_length__lte=models.F("summary_max_length"),
                    summary_max_length__lte=SUMMARY_LIMIT,
                ),
                name="summary_limits_in_order",
                violation_error_message="The shortest summary must be at least 1 character and "
                f"no longer than the longest, which can be at most {SUMMARY_LIMIT:,}.",
            ),
            models.CheckConstraint(
                condition=models.Q(reviews_wanted__gte=1, reviews_wanted__lte=20),
                name="reviews_wanted_between_1_and_20",
            ),
        ]

    def __str__(self):
        return str(self.event)  # shown after "Call for posters:" on the edition's page

    def is_open(self, at=None):
        """Deadlines include their last second: open until deadline + 1 s."""
        at = at or timezone.now()
        return at < self.deadline + timedelta(seconds=1)

    def milestones(self):
        """Pages change by themselves when the call closes (event/edition_parts.py)."""
        return [self.deadline + timedelta(seconds=1)]

    def check_summary_length(self, summary):
        """The call's limits for a summary typed in its form (imports are exempt)."""
        length = len(summary)
        if length < self.summary_min_length:
            raise ValidationError(
                f"Ensure this value has at least {self.summary_min_length} characters "
                f"(it has {length}).",
                code="min_length",
            )
        if length > self.summary_max_length:
            raise ValidationError(
                f"Ensure this value has at most {self.summary_max_length} characters "
                f"(it has {length}).",
                code="max_length",
            )


def call_for(event):
    """The edition's call for posters: loaded with the edition by the event layer's readers
    (no query), else read once and kept on `event`."""
    return event.call_for_posters


def carry_over(sender, edition, previous, move, **kwargs):
    """The next edition's call (ecosystem_day.event.editions.edition_started): the same settings,
    its deadline moved like every date."""
    call = call_for(previous)
    CallForPosters.objects.create(
        event=edition,
        guidance=call.guidance,
        deadline=move(call.deadline),
        summary_min_length=call.summary_min_length,
        summary_max_length=call.summary_max_length,
        reviews_wanted=call.reviews_wanted,
    )
