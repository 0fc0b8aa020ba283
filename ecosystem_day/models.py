"""The event itself (its edition, dates, zone, deadlines, topics), accounts and email."""

import zoneinfo
from datetime import timedelta

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create(self, email, password, **fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **fields):
        fields.setdefault("is_staff", False)
        fields.setdefault("is_superuser", False)
        return self._create(email, password, **fields)

    def create_superuser(self, email, password=None, **fields):
        fields.update(is_staff=True, is_superuser=True)
        return self._create(email, password, **fields)


class User(AbstractBaseUser, PermissionsMixin):
    """A person: submitter, reviewer or organizer. Signs in with their email."""

    email = models.EmailField("email address", unique=True)
    name = models.CharField(max_length=150, help_text="As it should appear on the programme.")
    is_staff = models.BooleanField(
        default=False, help_text="Can sign in to the organizers' panel (the admin)."
    )
    is_active = models.BooleanField(default=True)
    date_joined = models.DateTimeField(default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["name"]

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(Lower("email"), name="user_email_unique_ignoring_case"),
        ]

    def __str__(self):
        return f"{self.name} <{self.email}>" if self.name else self.email

    def get_full_name(self):
        return self.name

    def get_short_name(self):
        return self.name.split(" ")[0] if self.name else self.email


def validate_time_zone(value):
    try:
        zoneinfo.ZoneInfo(value)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError) as error:
        raise ValidationError(f"“{value}” is not an IANA time zone name.") from error


PUBLIC_VERSION_KEY = "event:public-version"
PUBLIC_VERSION_TTL = 5


class EventQuerySet(models.QuerySet):
    def current(self):
        """The edition the public pages show, or None before organizers create one."""
        return self.filter(is_current=True).first()


class Event(models.Model):
    """One edition of the day. Every date, time and text the public sees lives here."""

    name = models.CharField(max_length=200)
    slug = models.SlugField(unique=True)
    date = models.DateField(help_text="The day of the event, in its own time zone.")
    time_zone = models.CharField(
        max_length=64,
        validators=[validate_time_zone],
        help_text="IANA name, for example America/Los_Angeles. All programme times are in it.",
    )
    tagline = models.CharField(max_length=300, blank=True)
    description = models.TextField(blank=True, help_text="Shown on the home page.")
    call_for_posters = models.TextField(
        blank=True, help_text="The call's guidance, shown above the poster form."
    )
    cfp_deadline = models.DateTimeField(
        "poster deadline",
        help_text="The last second at which poster proposals are accepted (inclusive).",
    )
    breakout_deadline = models.DateTimeField(
        null=True,
        blank=True,
        help_text="The last second at which breakout proposals are accepted (inclusive). "
        "Empty: breakout proposals are not open yet.",
    )
    breakout_minutes = models.PositiveSmallIntegerField("breakout length (minutes)", default=40)
    is_current = models.BooleanField(
        default=False, help_text="The edition the public pages show. Only one can be current."
    )
    updated_at = models.DateTimeField(
        auto_now=True,
        help_text="Changes whenever the event or anything on its public pages changes; "
        "cached pages follow it.",
    )

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["-date"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_current"],
                condition=models.Q(is_current=True),
                name="only_one_current_event",
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        self.forget_public_version()

    def get_absolute_url(self):
        return reverse("home")

    def delete(self, *args, **kwargs):
        result = super().delete(*args, **kwargs)
        self.forget_public_version()
        return result

    @property
    def tz(self):
        return zoneinfo.ZoneInfo(self.time_zone)

    def cfp_is_open(self, at=None):
        """Deadlines include their last second: open until deadline + 1 s."""
        at = at or timezone.now()
        return at < self.cfp_deadline + timedelta(seconds=1)

    def breakouts_are_open(self, at=None):
        """Open once organizers set a breakout deadline, until its last second."""
        if self.breakout_deadline is None:
            return False
        at = at or timezone.now()
        return at < self.breakout_deadline + timedelta(seconds=1)

    @property
    def breakout_length(self):
        return timedelta(minutes=self.breakout_minutes)

    @classmethod
    def touch(cls, event_id):
        """Mark what the public sees of this event as changed: cached pages refresh."""
        cls.objects.filter(pk=event_id).update(updated_at=timezone.now())
        cls.forget_public_version()

    @classmethod
    def public_version(cls):
        """A token that changes whenever the current event or anything public of it changes.

        Cached pages are keyed on it. It is itself cached for a few seconds, so that a cached
        page costs no query: a shared cache (REDIS_URL) sees a change at once; a
        per-process cache may serve the previous version for PUBLIC_VERSION_TTL seconds.
        """
        version = cache.get(PUBLIC_VERSION_KEY)
        if version is None:
            current = cls.objects.filter(is_current=True).values_list("pk", "updated_at").first()
            version = f"{current[0]}.{current[1].timestamp()}" if current else "none"
            cache.set(PUBLIC_VERSION_KEY, version, PUBLIC_VERSION_TTL)
        return version

    @staticmethod
    def forget_public_version():
        cache.delete(PUBLIC_VERSION_KEY)
        # Again after commit, in case a request cached the old version in between.
        transaction.on_commit(lambda: cache.delete(PUBLIC_VERSION_KEY))


class TouchesEventQuerySet(models.QuerySet):
    """Bulk deletes and updates (the admin's "delete selected") refresh cached pages too."""

    def _touch(self, event_ids):
        for event_id in event_ids:
            Event.touch(event_id)

    def delete(self):
        event_ids = set(self.values_list("event_id", flat=True))
        result = super().delete()
        self._touch(event_ids)
        return result

    def update(self, **kwargs):
        event_ids = set(self.values_list("event_id", flat=True))
        result = super().update(**kwargs)
        self._touch(event_ids | {kwargs["event_id"]} if "event_id" in kwargs else event_ids)
        return result


class TouchesEvent(models.Model):
    """For models shown on public pages: saving or deleting one refreshes cached pages."""

    objects = TouchesEventQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        Event.touch(self.event_id)

    def delete(self, *args, **kwargs):
        result = super().delete(*args, **kwargs)
        Event.touch(self.event_id)
        return result


class Topic(TouchesEvent):
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


class EmailTemplate(models.Model):
    """The wording of an email the platform sends, editable by organizers without a deploy.

    Subject and body are Django templates; each template's help text lists its variables.
    """

    key = models.SlugField(max_length=64, unique=True, help_text="Used by the code; do not change.")
    description = models.CharField(max_length=200, blank=True)
    subject = models.CharField(max_length=250)
    body = models.TextField()

    class Meta:
        ordering = ["key"]

    def __str__(self):
        return self.description or self.key


class OutboxEmail(models.Model):
    """A message kept until it is delivered; a failed delivery stays pending with its error."""

    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        SENT = "sent", "Sent"

    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    from_email = models.CharField(max_length=254)
    to = models.JSONField(help_text="Recipient addresses.")
    cc = models.JSONField(default=list, blank=True)
    bcc = models.JSONField(default=list, blank=True)
    reply_to = models.JSONField(default=list, blank=True)
    subject = models.CharField(max_length=998)
    body = models.TextField()
    html_body = models.TextField(blank=True)
    headers = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveIntegerField(default=0)
    last_attempt_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "outbox email"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=["pending", "sent"]), name="outbox_status_valid"
            ),
        ]

    def __str__(self):
        return f"{self.subject} → {', '.join(self.to)}"
