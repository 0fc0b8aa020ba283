"""`seed_demo --stage …` leaves the next edition in every state there is, with 2021 as a
past edition beside it, and every public page of both answers in each of them.

Each stage seeds a fresh database with 6 posters an edition (the real size is the default;
tests/ecosystem_day/test_seed_demo.py and tests/sessions/test_recap.py load it).
"""

from datetime import datetime, time, timedelta
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from ecosystem_day.demo.stages import STAGES
from ecosystem_day.event.editions_middleware import PUBLIC_PAGES
from ecosystem_day.event.models import Event
from posters.call import call_for
from posters.models import PosterProposal, Review, ReviewSettings
from sessions.breakout_settings import breakout_settings_for
from sessions.models import ScheduleItem
from sessions.snapshot import latest_release
from tests.sessions.helpers import LOS_ANGELES
from tests.test_url_role_matrix import EVERYONE, EXPECTED, every_url_pattern


def seed(stage):
    out = StringIO()
    call_command("seed_demo", stage=stage, posters=6, stdout=out)
    return out.getvalue()


def public_names():
    """The pages anyone may see: those of an edition, and those every visitor gets."""
    return {name for name, statuses in EXPECTED.items() if statuses == EVERYONE} | PUBLIC_PAGES


def urls_of(event):
    """Every public page of `event` at its address, with the ids of its own objects; pages
    about an object the edition does not have yet (no release, no accepted poster) left out."""
    prefix = "/" if event.is_current else f"/{event.slug}/"
    release = latest_release(event)
    item = release.snapshot.items[0].id if release else None
    poster = (
        event.posters.filter(status="accepted").values_list("pk", flat=True).order_by("pk").first()
    )
    ids = {"schedule_item": item, "schedule_item_ics": item, "poster_public": poster}
    urls = {}
    for name, route in every_url_pattern():
        if name not in public_names() or "<" in route and name not in ids:
            continue
        if name not in PUBLIC_PAGES and not event.is_current:
            continue
        if name in ids:
            if ids[name] is None:
                continue
            route = route.replace("<int:pk>", str(ids[name]))
        urls[name] = prefix + route
    return urls


@pytest.mark.django_db
@pytest.mark.parametrize("stage", STAGES)
def test_every_public_page_of_both_editions_answers_at_every_stage(stage, client):
    seed(stage)
    current = Event.objects.current()
    past = Event.objects.get(slug="2021")

    statuses = {}
    for event in (current, past):
        for url in urls_of(event).values():
            statuses[url] = client.get(url).status_code

    over = stage == "over"
    expected = {url: 200 for url in statuses}
    expected["/recap/"] = 200 if over else 404  # the recap opens once the day is over
    assert statuses == expected
    assert {"/", "/schedule/", "/posters/", "/speakers/", "/2021/", "/2021/recap/"} <= set(statuses)


@pytest.mark.django_db
def test_call_the_call_is_open_with_a_few_proposals_in_and_the_submitters_accepted_early():
    seed("call")
    current = Event.objects.current()

    assert call_for(current).is_open() is True
    assert breakout_settings_for(current).is_open() is True
    assert current.date > timezone.localdate(timezone=LOS_ANGELES)
    assert set(
        current.posters.exclude(status="submitted").values_list("submitter__email", "status")
    ) == {("submitter@example.com", "accepted")}
    assert Review.objects.filter(proposal__event=current).count() == 0
    assert latest_release(current) is None


@pytest.mark.django_db
def test_review_the_call_is_closed_and_half_of_the_proposals_are_reviewed():
    seed("review")
    current = Event.objects.current()

    assert call_for(current).is_open() is False
    assert breakout_settings_for(current).is_open() is True
    posters = current.posters.all()
    assert set(posters.values_list("status", flat=True)) == {"submitted"}
    reviewed = posters.filter(reviews__isnull=False).distinct().count()
    assert reviewed == (posters.count() + 1) // 2


@pytest.mark.django_db
def test_the_demo_edition_reviews_on_the_calls_four_criteria_each_review_scoring_them():
    seed("review")
    current = Event.objects.current()

    assert [c.name for c in ReviewSettings.of(current).criteria.all()] == [
        "Relevance to the PyTorch ecosystem",
        "Technical depth",
        "Clarity",
        "Research or open source, no sales pitch",
    ]
    assert ReviewSettings.of(current).blind is False
    reviews = Review.objects.filter(proposal__event=current)
    assert reviews.exists()
    assert {review.criterion_scores.count() for review in reviews} == {4}


@pytest.mark.django_db
def test_scheduled_decisions_are_made_and_the_schedule_released_before_the_day():
    seed("scheduled")
    current = Event.objects.current()

    assert current.date > timezone.localdate(timezone=LOS_ANGELES)
    assert current.posters.filter(status="accepted").count() == 6
    release = latest_release(current)
    breakouts = [item for item in release.snapshot.items if item.kind == "breakout"]
    assert len(breakouts) == 6
    assert ScheduleItem.objects.filter(event=current, kind="breakout").count() == 6


@pytest.mark.django_db
def test_live_the_day_is_today_and_an_item_is_on_now(client):
    seed("live")
    current = Event.objects.current()
    now = timezone.now()

    assert current.date == timezone.localdate(now, timezone=LOS_ANGELES)
    on_now = [item for item in current.schedule_items.all() if item.starts_at <= now < item.ends_at]
    assert on_now
    assert "data-badge>Now</span>" in client.get("/schedule/").content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("hour", [3, 23])
def test_live_at_night_the_programme_moves_so_that_something_is_on(hour):
    night = datetime.combine(timezone.localdate(timezone=LOS_ANGELES), time(hour, 30))
    with time_machine.travel(night.replace(tzinfo=LOS_ANGELES), tick=False):
        seed("live")
        current = Event.objects.current()
        now = timezone.now()

        assert current.date == night.date()
        assert any(item.starts_at <= now < item.ends_at for item in current.schedule_items.all())
        assert latest_release(current) is not None


@pytest.mark.django_db
def test_over_the_day_is_past_with_recordings_and_a_recap(client):
    seed("over")
    current = Event.objects.current()

    assert current.date < timezone.localdate(timezone=LOS_ANGELES) - timedelta(days=7)
    release = latest_release(current)
    assert release.number == 2
    recordings = [item.title for item in release.snapshot.items if item.recording_url]
    assert recordings == ["Morning opening talks", "Evening opening talks"]
    assert "<strong>6</strong> posters" in client.get("/recap/").content.decode()


@pytest.mark.django_db
def test_2021_is_the_same_past_edition_whatever_the_stage():
    seed("review")
    past = Event.objects.get(slug="2021")

    assert past.is_current is False
    assert past.posters.filter(status="accepted").count() == 6
    assert [release.note for release in past.schedule_releases.order_by("number")] == [
        "The programme.",
        "Recordings.",
    ]


@pytest.mark.django_db
def test_seeding_a_stage_twice_changes_nothing():
    seed("scheduled")
    counts = (Event.objects.count(), PosterProposal.objects.count(), Review.objects.count())

    out = seed("scheduled")

    assert (Event.objects.count(), PosterProposal.objects.count(), Review.objects.count()) == (
        counts
    )
    assert "PyTorch Ecosystem Day 2021 at /2021/" in out


@pytest.mark.django_db
def test_an_unknown_stage_is_refused_with_the_stages_there_are():
    with pytest.raises(CommandError) as refused:
        call_command("seed_demo", "--stage", "tomorrow", stdout=StringIO())

    assert "invalid choice: 'tomorrow'" in str(refused.value)
    assert "'call', 'review', 'scheduled', 'live', 'over'" in str(refused.value)


@pytest.mark.django_db
@pytest.mark.parametrize("posters", [1, 72])
def test_a_number_of_posters_the_demo_cannot_seed_is_refused(posters):
    with pytest.raises(CommandError) as refused:
        call_command("seed_demo", posters=posters, stdout=StringIO())

    assert str(refused.value) == (
        "--posters must be between 2 (the demo submitter's accepted posters) and 71 (as many "
        "as the demo has distinct titles for)."
    )
    assert Event.objects.count() == 0
