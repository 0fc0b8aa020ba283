"""Breakouts (gated on an accepted poster), rooms, speakers and the schedule.

The sessions of the day (Morning / EMEA, Evening / APAC-US) are the event's Tracks. The rule
of a slot on the schedule is in slots.py; an attendee's stars and agenda feed in stars.py.
"""

import uuid

from django.conf import settings
from django.contrib.postgres.constraints import ExclusionConstraint
from django.contrib.postgres.fields import DateTimeRangeField, RangeBoundary, RangeOperators
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from ecosystem_day.event.models import Event, OnPublicPages, Track
from ecosystem_day.event.object_urls import object_url
from ecosystem_day.infra.fields import recorded_by
from posters.conflicts import poster_author_filter
from posters.models import (
    ACCEPTED_STATES,
    PosterProposal,
    Proposal,
    ReviewBase,
    StatusChangeBase,
)

from .attendance import Attendance  # noqa: F401  (this app's models too)
from .breakout_settings import BreakoutSettings  # noqa: F401  (this app's models too)
from .breakout_window import BreakoutWindow  # noqa: F401  (this app's models too)
from .slots import slot_problems
from .stars import AgendaFeed, Star, new_feed_token  # noqa: F401  (this app's models too)


class TsTzRange(models.Func):
    function = "TSTZRANGE"
    output_field = DateTimeRangeField()


def during(start="starts_at", end="ends_at"):
    """The half-open time range [start, end) the exclusion constraints compare."""
    return TsTzRange(start, end, RangeBoundary())


class Room(OnPublicPages):
    """A virtual room: where attendees click to join. Its link is named only to those it is
    for: anyone for a public room (a livestream), registered attendees otherwise."""

    class Access(models.TextChoices):
        REGISTERED = "registered", "Registered attendees only"
        PUBLIC = "public", "Public (a livestream anyone may join)"

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="rooms")
    name = models.CharField(max_length=100)
    join_url = models.URLField("join link", max_length=500)
    access = models.CharField(
        max_length=12,
        choices=Access.choices,
        default=Access.REGISTERED,
        help_text="Public pages and feeds never show a registered-only room's link: Join "
        "checks the registration first.",
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "name"]
        constraints = [
            models.UniqueConstraint(fields=["event", "name"], name="room_name_unique_per_event"),
        ]

    def __str__(self):
        return self.name


class Speaker(OnPublicPages):
    """A keynote speaker (presenters of posters and breakouts are their authors)."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="speakers")
    name = models.CharField(max_length=150)
    affiliation = models.CharField(max_length=150, blank=True)
    bio = models.TextField(blank=True)
    position = models.PositiveSmallIntegerField(default=0)
    photo = models.FileField(upload_to="people/", blank=True, editable=False)
    photo_thumbnail = models.FileField(upload_to="people/thumbnails/", blank=True, editable=False)

    class Meta:
        ordering = ["position", "name"]

    def __str__(self):
        return self.name


class BreakoutFormat(models.TextChoices):
    TALK = "talk", "Talk"
    DEMO = "demo", "Demo"
    TUTORIAL = "tutorial", "Tutorial"
    DISCUSSION = "discussion", "Discussion"


class BreakoutProposal(Proposal):
    """A 40-minute session proposed by someone whose poster was accepted."""

    decide_permission = "breakouts.decide_breakoutproposal"
    email_prefix = "breakout"
    Format = BreakoutFormat

    event = models.ForeignKey(Event, on_delete=models.PROTECT, related_name="breakouts")
    submitter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="breakout_proposals"
    )
    poster = models.ForeignKey(
        PosterProposal,
        on_delete=models.PROTECT,
        related_name="breakouts",
        help_text="The accepted poster this breakout belongs to.",
    )
    title = models.CharField(max_length=200)
    description = models.TextField(max_length=3000)
    format = models.CharField(max_length=12, choices=BreakoutFormat.choices)
    preferred_track = models.ForeignKey(
        Track,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="preferred session",
        help_text="Empty: no preference.",
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "breakout proposal"
        permissions = [("decide_breakoutproposal", "Can accept, reject or wait-list breakouts")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=Proposal.Status.values),
                name="breakout_status_valid",
            ),
            models.CheckConstraint(condition=~models.Q(title=""), name="breakout_title_not_empty"),
            models.CheckConstraint(
                condition=models.Q(format__in=BreakoutFormat.values), name="breakout_format_valid"
            ),
        ]
        indexes = [models.Index(fields=["event", "status"])]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("breakout_detail", args=[self.pk])

    @classmethod
    def authored_by(cls, user):
        """A Q: the breakouts `user` submitted, or whose poster they wrote or co-wrote."""
        return Q(submitter=user.pk) | poster_author_filter(user, via="poster")

    def email_context(self):
        context = super().email_context()
        context["proposal"].update(format=self.get_format_display(), poster_title=self.poster.title)
        return context


class BreakoutReview(ReviewBase):
    proposal = models.ForeignKey(BreakoutProposal, on_delete=models.CASCADE, related_name="reviews")

    class Meta(ReviewBase.Meta):
        verbose_name = "breakout review"


class BreakoutStatusChange(StatusChangeBase):
    proposal = models.ForeignKey(
        BreakoutProposal, on_delete=models.CASCADE, related_name="status_changes"
    )

    class Meta(StatusChangeBase.Meta):
        verbose_name = "breakout status change"


class ScheduleItemQuerySet(models.QuerySet):
    def on_the_programme(self):
        """What attendees see: every item except a breakout no longer accepted.

        A second guard only: the transitions take such a breakout off the schedule first.
        """
        return self.filter(
            models.Q(breakout__isnull=True) | models.Q(breakout__status__in=ACCEPTED_STATES)
        )


class ScheduleItem(models.Model):
    """Something on the programme: opening talks, a keynote, a breakout, networking.

    The rows are the organizers' draft: saving one changes no public page (attendees read
    the latest ScheduleRelease), so it does not bump the public version; a release does.
    """

    class Kind(models.TextChoices):
        OPENING = "opening", "Opening talks"
        KEYNOTE = "keynote", "Keynote"
        POSTERS = "posters", "Poster exhibition"
        BREAKOUT = "breakout", "Breakout"
        NETWORKING = "networking", "Networking"

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="schedule_items")
    guid = models.UUIDField(
        default=uuid.uuid4,
        unique=True,
        editable=False,
        help_text="Stable across releases: schedule apps recognise the item by it.",
    )
    kind = models.CharField(max_length=12, choices=Kind.choices)
    title = models.CharField(max_length=200, blank=True, help_text="Breakouts take theirs.")
    description = models.TextField(blank=True)
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField(blank=True, help_text="Breakouts: set from the length.")
    track = models.ForeignKey(
        Track,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="items",
        help_text="Empty: for both halves of the day.",
    )
    room = models.ForeignKey(
        Room, on_delete=models.PROTECT, null=True, blank=True, related_name="items"
    )
    recording_url = models.URLField("recording link", max_length=500, blank=True)
    breakout = models.OneToOneField(
        BreakoutProposal,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="schedule_item",
        limit_choices_to={"status": Proposal.Status.ACCEPTED},  # ACCEPTED_STATES' one status
    )
    presenter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
        help_text="The breakout's proposer, so the database refuses double bookings.",
    )
    speakers = models.ManyToManyField(Speaker, blank=True, related_name="items")

    objects = ScheduleItemQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at", "track__position", "room__position"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="schedule_item_ends_after_it_starts",
            ),
            models.CheckConstraint(
                condition=models.Q(kind="breakout", breakout__isnull=False)
                | (~models.Q(kind="breakout") & models.Q(breakout__isnull=True)),
                name="schedule_item_breakout_iff_kind_breakout",
            ),
            ExclusionConstraint(
                name="no_two_items_in_one_room_at_once",
                expressions=[(during(), RangeOperators.OVERLAPS), ("room", RangeOperators.EQUAL)],
                condition=models.Q(room__isnull=False),
                violation_error_message="This room is already booked at that time.",
            ),
            ExclusionConstraint(
                name="no_presenter_in_two_breakouts_at_once",
                expressions=[
                    (during(), RangeOperators.OVERLAPS),
                    ("presenter", RangeOperators.EQUAL),
                ],
                condition=models.Q(presenter__isnull=False),
                violation_error_message="The presenter already has a breakout at that time.",
            ),
        ]

    def __str__(self):
        return self.display_title

    def save(self, *args, **kwargs):
        """The presenter follows the breakout, for the constraint. Never the end: a slot's
        length changes only through the scheduling transitions, which record it."""
        if self.breakout_id:
            self.presenter_id = self.breakout.submitter_id
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        """Its page in its edition's schedule (under /<slug>/ for a past edition)."""
        return object_url(self, "schedule_item", [self.pk])

    @property
    def display_title(self):
        if self.breakout_id and not self.title:
            return self.breakout.title
        return self.title or self.get_kind_display()

    def clean(self):
        """The one check of a slot (sessions/slots.py)."""
        if self.kind == self.Kind.BREAKOUT and self.breakout_id:
            self.presenter_id = self.breakout.submitter_id
        if problems := slot_problems(self):
            raise ValidationError(problems)


class SlotChange(models.Model):
    """The history of a breakout's place on the schedule: placed, moved or taken off."""

    breakout = models.ForeignKey(
        BreakoutProposal, on_delete=models.CASCADE, related_name="slot_changes"
    )
    changed_by = recorded_by()
    changed_at = models.DateTimeField(default=timezone.now)
    starts_at_before = models.DateTimeField(null=True, blank=True)
    room_before = models.CharField(max_length=100, blank=True)
    starts_at_after = models.DateTimeField(null=True, blank=True)
    room_after = models.CharField(max_length=100, blank=True)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["changed_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(starts_at_before__isnull=False)
                | models.Q(starts_at_after__isnull=False),
                name="slot_change_has_a_before_or_an_after",
            ),
        ]

    def __str__(self):
        return self.summary

    @property
    def summary(self):
        if self.starts_at_before is None:
            return "Scheduled"
        if self.starts_at_after is None:
            return "Taken off the schedule"
        if (self.starts_at_before, self.room_before) == (self.starts_at_after, self.room_after):
            return "Length changed"
        return "Moved"


class ScheduleRelease(models.Model):
    """A published version of an event's schedule: what attendees and every feed see, until
    the next release. Organizers edit the schedule as a draft; releasing freezes it here.

    `programme` holds the whole day as it was released (sessions/releases.py writes and
    reads it), so a past edition's schedule stays exactly as it was; `changes` is the change
    log against the release before.
    """

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="schedule_releases")
    number = models.PositiveIntegerField()
    released_at = models.DateTimeField(default=timezone.now)
    released_by = recorded_by()
    note = models.TextField(blank=True, help_text="Shown to attendees above the change log.")
    programme = models.JSONField()
    changes = models.JSONField(default=list)

    class Meta:
        ordering = ["-number"]
        get_latest_by = "number"
        constraints = [
            models.UniqueConstraint(
                fields=["event", "number"],
                name="one_release_per_number_per_event",
                violation_error_message="Someone released the schedule at the same moment: "
                "look at the latest release and release again if you still need to.",
            ),
        ]

    def __str__(self):
        return f"{self.event} schedule, version {self.number}"

    def save(self, *args, **kwargs):
        """A release is never edited: pages keep each one's snapshot by its id for good."""
        if not self._state.adding:
            raise ValueError("A schedule release is never edited: release a new version.")
        super().save(*args, **kwargs)


# The breakouts' criterion scores and review assignments; imported so that Django registers them.
from .review_models import BreakoutReviewAssignment, BreakoutReviewScore  # noqa: E402, F401
