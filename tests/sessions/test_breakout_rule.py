"""A breakout needs its proposer's accepted poster, before and after it is proposed."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.utils import timezone
from post_office.models import Email

from posters.models import PosterProposal
from posters.proposals import InvalidStatusChange
from posters.services import change_poster_status, withdraw_poster
from sessions.breakout_settings import breakout_settings_for
from sessions.models import BreakoutProposal, BreakoutStatusChange, ScheduleItem
from sessions.services import (
    BreakoutsClosed,
    NoAcceptedPoster,
    change_breakout_status,
    propose_breakout,
)
from tests.factories import (
    AcceptedBreakoutFactory,
    AcceptedPosterFactory,
    BreakoutProposalFactory,
    EventFactory,
    PosterProposalFactory,
    ScheduledBreakoutFactory,
    TopicFactory,
)
from tests.sessions.helpers import open_for_breakouts

Status = PosterProposal.Status
LOS_ANGELES = ZoneInfo("America/Los_Angeles")
DEADLINE = datetime(2021, 4, 14, 23, 59, 59, tzinfo=LOS_ANGELES)
LOST_POSTER_NOTE = "Its poster “{}” is no longer accepted, and a breakout needs an accepted poster."


@pytest.fixture
def open_event(event):
    """The current edition, with breakout proposals open for three more days."""
    return open_for_breakouts(event)


def breakout_fields(title="Live-coding a custom kernel"):
    return {
        "title": title,
        "description": "We write and profile a custom operator together.",
        "format": BreakoutProposal.Format.TUTORIAL,
    }


def subjects(queued_mail):
    return [message.subject for message in queued_mail]


def assert_nothing_proposed(queued_mail):
    assert BreakoutProposal.objects.count() == 0
    assert BreakoutStatusChange.objects.count() == 0
    assert Email.objects.count() == 0
    assert queued_mail == []


def test_a_presenter_of_an_accepted_poster_can_propose_a_breakout(
    open_event, submitter, django_capture_on_commit_callbacks, queued_mail
):
    poster = AcceptedPosterFactory(event=open_event, submitter=submitter)

    with django_capture_on_commit_callbacks(execute=True):
        breakout = propose_breakout(
            event=open_event, submitter=submitter, poster=poster, **breakout_fields()
        )

    breakout.refresh_from_db()
    assert (breakout.status, breakout.poster, breakout.submitter, breakout.event) == (
        Status.SUBMITTED,
        poster,
        submitter,
        open_event,
    )
    [change] = BreakoutStatusChange.objects.all()
    assert (change.proposal, change.from_status, change.to_status, change.changed_by) == (
        breakout,
        "",
        "submitted",
        submitter,
    )
    [message] = queued_mail
    assert message.subject == "We received your breakout proposal: Live-coding a custom kernel"
    assert message.to == ["sam@example.org"]


def test_without_any_poster_a_breakout_is_refused(
    open_event, submitter, django_capture_on_commit_callbacks, queued_mail
):
    someone_elses = AcceptedPosterFactory(event=open_event)

    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(NoAcceptedPoster, match="Propose a poster first"),
    ):
        propose_breakout(
            event=open_event, submitter=submitter, poster=someone_elses, **breakout_fields()
        )

    assert_nothing_proposed(queued_mail)


@pytest.mark.parametrize("status", [Status.SUBMITTED, Status.WAITLISTED])
def test_a_poster_still_under_review_cannot_carry_a_breakout_yet(
    open_event, submitter, django_capture_on_commit_callbacks, queued_mail, status
):
    poster = PosterProposalFactory(event=open_event, submitter=submitter, status=status)

    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(NoAcceptedPoster, match="your poster is still being reviewed"),
    ):
        propose_breakout(event=open_event, submitter=submitter, poster=poster, **breakout_fields())

    assert_nothing_proposed(queued_mail)


@pytest.mark.parametrize("status", [Status.WITHDRAWN, Status.REJECTED])
def test_a_withdrawn_or_rejected_poster_cannot_carry_a_breakout(
    open_event, submitter, django_capture_on_commit_callbacks, queued_mail, status
):
    poster = PosterProposalFactory(event=open_event, submitter=submitter, status=status)

    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(NoAcceptedPoster, match="Breakouts are for presenters of an accepted"),
    ):
        propose_breakout(event=open_event, submitter=submitter, poster=poster, **breakout_fields())

    assert_nothing_proposed(queued_mail)


def test_someone_elses_accepted_poster_cannot_carry_your_breakout(
    open_event, submitter, django_capture_on_commit_callbacks, queued_mail
):
    AcceptedPosterFactory(event=open_event, submitter=submitter, title="Mine")
    theirs = AcceptedPosterFactory(event=open_event, title="Theirs")

    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(NoAcceptedPoster) as refusal,
    ):
        propose_breakout(event=open_event, submitter=submitter, poster=theirs, **breakout_fields())

    assert str(refusal.value.args[0]) == "That poster is not one of your accepted posters."
    assert_nothing_proposed(queued_mail)


def test_a_poster_still_under_review_cannot_carry_a_breakout_even_with_another_accepted(
    open_event, submitter, django_capture_on_commit_callbacks, queued_mail
):
    AcceptedPosterFactory(event=open_event, submitter=submitter, title="Accepted one")
    pending = PosterProposalFactory(event=open_event, submitter=submitter, title="Pending one")

    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(NoAcceptedPoster, match="That poster is not one of your accepted posters"),
    ):
        propose_breakout(event=open_event, submitter=submitter, poster=pending, **breakout_fields())

    assert_nothing_proposed(queued_mail)


def test_an_accepted_poster_of_another_event_cannot_carry_a_breakout(
    open_event, submitter, django_capture_on_commit_callbacks, queued_mail
):
    last_year = EventFactory(
        name="PyTorch Ecosystem Day 2020",
        is_current=False,
        breakout_deadline=timezone.now() + timedelta(days=3),
    )
    old_poster = AcceptedPosterFactory(event=last_year, submitter=submitter)

    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(NoAcceptedPoster),
    ):
        propose_breakout(
            event=open_event, submitter=submitter, poster=old_poster, **breakout_fields()
        )

    assert_nothing_proposed(queued_mail)


def test_breakouts_are_closed_while_the_event_has_no_breakout_deadline(
    event, submitter, django_capture_on_commit_callbacks, queued_mail
):
    assert breakout_settings_for(event).deadline is None
    poster = AcceptedPosterFactory(event=event, submitter=submitter)

    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(BreakoutsClosed) as refusal,
    ):
        propose_breakout(event=event, submitter=submitter, poster=poster, **breakout_fields())

    assert refusal.value.args[0] == "Breakout proposals are not open yet."
    assert_nothing_proposed(queued_mail)


@pytest.fixture
def event_with_deadline(db):
    with time_machine.travel(DEADLINE - timedelta(days=20), tick=False):
        event = EventFactory(breakout_deadline=DEADLINE)
        TopicFactory(event=event)
    return event


def test_a_breakout_proposed_at_the_last_second_of_the_deadline_is_accepted(
    event_with_deadline, submitter, django_capture_on_commit_callbacks, queued_mail
):
    poster = AcceptedPosterFactory(event=event_with_deadline, submitter=submitter)

    with (
        time_machine.travel(DEADLINE, tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        propose_breakout(
            event=event_with_deadline, submitter=submitter, poster=poster, **breakout_fields()
        )

    assert BreakoutProposal.objects.get().poster == poster
    assert subjects(queued_mail) == [
        "We received your breakout proposal: Live-coding a custom kernel"
    ]


def test_a_breakout_proposed_one_second_after_the_deadline_is_refused(
    event_with_deadline, submitter, django_capture_on_commit_callbacks, queued_mail
):
    poster = AcceptedPosterFactory(event=event_with_deadline, submitter=submitter)

    with (
        time_machine.travel(DEADLINE + timedelta(seconds=1), tick=False),
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(BreakoutsClosed) as refusal,
    ):
        propose_breakout(
            event=event_with_deadline, submitter=submitter, poster=poster, **breakout_fields()
        )

    assert refusal.value.args[0] == (
        "Breakout proposals closed on Wednesday, April 14, 2021, 11:59:59 PM PDT "
        "(America/Los_Angeles)."
    )
    assert_nothing_proposed(queued_mail)


def withdrawn_by_cascade(breakout):
    breakout.refresh_from_db()
    last = breakout.status_changes.last()
    return (breakout.status, last.from_status, last.to_status, last.note)


@pytest.mark.parametrize(
    "lose_acceptance",
    [
        pytest.param(
            lambda poster, submitter, organizer: withdraw_poster(poster, by=submitter),
            id="withdrawn-by-its-author",
        ),
        pytest.param(
            lambda poster, submitter, organizer: change_poster_status(
                poster, "rejected", by=organizer
            ),
            id="rejected-by-an-organizer",
        ),
        pytest.param(
            lambda poster, submitter, organizer: change_poster_status(
                poster, "waitlisted", by=organizer
            ),
            id="waitlisted-by-an-organizer",
        ),
    ],
)
def test_a_poster_that_loses_its_acceptance_withdraws_its_breakouts_and_tells_the_proposer(
    event,
    submitter,
    organizer,
    django_capture_on_commit_callbacks,
    queued_mail,
    lose_acceptance,
):
    poster = AcceptedPosterFactory(event=event, submitter=submitter, title="Fast kernels")
    submitted = BreakoutProposalFactory(event=event, poster=poster, title="Kernel demo")
    accepted = AcceptedBreakoutFactory(event=event, poster=poster, title="Kernel tutorial")
    waitlisted = BreakoutProposalFactory(
        event=event, poster=poster, title="Kernel chat", status=Status.WAITLISTED
    )
    gone = BreakoutProposalFactory(
        event=event, poster=poster, title="Old idea", status=Status.WITHDRAWN
    )

    with django_capture_on_commit_callbacks(execute=True):
        lose_acceptance(poster, submitter, organizer)

    note = LOST_POSTER_NOTE.format("Fast kernels")
    assert withdrawn_by_cascade(submitted) == ("withdrawn", "submitted", "withdrawn", note)
    assert withdrawn_by_cascade(accepted) == ("withdrawn", "accepted", "withdrawn", note)
    assert withdrawn_by_cascade(waitlisted) == ("withdrawn", "waitlisted", "withdrawn", note)
    gone.refresh_from_db()
    assert gone.status == Status.WITHDRAWN
    assert gone.status_changes.count() == 0
    breakout_mail = sorted(
        (message.subject, message.to[0]) for message in queued_mail if "breakout" in message.subject
    )
    assert breakout_mail == [
        ("Your breakout was withdrawn: Kernel chat", "sam@example.org"),
        ("Your breakout was withdrawn: Kernel demo", "sam@example.org"),
        ("Your breakout was withdrawn: Kernel tutorial", "sam@example.org"),
    ]
    [withdrawal_mail] = [m for m in queued_mail if m.subject.endswith("Kernel demo")]
    assert note in withdrawal_mail.body


def test_the_cascade_records_who_made_the_poster_lose_its_acceptance(
    event, submitter, organizer, django_capture_on_commit_callbacks
):
    poster = AcceptedPosterFactory(event=event, submitter=submitter)
    breakout = BreakoutProposalFactory(event=event, poster=poster)

    with django_capture_on_commit_callbacks(execute=True):
        change_poster_status(poster, "rejected", by=organizer)

    assert breakout.status_changes.get().changed_by == organizer


def test_a_scheduled_breakout_leaves_the_schedule_when_its_poster_is_withdrawn(
    event, submitter, django_capture_on_commit_callbacks, queued_mail
):
    poster = AcceptedPosterFactory(event=event, submitter=submitter)
    item = ScheduledBreakoutFactory(
        event=event, breakout=AcceptedBreakoutFactory(event=event, poster=poster, title="Demo")
    )

    with django_capture_on_commit_callbacks(execute=True):
        withdraw_poster(poster, by=submitter)

    assert ScheduleItem.objects.filter(pk=item.pk).exists() is False
    item.breakout.refresh_from_db()
    assert item.breakout.status == Status.WITHDRAWN
    assert "Your breakout was withdrawn: Demo" in subjects(queued_mail)


def test_a_poster_accepted_again_after_a_wait_list_does_not_withdraw_breakouts_twice(
    event, submitter, organizer, django_capture_on_commit_callbacks, queued_mail
):
    poster = AcceptedPosterFactory(event=event, submitter=submitter)
    breakout = BreakoutProposalFactory(event=event, poster=poster, title="Once")
    with django_capture_on_commit_callbacks(execute=True):
        change_poster_status(poster, "waitlisted", by=organizer)
    with django_capture_on_commit_callbacks(execute=True):
        change_poster_status(poster, "accepted", by=organizer)
    with django_capture_on_commit_callbacks(execute=True):
        change_poster_status(poster, "rejected", by=organizer)

    assert breakout.status_changes.count() == 1
    assert subjects(queued_mail).count("Your breakout was withdrawn: Once") == 1


def test_a_breakout_whose_poster_is_no_longer_accepted_cannot_be_accepted(
    event, organizer, django_capture_on_commit_callbacks, queued_mail
):
    breakout = BreakoutProposalFactory(event=event, title="Orphan")
    PosterProposal.objects.filter(pk=breakout.poster_id).update(
        status=Status.REJECTED, title="Lost poster"
    )

    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(InvalidStatusChange) as refusal,
    ):
        change_breakout_status(breakout, "accepted", by=organizer)

    assert str(refusal.value) == (
        "“Orphan” cannot be accepted: its poster “Lost poster” is not accepted."
    )
    breakout.refresh_from_db()
    assert breakout.status == Status.SUBMITTED
    assert breakout.status_changes.count() == 0
    assert queued_mail == []


def test_a_breakout_whose_poster_is_accepted_can_be_accepted(
    event, organizer, django_capture_on_commit_callbacks, queued_mail
):
    breakout = BreakoutProposalFactory(event=event, title="Welcome")

    with django_capture_on_commit_callbacks(execute=True):
        change_breakout_status(breakout, "accepted", by=organizer)

    breakout.refresh_from_db()
    assert breakout.status == Status.ACCEPTED
    assert subjects(queued_mail) == ["Your breakout was accepted: Welcome"]
