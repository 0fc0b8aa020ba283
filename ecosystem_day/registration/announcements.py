"""Announcements: organizers write to every registrant of an edition (or of one session of the
day) through the mail queue, throttled.

Sending is one transition (`send_announcement`): the announcement's row is locked, so of two
clicks on Send one queues the messages and the other is told it was sent; one message per
registrant is also a PostgreSQL constraint. The messages are spread over the minutes at
ANNOUNCEMENT_EMAILS_PER_MINUTE (their `scheduled_time`, which the mail worker honours) and
queued at low priority, so a sign-in link asked for meanwhile is not stuck behind them.
What organizers wrote is data: it is handed to the template as a value, never rendered.
"""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone
from post_office.models import PRIORITY, Email

from ecosystem_day.event.frozen import check_writable
from ecosystem_day.event.models import Event, Track
from ecosystem_day.infra.mail import prepare_email, queue_emails, site_link

from .statuses import Status


class Announcement(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="announcements")
    subject = models.CharField(max_length=150, help_text="The email's subject, as typed.")
    text = models.TextField(help_text="Plain text, sent as typed (no template, no HTML).")
    track = models.ForeignKey(
        Track,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="only to the session",
        help_text="Empty: everyone holding a seat. Else only those registered for it.",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recipients = models.PositiveIntegerField(default=0)

    class Meta:
        app_label = "registration"
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.subject

    def clean(self):
        if self.track_id and self.event_id and self.track.event_id != self.event_id:
            raise ValidationError({"track": "Choose one of this edition's sessions of the day."})

    def audience(self):
        return f"Registered for {self.track.name}" if self.track_id else "Everyone registered"

    def registrations(self):
        """Who gets it: those holding a seat (not the wait list), of its session if it names
        one, in the order they registered."""
        found = self.event.registrations.filter(status=Status.REGISTERED)
        if self.track_id:
            found = found.filter(tracks=self.track_id)
        return found.order_by("created_at", "pk")


class AnnouncementMessage(models.Model):
    """One registrant's copy of an announcement: its email in the queue."""

    announcement = models.ForeignKey(
        Announcement, on_delete=models.CASCADE, related_name="messages"
    )
    registration = models.ForeignKey(
        "registration.Registration", on_delete=models.CASCADE, related_name="+"
    )
    email = models.OneToOneField(
        Email, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        app_label = "registration"
        constraints = [
            models.UniqueConstraint(
                fields=["announcement", "registration"], name="one_announcement_per_registrant"
            ),
        ]

    def __str__(self):
        return f"{self.announcement} → registration {self.registration_id}"


class AlreadySent(ValidationError):
    """The announcement went out already (another click, another organizer)."""


def per_minute():
    return max(1, int(settings.ANNOUNCEMENT_EMAILS_PER_MINUTE))


def send_times(count, at):
    """When each of `count` messages may go: `per_minute()` of them each minute from `at`."""
    rate = per_minute()
    return [at + timedelta(minutes=index // rate) for index in range(count)]


def _context(announcement, registration):
    return {
        "name": registration.name,
        "event": announcement.event.name,
        "subject": announcement.subject,
        "text": announcement.text,
        "my_registration_url": site_link(reverse("my_registration")),
    }


def send_announcement(announcement, *, by, at=None):
    """Queue the announcement to its registrants, throttled; once. Raises AlreadySent when it
    was sent (by this click's twin, or another organizer), and PastEditionReadOnly for a past
    edition."""
    at = at or timezone.now()
    with transaction.atomic():
        locked = (
            Announcement.objects.select_related("event", "sent_by")
            .select_for_update(of=("self",))
            .get(pk=announcement.pk)
        )
        check_writable(locked.event)
        if locked.sent_at is not None:
            by_whom = locked.sent_by.name if locked.sent_by else "an organizer"
            moment = timezone.localtime(locked.sent_at, locked.event.tz)
            raise AlreadySent(
                f"This announcement was already sent by {by_whom} on "
                f"{moment:%B %-d, %Y at %H:%M} ({locked.event.time_zone}): it goes out once."
            )
        recipients = list(locked.registrations())
        emails = []
        for registration, send_at in zip(recipients, send_times(len(recipients), at), strict=True):
            email = prepare_email(
                "registration-announcement", registration.email, _context(locked, registration)
            )
            if email is not None:
                email.scheduled_time, email.priority = send_at, PRIORITY.low
            emails.append(email)
        queue_emails(emails)
        AnnouncementMessage.objects.bulk_create(
            AnnouncementMessage(announcement=locked, registration=registration, email=email)
            for registration, email in zip(recipients, emails, strict=True)
        )
        locked.sent_at, locked.sent_by, locked.recipients = at, by, len(recipients)
        locked.save(update_fields=["sent_at", "sent_by", "recipients"])
    return locked
