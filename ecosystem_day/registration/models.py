"""Attendees registering for an edition: the organizers' settings for it (one per edition, like
pretalx's CfP), their extra questions, the registrations, their answers and their history."""

from datetime import time, timedelta

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django_countries.fields import CountryField

from ecosystem_day.event.models import Event, OnPublicPages, Track, validate_time_zone
from ecosystem_day.infra.fields import recorded_by
from ecosystem_day.infra.timezones import parse_time_zone

from .statuses import ACTIVE_STATES, Status  # noqa: F401  (named from models by the app's modules)

# What the reminders promise (sessions/reminders.py plans them; the pages say it).
DAY_BEFORE_AT = time(9)  # in the registrant's zone, the day before their first session
ITEM_REMINDER_MINUTES = 10  # before each starred item, for those who turned it on

ALREADY_REGISTERED = (
    "This email address is already registered for this edition. Ask for a sign-in link to "
    "see or change that registration."
)


class RegistrationSettings(OnPublicPages):
    """How people register for one edition: on this site between two dates (with an optional
    capacity, then a wait list), or at an external address organizers give instead. The home
    page says how to register: saving bumps the edition's public version."""

    event = models.OneToOneField(
        Event, on_delete=models.CASCADE, primary_key=True, related_name="registration_settings"
    )
    opens_at = models.DateTimeField(help_text="The first second at which people can register.")
    closes_at = models.DateTimeField(
        help_text="The last second at which people can register or change (inclusive)."
    )
    capacity = models.PositiveIntegerField(
        null=True,
        blank=True,
        help_text="Seats. Empty: no limit. Once they are taken, people join a wait list and "
        "are given a seat, first come first served, as others cancel.",
    )
    external_url = models.URLField(
        "external registration address",
        blank=True,
        help_text="Registration happens there instead: the site links to it and shows no form.",
    )
    code_of_conduct_url = models.URLField(
        "code of conduct address",
        help_text="The form links to it; people must accept it to register.",
    )

    class Meta:
        verbose_name = verbose_name_plural = "registration settings"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_at__gt=models.F("opens_at")),
                name="registration_closes_after_it_opens",
                violation_error_message="Registration must close after it opens.",
            ),
            models.CheckConstraint(
                condition=models.Q(capacity__isnull=True) | models.Q(capacity__gte=1),
                name="registration_capacity_at_least_one",
                violation_error_message="The capacity is at least one seat (empty: no limit).",
            ),
        ]

    def __str__(self):
        return f"Registration for {self.event}"

    @property
    def is_external(self):
        return bool(self.external_url)

    def is_open(self, at=None):
        """From `opens_at` until the last second of `closes_at`, inclusive."""
        at = at or timezone.now()
        return self.opens_at <= at < self.closes_at + timedelta(seconds=1)

    def has_not_opened(self, at=None):
        return (at or timezone.now()) < self.opens_at


class Question(models.Model):
    """An extra question organizers add to an edition's form: free text or one choice."""

    class Kind(models.TextChoices):
        TEXT = "text", "Free text"
        CHOICE = "choice", "One of a list"

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="questions")
    label = models.CharField(max_length=200)
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.TEXT)
    choices = models.TextField(blank=True, help_text="For “One of a list”: one choice a line.")
    required = models.BooleanField(default=False)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self):
        return self.label

    def choice_list(self):
        return [line.strip() for line in self.choices.splitlines() if line.strip()]


class Registration(models.Model):
    """One person's registration for one edition. Deleting their data blanks what names them
    (`anonymised_at`) and keeps the row, so the counts stay true."""

    Status = Status

    event = models.ForeignKey(Event, on_delete=models.PROTECT, related_name="registrations")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="registrations",
        help_text="The account it belongs to, once its email is proven (a sign-in link or a "
        "verified account with that address).",
    )
    name = models.CharField(max_length=150)
    email = models.EmailField(max_length=254)
    affiliation = models.CharField(max_length=150, blank=True)
    country = CountryField("country or region", blank=True)
    tracks = models.ManyToManyField(
        Track, related_name="registrations", verbose_name="sessions of the day"
    )
    time_zone = models.CharField(max_length=64, validators=[validate_time_zone])
    code_of_conduct_accepted_at = models.DateTimeField(null=True)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.REGISTERED)
    created_at = models.DateTimeField(default=timezone.now)
    changed_at = models.DateTimeField(default=timezone.now)
    signed_in_at = models.DateTimeField(
        null=True, blank=True, help_text="The last use of a sign-in link: a used link fails."
    )
    anonymised_at = models.DateTimeField(null=True, blank=True)
    remind_before_items = models.BooleanField(
        "email me before each starred item",
        default=False,
        help_text="A reminder a few minutes before each item the attendee starred.",
    )

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                "event",
                Lower("email"),
                condition=models.Q(anonymised_at__isnull=True),
                name="one_registration_per_email_per_edition",
                violation_error_message=ALREADY_REGISTERED,
            ),
            models.CheckConstraint(
                condition=models.Q(anonymised_at__isnull=False)
                | models.Q(code_of_conduct_accepted_at__isnull=False),
                name="registration_accepted_the_code_of_conduct",
            ),
            models.CheckConstraint(
                condition=models.Q(anonymised_at__isnull=True)
                | models.Q(name="", email="", affiliation="", user__isnull=True),
                name="anonymised_registration_names_nobody",
            ),
        ]
        indexes = [models.Index(fields=["event", "status", "created_at"])]

    def __str__(self):
        return f"{self.name or 'Deleted'} · {self.event}"

    def get_absolute_url(self):
        return reverse("my_registration")

    @property
    def is_active(self):
        return self.status in ACTIVE_STATES

    @property
    def tz(self):
        return parse_time_zone(self.time_zone)

    @property
    def item_reminder_minutes(self):
        return ITEM_REMINDER_MINUTES

    @property
    def day_before_at(self):
        return DAY_BEFORE_AT


class Answer(models.Model):
    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    value = models.TextField(blank=True)

    class Meta:
        ordering = ["question__position", "question_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["registration", "question"], name="one_answer_per_question"
            ),
        ]

    def __str__(self):
        return f"{self.question}: {self.value}"


class RegistrationChange(models.Model):
    """The registration's history: each status change, who made it, when."""

    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="changes")
    from_status = models.CharField(max_length=12, choices=Status.choices, blank=True)
    to_status = models.CharField(max_length=12, choices=Status.choices)
    changed_at = models.DateTimeField(default=timezone.now)
    changed_by = recorded_by()
    note = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["changed_at", "pk"]

    def __str__(self):
        return f"{self.from_status or 'new'} → {self.to_status}"


# Models of this app kept beside their rules (so they register with it).
from .announcements import Announcement, AnnouncementMessage  # noqa: E402, F401
from .reminders import Reminder  # noqa: E402, F401
