"""A past edition to try to change, and a dump of its rows to show that nothing did.

`two_editions` builds 2021 as it was built then (the current edition, its schedule placed and
released through the transitions), then starts the next edition from it and makes that one
current: 2021 is a past edition. `edition_rows` reads every row that belongs to an edition.
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.utils import timezone
from post_office.models import Email

from ecosystem_day.event.editions import NextEdition, start_next_edition
from ecosystem_day.event.models import Event, PublicVersion, Topic, Track
from ecosystem_day.registration.models import (
    Announcement,
    AnnouncementMessage,
    Answer,
    Question,
    Registration,
    RegistrationChange,
    RegistrationSettings,
    Reminder,
)
from posters.models import (
    PosterProposal,
    Review,
    ReviewAssignment,
    ReviewCriterion,
    ReviewScore,
    ReviewSettings,
    StatusChange,
)
from sessions.attendance import Attendance
from sessions.breakout_window import BreakoutWindow
from sessions.models import (
    AgendaFeed,
    BreakoutProposal,
    BreakoutReview,
    BreakoutReviewAssignment,
    BreakoutStatusChange,
    Room,
    ScheduleItem,
    ScheduleRelease,
    SlotChange,
    Speaker,
    Star,
)
from sessions.releases import release_schedule
from sessions.services import schedule_breakout
from tests.factories import (
    AcceptedBreakoutFactory,
    AcceptedPosterFactory,
    BreakoutReviewFactory,
    EventFactory,
    PosterProposalFactory,
    RegistrationFactory,
    RegistrationSettingsFactory,
    ReviewFactory,
    RoomFactory,
    SpeakerFactory,
    TopicFactory,
    TrackFactory,
    UserFactory,
    set_edition_settings,
)
from tests.sessions.helpers import LOS_ANGELES, at

PAST_NAME = "PyTorch Ecosystem Day 2021"
READ_ONLY = f"{PAST_NAME} is a past edition: it is read-only."


@dataclass
class Editions:
    past: Event
    current: Event
    submitter: object
    organizer: object
    poster: PosterProposal  # the submitter's accepted 2021 poster, with a scheduled breakout
    waiting: PosterProposal  # the submitter's 2021 poster still awaiting a decision
    unclaimed: PosterProposal  # an imported 2021 poster given the submitter's email
    breakout: BreakoutProposal
    item: ScheduleItem
    track: Track
    room: Room


def two_editions(submitter, organizer):
    past = EventFactory(
        name=PAST_NAME,
        slug="2021",
        date=date(2021, 4, 21),
        cfp_deadline=datetime(2021, 3, 18, 23, 59, 59, tzinfo=LOS_ANGELES),
        breakout_deadline=datetime(2021, 4, 7, 23, 59, 59, tzinfo=LOS_ANGELES),
    )
    topic = TopicFactory(event=past, name="NLP")
    track = TrackFactory(event=past, name="Morning (EMEA)", slug="morning")
    room = RoomFactory(event=past, name="Breakout room 1")
    SpeakerFactory(event=past, name="Joe Spisak")
    poster = AcceptedPosterFactory(
        event=past, submitter=submitter, topic=topic, title="TorchTrace", board_code="A1"
    )
    poster.tending_tracks.set([track])
    waiting = PosterProposalFactory(event=past, submitter=submitter, topic=topic, title="Later")
    unclaimed = AcceptedPosterFactory(
        event=past,
        submitter=None,
        topic=topic,
        title="Imported in 2021",
        claim_email=submitter.email,
        claim_token="an-invitation-from-2021",
    )
    review = ReviewFactory(proposal=waiting, reviewer=UserFactory(groups=["Reviewers"]))
    criterion = ReviewSettings.objects.create(event=past, blind=True).criteria.create(
        name="Clarity"
    )
    ReviewScore.objects.create(review=review, criterion=criterion, score=4)
    ReviewAssignment.objects.create(proposal=waiting, reviewer=review.reviewer)
    breakout = AcceptedBreakoutFactory(event=past, poster=poster, preferred_track=track)
    BreakoutReviewAssignment.objects.create(
        proposal=breakout, reviewer=BreakoutReviewFactory(proposal=breakout).reviewer
    )
    item = schedule_breakout(
        breakout, track=track, room=room, starts_at=at(9), by=organizer, at=at(10, day=12)
    )
    release_schedule(past, by=organizer, at=at(10, day=12), note="The programme.")
    RegistrationSettingsFactory(
        event=past, opens_at=at(9, day=1), closes_at=at(23, day=20), capacity=1
    )
    question = Question.objects.create(event=past, label="Why do you come?")
    attendee = RegistrationFactory(
        event=past, user=submitter, email=submitter.email, tracks=[track]
    )
    Answer.objects.create(registration=attendee, question=question, value="To learn.")
    RegistrationChange.objects.create(registration=attendee, to_status="registered")
    RegistrationFactory(event=past, status="wait_listed", tracks=[track])
    Attendance.objects.create(
        registration=attendee, event=past, item_id=item.pk, item_guid=item.guid, item_title="x"
    )
    Reminder.objects.create(registration=attendee, kind="day_before", send_at=at(9, day=20))
    Announcement.objects.create(event=past, subject="See you tomorrow", text="Join from 8:00.")
    day = timezone.localdate() + timedelta(days=60)
    current = start_next_edition(
        past, NextEdition(name="PyTorch Ecosystem Day Next", slug="next", date=day)
    )
    past.is_current = False
    past.save()
    current.is_current = True
    current.save()
    set_edition_settings(current, cfp_deadline=timezone.now() + timedelta(days=7))
    past.refresh_from_db()
    Email.objects.all().delete()  # the release's email to the presenter, sent long ago
    return Editions(
        past=past,
        current=current,
        submitter=submitter,
        organizer=organizer,
        poster=poster,
        waiting=waiting,
        unclaimed=unclaimed,
        breakout=breakout,
        item=item,
        track=track,
        room=room,
    )


# Every model whose rows belong to an edition, with the lookup from a row to its edition.
EDITION_ROWS = [
    (Event, "pk"),
    (PublicVersion, "event"),
    (Topic, "event"),
    (Track, "event"),
    (BreakoutWindow, "track__event"),
    (PosterProposal, "event"),
    (PosterProposal.tending_tracks.through, "posterproposal__event"),
    (PosterProposal.extra_topics.through, "posterproposal__event"),
    (Review, "proposal__event"),
    (ReviewSettings, "event"),
    (ReviewCriterion, "settings__event"),
    (ReviewScore, "review__proposal__event"),
    (ReviewAssignment, "proposal__event"),
    (BreakoutReviewAssignment, "proposal__event"),
    (StatusChange, "proposal__event"),
    (BreakoutProposal, "event"),
    (BreakoutReview, "proposal__event"),
    (BreakoutStatusChange, "proposal__event"),
    (Room, "event"),
    (Speaker, "event"),
    (ScheduleItem, "event"),
    (ScheduleItem.speakers.through, "scheduleitem__event"),
    (SlotChange, "breakout__event"),
    (ScheduleRelease, "event"),
    (Star, "event"),
    (AgendaFeed, "event"),
    (RegistrationSettings, "event"),
    (Question, "event"),
    (Registration, "event"),
    (Registration.tracks.through, "registration__event"),
    (Answer, "registration__event"),
    (RegistrationChange, "registration__event"),
    (Attendance, "event"),
    (Reminder, "registration__event"),
    (Announcement, "event"),
    (AnnouncementMessage, "announcement__event"),
]


def edition_rows(event):
    """Every row of the edition, every column, in a stable order: equal dumps, nothing changed."""
    return {
        model._meta.label: list(model.objects.filter(**{lookup: event.pk}).order_by("pk").values())
        for model, lookup in EDITION_ROWS
    }


def emails_queued():
    return Email.objects.count()
