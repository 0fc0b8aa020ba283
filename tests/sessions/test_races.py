"""Posters and breakouts changed at the same moment, on real PostgreSQL, twenty rounds each.

Every transition locks a poster's row before its breakouts' rows and never the event's, so
no pair of them can deadlock, and whatever order PostgreSQL picks, the end is consistent:
never a live or scheduled breakout on a poster that is not accepted, one history row and
one email for each change that happened, and no `deadlock detected`.
"""

from datetime import datetime, time, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from post_office.models import Email

from posters.models import PosterProposal, StatusChange
from posters.proposals import InvalidStatusChange
from posters.services import change_poster_status, withdraw_poster
from sessions.models import BreakoutProposal, BreakoutStatusChange, ScheduleItem, SlotChange
from sessions.services import (
    NoAcceptedPoster,
    change_breakout_status,
    propose_breakout,
    schedule_breakout,
)
from tests.factories import (
    AcceptedPosterFactory,
    BreakoutProposalFactory,
    EventFactory,
    PosterProposalFactory,
    RoomFactory,
    TopicFactory,
    TrackFactory,
    UserFactory,
)
from tests.races import named, run_together

ROUNDS = 20
Status = PosterProposal.Status
REFUSALS = (InvalidStatusChange, NoAcceptedPoster, ValidationError)

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def stage():
    """An event whose breakout call is open, with a session, a room and an organizer."""
    event = EventFactory(breakout_deadline=timezone.now() + timedelta(days=3))
    return {
        "event": event,
        "topic": TopicFactory(event=event),
        "track": TrackFactory(event=event),
        "room": RoomFactory(event=event),
        "organizer": UserFactory(groups=["Organizers"]),
    }


def nine_am(event):
    return datetime.combine(event.date, time(9), tzinfo=event.tz)


def subjects_to(user):
    return sorted(Email.objects.filter(to=[user.email]).values_list("subject", flat=True))


def history(breakout):
    return list(
        BreakoutStatusChange.objects.filter(proposal=breakout)
        .order_by("pk")
        .values_list("from_status", "to_status")
    )


def test_accepting_a_breakout_while_its_presenter_withdraws_the_poster(stage):
    outcomes = []
    for n in range(ROUNDS):
        poster = AcceptedPosterFactory(event=stage["event"], topic=stage["topic"])
        breakout = BreakoutProposalFactory(event=stage["event"], poster=poster, title=f"R{n}")
        presenter = poster.submitter

        accept, withdraw = run_together(
            lambda b=breakout: change_breakout_status(b, "accepted", by=stage["organizer"]),
            lambda p=poster, u=presenter: withdraw_poster(p, by=u),
        )

        outcome = (named(accept, REFUSALS), named(withdraw, REFUSALS))
        outcomes.append(outcome)
        breakout.refresh_from_db()
        poster.refresh_from_db()
        assert (poster.status, breakout.status) == (Status.WITHDRAWN, Status.WITHDRAWN)
        if outcome == ("done", "done"):  # accepted first, then withdrawn with its poster
            assert history(breakout) == [("submitted", "accepted"), ("accepted", "withdrawn")]
            assert subjects_to(presenter) == [
                f"Your breakout was accepted: R{n}",
                f"Your breakout was withdrawn: R{n}",
                f"Your poster was withdrawn: {poster.title}",
            ]
        else:  # the poster went first; accepting its breakout was then refused
            assert outcome == ("InvalidStatusChange", "done")
            assert history(breakout) == [("submitted", "withdrawn")]
            assert subjects_to(presenter) == [
                f"Your breakout was withdrawn: R{n}",
                f"Your poster was withdrawn: {poster.title}",
            ]
    assert len(outcomes) == ROUNDS


@pytest.mark.parametrize(
    "takes_it_back, email",
    [
        (
            lambda poster, organizer: change_poster_status(poster, "rejected", by=organizer),
            "Your poster was not accepted: {}",
        ),
        (
            lambda poster, organizer: withdraw_poster(poster, by=poster.submitter),
            "Your poster was withdrawn: {}",
        ),
    ],
    ids=["rejected-by-an-organizer", "withdrawn-by-its-presenter"],
)
def test_proposing_a_breakout_while_its_poster_stops_being_accepted(stage, takes_it_back, email):
    event = stage["event"]
    for n in range(ROUNDS):
        poster = AcceptedPosterFactory(event=event, topic=stage["topic"])
        presenter = poster.submitter

        propose, reject = run_together(
            lambda p=poster, u=presenter, title=f"R{n}": propose_breakout(
                event=event,
                submitter=u,
                poster=p,
                title=title,
                description="A live demo.",
                format="demo",
            ),
            lambda p=poster: takes_it_back(p, stage["organizer"]),
        )

        outcome = (named(propose, REFUSALS), named(reject, REFUSALS))
        poster.refresh_from_db()
        breakouts = list(BreakoutProposal.objects.filter(poster=poster))
        assert poster.status in (Status.REJECTED, Status.WITHDRAWN)
        if outcome == ("done", "done"):  # proposed first, then withdrawn with its poster
            [breakout] = breakouts
            assert breakout.status == Status.WITHDRAWN
            assert history(breakout) == [("", "submitted"), ("submitted", "withdrawn")]
            assert subjects_to(presenter) == [
                f"We received your breakout proposal: R{n}",
                f"Your breakout was withdrawn: R{n}",
                email.format(poster.title),
            ]
        else:  # the poster went first: the proposal is refused and nothing of it is saved
            assert outcome == ("NoAcceptedPoster", "done")
            assert breakouts == []
            assert subjects_to(presenter) == [email.format(poster.title)]


@pytest.mark.parametrize("kind", ["poster", "breakout"])
def test_two_organizers_accepting_one_proposal_at_once_decide_and_email_it_once(stage, kind):
    other_organizer = UserFactory(groups=["Organizers"])
    for n in range(ROUNDS):
        if kind == "poster":
            proposal = PosterProposalFactory(event=stage["event"], topic=stage["topic"])
            decide, history_model = change_poster_status, StatusChange
            subject = f"Your poster was accepted: {proposal.title}"
        else:
            poster = AcceptedPosterFactory(event=stage["event"], topic=stage["topic"])
            proposal = BreakoutProposalFactory(event=stage["event"], poster=poster, title=f"R{n}")
            decide, history_model = change_breakout_status, BreakoutStatusChange
            subject = f"Your breakout was accepted: R{n}"

        outcomes = run_together(
            lambda p=proposal, f=decide: f(p, "accepted", by=stage["organizer"]),
            lambda p=proposal, f=decide: f(p, "accepted", by=other_organizer),
        )

        assert sorted(named(outcome, REFUSALS) for outcome in outcomes) == [
            "InvalidStatusChange",
            "done",
        ]
        proposal.refresh_from_db()
        assert proposal.status == Status.ACCEPTED
        accepted = history_model.objects.filter(proposal=proposal, to_status="accepted")
        assert accepted.count() == 1
        assert Email.objects.filter(subject=subject).count() == 1


def test_scheduling_a_breakout_while_its_presenter_withdraws_it(stage):
    event, track, room = stage["event"], stage["track"], stage["room"]
    for n in range(ROUNDS):
        poster = AcceptedPosterFactory(event=event, topic=stage["topic"])
        breakout = BreakoutProposalFactory(
            event=event, poster=poster, title=f"R{n}", status="accepted"
        )
        presenter = poster.submitter

        place, withdraw = run_together(
            lambda b=breakout: schedule_breakout(
                b, track=track, room=room, starts_at=nine_am(event), by=stage["organizer"]
            ),
            lambda b=breakout, u=presenter: change_breakout_status(b, "withdrawn", by=u),
        )

        outcome = (named(place, REFUSALS), named(withdraw, REFUSALS))
        breakout.refresh_from_db()
        assert breakout.status == Status.WITHDRAWN
        assert ScheduleItem.objects.filter(breakout=breakout).exists() is False
        slots = list(SlotChange.objects.filter(breakout=breakout).order_by("pk"))
        if outcome == ("done", "done"):  # placed, then taken off by the withdrawal
            assert [slot.summary for slot in slots] == ["Scheduled", "Taken off the schedule"]
            assert subjects_to(presenter) == [f"Your breakout was withdrawn: R{n}"]
        else:  # withdrawn first: placing it was refused
            assert outcome == ("ValidationError", "done")
            assert slots == []
            assert subjects_to(presenter) == [f"Your breakout was withdrawn: R{n}"]


def test_scheduling_a_breakout_while_its_presenter_withdraws_the_poster(stage):
    """The race that once left a withdrawn breakout on the public schedule."""
    event, track, room = stage["event"], stage["track"], stage["room"]
    for n in range(ROUNDS):
        poster = AcceptedPosterFactory(event=event, topic=stage["topic"])
        breakout = BreakoutProposalFactory(
            event=event, poster=poster, title=f"R{n}", status="accepted"
        )

        place, withdraw = run_together(
            lambda b=breakout: schedule_breakout(
                b, track=track, room=room, starts_at=nine_am(event), by=stage["organizer"]
            ),
            lambda p=poster: withdraw_poster(p, by=p.submitter),
        )

        assert named(withdraw, REFUSALS) == "done"
        assert named(place, REFUSALS) in ("done", "ValidationError")
        breakout.refresh_from_db()
        assert breakout.status == Status.WITHDRAWN
        assert ScheduleItem.objects.filter(breakout=breakout).exists() is False
        assert Email.objects.filter(subject=f"Your breakout was withdrawn: R{n}").count() == 1
