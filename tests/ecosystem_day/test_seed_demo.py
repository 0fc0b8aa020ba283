"""`manage.py seed_demo` loads PyTorch Ecosystem Day 2021 as announced, as a past edition,
and the next edition as the current one; and only once.

Seeding goes through every transition (a few seconds), so the module seeds once and each
test reads, or changes and rolls back, that one demo database.
"""

from datetime import date, datetime
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from post_office.models import Email

from ecosystem_day.accounts.models import User
from ecosystem_day.event.models import Event, Topic, Track
from posters.call import call_for
from posters.models import PosterProposal, Review, StatusChange
from sessions.breakout_settings import breakout_settings_for
from sessions.models import BreakoutProposal, ScheduleItem, SlotChange, Speaker

LOS_ANGELES = ZoneInfo("America/Los_Angeles")
SEEDED = "2021"


def seed_demo(*args):
    out = StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    """The demo, loaded once for the module and removed after it; returns the command's output."""
    with django_db_blocker.unblock():
        out = seed_demo()
        yield out
        call_command("flush", "--no-input")  # its post_migrate puts groups and templates back


@pytest.fixture
def demo(seeded, db):
    return seeded


def row_counts():
    return {
        model.__name__: model.objects.count()
        for model in (
            Event,
            Topic,
            User,
            PosterProposal,
            Review,
            StatusChange,
            Email,
            Track,
            Speaker,
            BreakoutProposal,
            ScheduleItem,
        )
    }


def test_seed_demo_creates_the_2021_event_in_los_angeles_time(demo):

    event = Event.objects.get(slug=SEEDED)
    assert event.name == "PyTorch Ecosystem Day 2021"
    assert event.date == date(2021, 4, 21)
    assert event.time_zone == "America/Los_Angeles"
    assert call_for(event).deadline == datetime(2021, 3, 18, 23, 59, 59, tzinfo=LOS_ANGELES)
    assert event.is_current is False


def test_seed_demo_makes_the_next_edition_current_with_its_call_open(demo):

    current = Event.objects.current()
    assert current.slug == str(current.date.year)
    assert current.name == f"PyTorch Ecosystem Day {current.date.year}"
    assert call_for(current).is_open() is True
    assert current.topics.count() == Topic.objects.filter(event__slug=SEEDED).count()


def test_the_demos_next_edition_has_its_own_words_and_rooms_not_2021s(demo):
    current = Event.objects.current()
    year = str(current.date.year)

    assert current.description.startswith("PyTorch Ecosystem Day is back: a virtual, one-day")
    assert "Our first" in Event.objects.get(slug=SEEDED).description
    assert dict(current.rooms.values_list("name", "join_url"))["Poster hall"] == (
        f"https://gather.example.org/ecosystem-day-{year}/poster-hall"
    )
    assert not current.rooms.filter(join_url__contains="2021").exists()


def test_seed_demo_offers_the_announced_topics(demo):

    topics = set(Topic.objects.filter(event__slug=SEEDED).values_list("name", flat=True))
    assert {
        "Multimodal",
        "NLP",
        "Compilers",
        "Distributed training",
        "Researcher productivity tools",
        "AI accelerators",
    } <= topics


def test_seed_demo_has_proposals_in_every_status(demo):

    statuses = set(
        PosterProposal.objects.filter(event__slug=SEEDED).values_list("status", flat=True)
    )
    assert statuses == {"submitted", "accepted", "waitlisted", "rejected", "withdrawn"}


def test_seed_demo_creates_an_organizer_who_can_use_the_admin(demo):

    organizer = User.objects.get(email="organizer@example.com")
    assert organizer.is_staff is True
    assert list(organizer.groups.values_list("name", flat=True)) == ["Organizers"]
    assert organizer.has_perm("posters.decide_posterproposal")
    assert organizer.check_password("organize-ecosystem-2021")


def test_seed_demo_prints_the_demo_logins(demo):
    out = demo

    assert "Demo logins (email / password):" in out
    assert "  organizer@example.com / organize-ecosystem-2021\n" in out
    assert "  reviewer@example.com / review-ecosystem-2021\n" in out
    assert "  submitter@example.com / submit-ecosystem-2021\n" in out


def test_running_seed_demo_twice_changes_no_row_count(demo):
    after_first = row_counts()

    out = seed_demo()

    assert row_counts() == after_first
    assert "PyTorch Ecosystem Day 2021 at /2021/: poster deadline 2021-03-18 23:59:59 PDT;" in out


def test_if_no_event_leaves_a_database_with_an_event_untouched(demo):
    Event.objects.filter(slug=SEEDED).update(name="Renamed by the organizers")
    before = row_counts()

    out = seed_demo("--if-no-event")

    assert row_counts() == before
    assert Event.objects.get(slug=SEEDED).name == "Renamed by the organizers"
    assert out == "The database already has an event; demo data not loaded.\n"


def pacific(hour, minute=0):
    return datetime(2021, 4, 21, hour, minute, tzinfo=LOS_ANGELES)


def test_seed_demo_fills_the_day_as_it_really_was(demo):
    event = Event.objects.get(slug=SEEDED)

    assert event.posters.filter(status="accepted").count() == 71
    breakouts = ScheduleItem.objects.filter(event=event, kind="breakout")
    assert breakouts.count() == 32
    assert breakouts.filter(track__slug="morning").count() == 16
    assert breakouts.filter(track__slug="evening").count() == 16
    assert all(
        item.ends_at - item.starts_at == breakout_settings_for(event).length for item in breakouts
    )
    assert list(Speaker.objects.filter(event=event).values_list("name", flat=True)) == [
        "Piotr Bialecki",
        "Ritchie Ng",
        "Miquel Farré",
        "Joe Spisak",
        "Geeta Chauhan",
        "Suraj Subramanian",
    ]
    assert list(Track.objects.filter(event=event).values_list("name", flat=True)) == [
        "Morning (EMEA)",
        "Evening (APAC / US)",
    ]


def test_seed_demo_creates_the_announced_programme_in_pacific_time(demo):

    programme = {
        (item.title, item.track.slug if item.track else None): (
            item.starts_at,
            item.ends_at,
            item.recording_url,
        )
        for item in ScheduleItem.objects.filter(event__slug=SEEDED)
        .exclude(kind="breakout")
        .select_related("track")
    }

    assert programme == {
        ("Morning opening talks", "morning"): (
            pacific(8),
            pacific(9),
            "https://www.youtube.com/watch?v=MYE01-XaSZA",
        ),
        ("Poster exhibition & breakout sessions", "morning"): (pacific(9), pacific(12), ""),
        ("Evening opening talks", "evening"): (
            pacific(15),
            pacific(16),
            "https://www.youtube.com/watch?v=CjU_6OaYKpw",
        ),
        ("Poster exhibition & breakout sessions", "evening"): (pacific(15), pacific(18), ""),
        ("Networking", None): (pacific(9), pacific(19), ""),
    }


def test_seed_demo_goes_through_the_transitions_with_their_history_and_queues_no_mail(demo):
    event = Event.objects.get(slug=SEEDED)

    accepted = event.posters.filter(status="accepted")
    decided = StatusChange.objects.filter(proposal__in=accepted, to_status="accepted")
    assert decided.count() == 71
    assert {change.changed_at.date() for change in decided} == {date(2021, 3, 29)}
    assert all(poster.created_at < call_for(event).deadline for poster in event.posters.all())
    breakouts = BreakoutProposal.objects.filter(event=event)
    assert SlotChange.objects.filter(breakout__in=breakouts).count() == 32
    assert set(breakouts.values_list("status_changes__to_status", flat=True)) == {
        "submitted",
        "accepted",
    }
    assert Email.objects.count() == 0
