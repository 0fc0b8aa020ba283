"""The demo's next edition, started from 2021 with `start_next_edition`, at the stage asked
for: its dates set around today so that every state of every page is there to see.

- call: the call for posters is open; a few proposals are in, and the demo submitter's
  strongest one was accepted early, so that they can try proposing a breakout.
- review: the call closed a week ago; every proposal is in, half of them reviewed.
- scheduled: decisions made, breakouts scheduled, the schedule released; the day is ahead.
- live: the day is today, and an item of the programme is on right now.
- over: the day was two weeks ago; the recordings are out, and so is the recap.
"""

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.utils import timezone

from ecosystem_day.demo import data as demo
from ecosystem_day.demo import steps
from ecosystem_day.event.editions import NextEdition, links_carried_over, start_next_edition
from ecosystem_day.event.models import Event
from ecosystem_day.registration.models import RegistrationSettings
from posters.call import call_for
from posters.models import ACCEPTED_STATES, PosterProposal
from posters.services import change_poster_status
from sessions.breakout_settings import breakout_settings_for
from sessions.models import ScheduleItem
from sessions.releases import NothingToRelease, release_schedule

STAGES = ("call", "review", "scheduled", "live", "over")
DEMO_SUBMITTER = "submitter@example.com"


@dataclass(frozen=True)
class Plan:
    """Days from today (in the event's zone) to the day and to each deadline's last day."""

    day: int
    posters_close: int
    breakouts_close: int


PLANS = {
    "call": Plan(day=70, posters_close=21, breakouts_close=49),
    "review": Plan(day=42, posters_close=-7, breakouts_close=21),
    "scheduled": Plan(day=21, posters_close=-35, breakouts_close=-7),
    "live": Plan(day=0, posters_close=-49, breakouts_close=-21),
    "over": Plan(day=-14, posters_close=-63, breakouts_close=-35),
}


def end_of(day):
    return datetime.combine(day, time(23, 59, 59), tzinfo=demo.EVENT_ZONE)


def release(event, *, by, at, note):
    """Publish the draft; seeding again finds nothing new to release, which is fine."""
    try:
        return release_schedule(event, by=by, at=at, note=note)
    except NothingToRelease:
        return None


def seed_next_edition(past, stage, *, posters, people, now=None):
    """The edition after `past`, made current, at `stage`; returns (it, whether it was made
    now). Once there, it is left as it is (a current edition other than `past` means the demo
    was seeded), whatever `stage` asks: the caller says so."""
    already = Event.objects.filter(is_current=True).exclude(pk=past.pk).first()
    if already:
        return already, False
    now = now or timezone.now()
    plan = PLANS[stage]
    today = timezone.localdate(now, timezone=demo.EVENT_ZONE)
    day = today + timedelta(days=plan.day)
    edition = start_next_edition(
        past,
        NextEdition(
            name=f"PyTorch Ecosystem Day {day.year}",
            slug=str(day.year),
            date=day,
            texts={"description": demo.NEXT_DESCRIPTION},
            links={  # the new rooms, as organizers are asked for them
                link.key: link.url.replace(demo.SLUG, str(day.year))
                for link in links_carried_over(past)
            },
        ),
        by=people.organizer,
    )
    call, breakouts = call_for(edition), breakout_settings_for(edition)
    call.deadline = end_of(today + timedelta(days=plan.posters_close))
    call.save()
    breakouts.deadline = end_of(today + timedelta(days=plan.breakouts_close))
    breakouts.save()
    Event.objects.filter(is_current=True).update(is_current=False)
    edition.is_current = True
    edition.save()
    RegistrationSettings.objects.create(
        event=edition,
        opens_at=end_of(min(today, day) - timedelta(days=30)) + timedelta(seconds=1),
        closes_at=end_of(day - timedelta(days=1)),
        code_of_conduct_url=demo.CODE_OF_CONDUCT,
    )
    steps.review_criteria(edition)
    if stage == "live":
        put_an_item_on_now(edition, now)
    _proposals(edition, stage, posters=posters, people=people, now=now)
    return edition, True


def _proposals(edition, stage, *, posters, people, now):
    cfp = call_for(edition).deadline
    if stage == "call":
        arrived = steps.proposals(posters, first=3, decided=False)
        people.catalogue(
            edition,
            arrived[: len(demo.PROPOSALS) + posters // 3],
            submitted_at=now - timedelta(hours=1),
            decided_at=None,
            reviewed=False,
        )
        accept_early(edition, by=people.organizer, at=now - timedelta(minutes=30))
        return
    if stage == "review":
        for n, proposal in enumerate(steps.proposals(posters, first=3, decided=False)):
            people.poster(
                edition,
                proposal,
                submitted_at=cfp - timedelta(days=1),
                reviewed=n % 2 == 0,
            )
        return
    people.catalogue(
        edition,
        steps.proposals(posters, first=3),
        submitted_at=cfp - timedelta(days=1),
        decided_at=cfp + timedelta(days=7),
    )
    steps.hang_posters(edition)
    steps.tend_posters(edition)
    closed = breakout_settings_for(edition).deadline
    people.breakouts(
        edition,
        min(demo.SCHEDULED_BREAKOUTS, posters),
        proposed_at=cfp + timedelta(days=8),
        accepted_at=closed + timedelta(days=1),
        scheduled_at=closed + timedelta(days=2),
    )
    release(edition, by=people.organizer, at=closed + timedelta(days=2), note="The programme.")
    if stage == "over":
        for item in edition.schedule_items.filter(kind="opening", recording_url=""):
            item.recording_url = f"https://video.example.org/ecosystem-day-{edition.slug}/{item.pk}"
            item.save()
        release(
            edition,
            by=people.organizer,
            at=end_of(edition.date) + timedelta(days=1),
            note="Recordings of the opening talks.",
        )


def accept_early(edition, *, by, at):
    """Organizers may accept a clear proposal before the call closes: the demo submitter's
    poster meant to be accepted is, so that the breakout form is there to try at once."""
    titles = [
        title
        for email, title, *_, status in demo.PROPOSALS
        if email == DEMO_SUBMITTER and status in ACCEPTED_STATES
    ]
    for poster in edition.posters.filter(title__in=titles, status=PosterProposal.Status.SUBMITTED):
        change_poster_status(poster, PosterProposal.Status.ACCEPTED, by=by, at=at)


def put_an_item_on_now(edition, now):
    """Move the whole programme, if need be, so that the poster exhibition began 20 minutes
    ago: whatever the hour at which the demo is seeded, something is on."""
    items = list(edition.schedule_items.order_by("starts_at"))
    if not items or any(item.starts_at <= now < item.ends_at for item in items):
        return
    first = next((item for item in items if item.kind == ScheduleItem.Kind.POSTERS), items[0])
    shift = now - (first.starts_at + timedelta(minutes=20))
    # One by one, the far end first, so that no room is ever booked twice on the way.
    for item in sorted(items, key=lambda item: item.starts_at, reverse=shift > timedelta(0)):
        item.starts_at += shift
        item.ends_at += shift
        item.save()
    for track in edition.tracks.select_related("breakout_window"):
        track.starts_at += shift
        track.ends_at += shift
        track.save()
        track.breakout_window.starts_at += shift
        track.breakout_window.ends_at += shift
        track.breakout_window.save()
