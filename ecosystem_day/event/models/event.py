"""The event: one edition of the day and its public version (and the caches that find them)."""

from contextlib import contextmanager
from contextvars import ContextVar
from datetime import datetime, time, timedelta

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import models, transaction
from django.db.models import F
from django.utils import timezone

from ecosystem_day.infra.timezones import parse_time_zone

from .. import frozen
from ..addresses import in_edition, reserved_segments
from ..edition_parts import edition_parts, rows_of

CURRENT_VERSION_KEY = "event:current-public-version"
CURRENT_EDITION_KEY = "event:current-edition"
PAST_EDITIONS_KEY = "event:past-editions"
PAST_EDITION_SLUGS_KEY = "event:past-edition-slugs"
CURRENT_VERSION_TTL = 5  # seconds a process may serve pages of the previous version


def validate_time_zone(value):
    if parse_time_zone(value) is None:
        raise ValidationError(f"“{value}” is not an IANA time zone name, such as Europe/Paris.")


class EventQuerySet(models.QuerySet):
    def current(self):
        """The edition the public pages show, or None before organizers create one, with its
        registration settings (the home page says how to register) and the apps' settings for it
        (ecosystem_day/event/edition_parts.py)."""
        return (
            self.filter(is_current=True)
            .select_related("public_version", "registration_settings", *edition_parts())
            .first()
        )


class Event(models.Model):
    """One edition of the day: its date, zone and texts. What the apps above decide for it (the
    call's deadline, the breakouts' length) lives in their own rows, one-to-one with it."""

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
    is_current = models.BooleanField(
        default=False, help_text="The edition the public pages show. Only one can be current."
    )
    # A past edition is read-only (ecosystem_day/event/frozen.py) unless a superuser reopened it.
    reopened_at = models.DateTimeField(null=True, blank=True, editable=False)
    reopened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    reopen_reason = models.TextField(blank=True, editable=False)

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["-date"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_current"],
                condition=models.Q(is_current=True),
                name="only_one_current_event",
            ),
            models.CheckConstraint(
                condition=models.Q(
                    reopened_at__isnull=True, reopened_by__isnull=True, reopen_reason=""
                )
                | (
                    models.Q(reopened_at__isnull=False, reopened_by__isnull=False)
                    & ~models.Q(reopen_reason="")
                ),
                name="a_reopening_says_when_who_and_why",
            ),
        ]
        permissions = [("view_dashboard", "Can see the organizers' dashboard")]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        PublicVersion.objects.get_or_create(event_id=self.pk)
        PublicVersion.bump(self.pk)
        forget_current_version()  # which event is current may have changed

    def get_absolute_url(self):
        """Its home page: the root for the current edition, /<slug>/ for a past one."""
        return in_edition(None if self.is_current else self.slug, "home")

    def clean(self):
        super().clean()
        # Past editions live at /<slug>/…: a slug the site's own pages use would hide them.
        if self.slug and self.slug.lower() in reserved_segments():
            raise ValidationError(
                {
                    "slug": f"“{self.slug}” is the address of the site's own pages "
                    f"(/{self.slug}/); choose another, such as the edition's year."
                }
            )

    def delete(self, *args, **kwargs):
        result = super().delete(*args, **kwargs)
        forget_current_version()
        return result

    @property
    def tz(self):
        return parse_time_zone(self.time_zone)

    @property
    def is_past(self):
        """Not current and its day over (ecosystem_day/event/frozen.py), reopened or not."""
        return frozen.is_past(self)

    @property
    def is_read_only(self):
        """A past edition nobody reopened: nothing of it changes any more."""
        return frozen.is_read_only(self)

    @property
    def public_version_number(self):
        """How many times its public pages changed: 0 before the first change."""
        try:
            return self.public_version.number
        except PublicVersion.DoesNotExist:
            return 0

    @property
    def last_published_at(self):
        """When organizers last changed what the public sees of the event."""
        try:
            return self.public_version.changed_at
        except PublicVersion.DoesNotExist:
            return None

    def milestones(self):
        """The moments at which pages about the event change by themselves: calls closing (its
        apps' settings say when), registration closing (the menu's "Register" goes), the day
        starting and ending (in the event's zone)."""
        moments = [moment for row in rows_of(self) for moment in row.milestones()]
        registration = self._fetched_with_it("registration_settings")
        if registration is not None and not registration.is_external:
            moments.append(registration.closes_at + timedelta(seconds=1))
        day_start = datetime.combine(self.date, time(0), tzinfo=self.tz)
        return [*moments, day_start, day_start + timedelta(days=1)]

    def _fetched_with_it(self, name):
        """The one-to-one row `name` if it was fetched with the event (select_related), else
        None: never a query."""
        if not getattr(type(self), name).is_cached(self):
            return None
        try:
            return getattr(self, name)
        except ObjectDoesNotExist:
            return None


_bumps_held = ContextVar("public_version_bumps_held", default=None)


class PublicVersion(models.Model):
    """Counts the changes to what the public sees of an event; cached pages are keyed on it.

    Only changes that alter a public page bump it, after their transaction commits, so no
    transition ever waits for this row and a rolled-back change bumps nothing.
    """

    event = models.OneToOneField(
        Event, on_delete=models.CASCADE, primary_key=True, related_name="public_version"
    )
    number = models.PositiveBigIntegerField(default=0)
    changed_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return f"{self.event} v{self.number}"

    @classmethod
    def bump(cls, event_id):
        """Once the surrounding transaction commits (at once outside one)."""
        held = _bumps_held.get()
        if held is not None:
            held.add(event_id)
            return
        transaction.on_commit(lambda: cls._bump_now(event_id))

    @classmethod
    @contextmanager
    def bumped_once(cls):
        """Every change inside bumps each event's version once, after commit, not once a row
        (an import of seventy posters flushes the attendees' pages once). Nothing is bumped
        when the block raises."""
        held = set()
        token = _bumps_held.set(held)
        try:
            yield
        finally:
            _bumps_held.reset(token)
        for event_id in sorted(held):
            cls.bump(event_id)

    @classmethod
    def _bump_now(cls, event_id):
        bumped = cls.objects.filter(event_id=event_id).update(
            number=F("number") + 1, changed_at=timezone.now()
        )
        if not bumped:
            cls.objects.get_or_create(event_id=event_id, defaults={"number": 1})
        forget_current_version()


def version_token(event_id, number):
    """The token of an edition's public version that its pages are cached under."""
    return f"{event_id}.{number or 0}"


def current_public_version():
    """A token for the current event and its public version; a cache hit costs no query.

    A shared cache (REDIS_URL) sees a bump at once; a per-process cache may keep the
    previous token for CURRENT_VERSION_TTL seconds.
    """
    version = cache.get(CURRENT_VERSION_KEY)
    if version is None:
        row = (
            Event.objects.filter(is_current=True)
            .values_list("pk", "public_version__number")
            .first()
        )
        version = version_token(*row) if row else "none"
        cache.set(CURRENT_VERSION_KEY, version, CURRENT_VERSION_TTL)
    return version


def current_edition(request):
    """The current edition for `request`: on a GET, the cached row (forgotten with the current
    version, like the past editions), so that a page costs no query to find it; a POST, whose
    rules (deadlines) must see the row as it is now, reads the database."""
    if request.method not in ("GET", "HEAD"):
        return Event.objects.current()
    missing = object()
    edition = cache.get(CURRENT_EDITION_KEY, missing)
    if edition is missing:
        edition = Event.objects.current()
        cache.set(CURRENT_EDITION_KEY, edition, CURRENT_VERSION_TTL)
    return edition


def past_editions_by_slug():
    """{slug: edition (with its public version)} for every edition that is not current, so
    that a page of a past edition costs no query to find it. Forgotten with the current
    version: when an edition is created, changed, deleted or made current, or bumped."""
    editions = cache.get(PAST_EDITIONS_KEY)
    if editions is None:
        editions = {
            edition.slug: edition
            for edition in Event.objects.filter(is_current=False).select_related(
                "public_version", *edition_parts()
            )
        }
        cache.set(PAST_EDITIONS_KEY, editions, CURRENT_VERSION_TTL)
    return editions


def past_edition_slugs():
    """{event pk: slug} of the editions that are not current, for links to their pages; a
    cache hit costs no query. Forgotten with the current version."""
    slugs = cache.get(PAST_EDITION_SLUGS_KEY)
    if slugs is None:
        slugs = dict(Event.objects.filter(is_current=False).values_list("pk", "slug"))
        cache.set(PAST_EDITION_SLUGS_KEY, slugs, CURRENT_VERSION_TTL)
    return slugs


def forget_current_version():
    """Forget the cached editions and their version tokens (current and past)."""
    keys = [CURRENT_VERSION_KEY, CURRENT_EDITION_KEY, PAST_EDITIONS_KEY, PAST_EDITION_SLUGS_KEY]
    cache.delete_many(keys)
    # Again after commit, in case a request cached the old tokens in between.
    transaction.on_commit(lambda: cache.delete_many(keys))
