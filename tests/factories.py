"""Factories for the data tests need; defaults describe an edition whose call is open."""

from datetime import datetime, time, timedelta

import factory
from django.contrib.auth.models import Group
from django.utils import timezone

from ecosystem_day.accounts.models import User
from ecosystem_day.event.models import Event, PublicVersion, Topic, Track
from ecosystem_day.registration.models import Registration, RegistrationSettings
from posters.call import CallForPosters
from posters.models import PosterProposal, Review
from sessions.breakout_settings import BreakoutSettings
from sessions.breakout_window import BreakoutWindow
from sessions.models import BreakoutProposal, BreakoutReview, Room, ScheduleItem, Speaker

PASSWORD = "a-long-test-password-42"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    name = factory.Faker("name")
    email = factory.Sequence(lambda n: f"person{n}@example.org")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def groups(user, create, names, **kwargs):
        if create and names:
            user.is_staff = True
            user.groups.add(*[Group.objects.get(name=name) for name in names])
        if create:
            user.save()


class CallForPostersFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CallForPosters
        django_get_or_create = ["event"]

    guidance = (
        "The focus must be on academic papers, machine learning research, or "
        "open-source projects. Please no sales pitches."
    )
    deadline = factory.LazyFunction(lambda: timezone.now() + timedelta(days=7))


class BreakoutSettingsFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BreakoutSettings
        django_get_or_create = ["event"]

    deadline = None
    minutes = 40


class EventFactory(factory.django.DjangoModelFactory):
    """An edition with its call for posters (open for a week) and its breakout settings (not
    open yet), as organizers create it on the admin's page: `EventFactory(cfp_deadline=…,
    breakout_deadline=…, breakout_minutes=…)` sets them."""

    class Meta:
        model = Event
        django_get_or_create = ["slug"]
        skip_postgeneration_save = True

    class Params:
        cfp_deadline = factory.LazyFunction(lambda: timezone.now() + timedelta(days=7))
        breakout_deadline = None
        breakout_minutes = 40

    name = "PyTorch Ecosystem Day 2021"
    slug = factory.Sequence(lambda n: f"ecosystem-day-{n}")
    date = factory.LazyFunction(lambda: (timezone.now() + timedelta(days=30)).date())
    time_zone = "America/Los_Angeles"
    is_current = True
    call = factory.RelatedFactory(
        CallForPostersFactory,
        factory_related_name="event",
        deadline=factory.SelfAttribute("..cfp_deadline"),
    )
    breakouts = factory.RelatedFactory(
        BreakoutSettingsFactory,
        factory_related_name="event",
        deadline=factory.SelfAttribute("..breakout_deadline"),
        minutes=factory.SelfAttribute("..breakout_minutes"),
    )


# The settings organizers give an edition on its admin page, by the names specs use: the row
# that holds each (its accessor on the edition) and its field there.
EDITION_SETTINGS = {
    "cfp_deadline": ("call_for_posters", "deadline"),
    "call_guidance": ("call_for_posters", "guidance"),
    "summary_min_length": ("call_for_posters", "summary_min_length"),
    "summary_max_length": ("call_for_posters", "summary_max_length"),
    "reviews_wanted": ("call_for_posters", "reviews_wanted"),
    "breakout_deadline": ("breakout_settings", "deadline"),
    "breakout_minutes": ("breakout_settings", "minutes"),
}


def set_edition_settings(event, **values):
    """Change an edition's settings as organizers do on its admin page (its call for posters,
    its breakouts' deadline and length): each row saved, the public version bumped. The
    breakouts' length is saved as it is, scheduled breakouts or not: specs of its rule call
    sessions.services.change_breakout_length."""
    rows = {}
    for name, value in values.items():
        accessor, field = EDITION_SETTINGS[name]
        row = rows.setdefault(accessor, getattr(event, accessor))
        setattr(row, field, value)
    for row in rows.values():
        row.save()
    return event


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic

    event = factory.SubFactory(EventFactory)
    name = factory.Sequence(lambda n: f"Topic {n}")


class PosterProposalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PosterProposal

    event = factory.SubFactory(EventFactory)
    submitter = factory.SubFactory(UserFactory)
    title = factory.Sequence(lambda n: f"A PyTorch library for reproducible research #{n}")
    summary = "A library that helps PyTorch researchers run reproducible experiments. " * 5
    authors = "Ada Lovelace\nAlan Turing"
    topic = factory.SubFactory(TopicFactory, event=factory.SelfAttribute("..event"))
    link = "https://github.com/example/project"
    status = PosterProposal.Status.SUBMITTED


class ReviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Review

    proposal = factory.SubFactory(PosterProposalFactory)
    reviewer = factory.SubFactory(UserFactory, groups=["Reviewers"])
    score = 4
    comment = "Clear and useful."


class AcceptedPosterFactory(PosterProposalFactory):
    status = PosterProposal.Status.ACCEPTED


class TrackFactory(factory.django.DjangoModelFactory):
    """A session of the day with its breakout window (sessions' BreakoutWindow), 9:00–12:00 on
    the event's day in the event's zone unless given; its span is its window unless given.
    `breakouts_start_at=None`: a session without a window yet."""

    class Meta:
        model = Track

    event = factory.SubFactory(EventFactory)
    name = factory.Sequence(lambda n: f"Track {n}")
    slug = factory.Sequence(lambda n: f"track-{n}")
    breakouts_start_at = factory.LazyAttribute(
        lambda o: datetime.combine(o.event.date, time(9), tzinfo=o.event.tz)
    )
    breakouts_end_at = factory.LazyAttribute(
        lambda o: datetime.combine(o.event.date, time(12), tzinfo=o.event.tz)
    )
    starts_at = factory.LazyAttribute(
        lambda o: o.breakouts_start_at or datetime.combine(o.event.date, time(9), tzinfo=o.event.tz)
    )
    ends_at = factory.LazyAttribute(
        lambda o: o.breakouts_end_at or datetime.combine(o.event.date, time(12), tzinfo=o.event.tz)
    )

    @classmethod
    def _create(cls, model_class, *args, breakouts_start_at=None, breakouts_end_at=None, **kwargs):
        with PublicVersion.bumped_once():  # a session and its window: one change of pages
            track = super()._create(model_class, *args, **kwargs)
            if breakouts_start_at is not None:
                BreakoutWindow.objects.create(
                    track=track, starts_at=breakouts_start_at, ends_at=breakouts_end_at
                )
        return track


class RoomFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Room

    event = factory.SubFactory(EventFactory)
    name = factory.Sequence(lambda n: f"Breakout room {n}")
    join_url = factory.Sequence(lambda n: f"https://meet.example.org/room-{n}")


class SpeakerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Speaker

    event = factory.SubFactory(EventFactory)
    name = factory.Faker("name")
    affiliation = "PyTorch"


class BreakoutProposalFactory(factory.django.DjangoModelFactory):
    """A breakout on the submitter's own accepted poster."""

    class Meta:
        model = BreakoutProposal

    event = factory.SubFactory(EventFactory)
    poster = factory.SubFactory(AcceptedPosterFactory, event=factory.SelfAttribute("..event"))
    submitter = factory.SelfAttribute("poster.submitter")
    title = factory.Sequence(lambda n: f"Hands-on with our library, part {n}")
    description = "A live demo and questions from the audience."
    format = BreakoutProposal.Format.DEMO
    status = BreakoutProposal.Status.SUBMITTED


class AcceptedBreakoutFactory(BreakoutProposalFactory):
    status = BreakoutProposal.Status.ACCEPTED


class BreakoutReviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BreakoutReview

    proposal = factory.SubFactory(BreakoutProposalFactory)
    reviewer = factory.SubFactory(UserFactory, groups=["Reviewers"])
    score = 4
    comment = "Would fill a room."


class ScheduleItemFactory(factory.django.DjangoModelFactory):
    """A non-breakout item (networking by default) starting at 9:00 on the event's day."""

    class Meta:
        model = ScheduleItem

    event = factory.SubFactory(EventFactory)
    kind = ScheduleItem.Kind.NETWORKING
    title = "Networking"
    starts_at = factory.LazyAttribute(
        lambda o: datetime.combine(o.event.date, time(9), tzinfo=o.event.tz)
    )
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + timedelta(hours=1))


class ScheduledBreakoutFactory(factory.django.DjangoModelFactory):
    """An accepted breakout in a room of a track, at 9:00 by default (the end follows)."""

    class Meta:
        model = ScheduleItem

    event = factory.SubFactory(EventFactory)
    kind = ScheduleItem.Kind.BREAKOUT
    breakout = factory.SubFactory(AcceptedBreakoutFactory, event=factory.SelfAttribute("..event"))
    track = factory.SubFactory(TrackFactory, event=factory.SelfAttribute("..event"))
    room = factory.SubFactory(RoomFactory, event=factory.SelfAttribute("..event"))
    starts_at = factory.LazyAttribute(
        lambda o: datetime.combine(o.event.date, time(9), tzinfo=o.event.tz)
    )
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + o.event.breakout_settings.length)


class RegistrationSettingsFactory(factory.django.DjangoModelFactory):
    """Registration open since yesterday, for another week, without a capacity."""

    class Meta:
        model = RegistrationSettings

    event = factory.SubFactory(EventFactory)
    opens_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=1))
    closes_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=7))
    code_of_conduct_url = "https://example.org/code-of-conduct/"


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Registration
        skip_postgeneration_save = True

    event = factory.SubFactory(EventFactory)
    name = factory.Faker("name")
    email = factory.Sequence(lambda n: f"attendee{n}@example.org")
    time_zone = "Europe/Berlin"
    country = "DE"
    code_of_conduct_accepted_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def tracks(registration, create, tracks, **kwargs):
        if create and tracks:
            registration.tracks.set(tracks)
