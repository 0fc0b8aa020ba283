"""Load PyTorch Ecosystem Day 2021 as it really was, as a past edition at /2021/, and the
next edition, current, at the stage asked for (`--stage call|review|scheduled|live|over`).

2021: the programme, 71 accepted posters, 32 scheduled breakouts, the 6 keynote speakers,
its schedule released on April 12, 2021 and the recordings after the day. Proposals,
decisions, tending, slots and releases go through the same transition functions as the
site and the admin (history included), dated as they happened; the email those transitions
would send is held back. 2021 is built as it was before its day was over: the current
edition, until the next one, started from it, becomes current and leaves 2021 a past
edition, read-only (ecosystem_day/event/frozen.py). Running it again changes nothing: a past 2021
is left untouched.
"""

from datetime import date, datetime, time

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from ecosystem_day.demo import data as demo
from ecosystem_day.demo import steps
from ecosystem_day.demo.drawing import give_posters_images
from ecosystem_day.demo.stages import STAGES, release, seed_next_edition
from ecosystem_day.event.models import Event, Topic, Track
from ecosystem_day.infra.mail import held_back
from posters.call import CallForPosters, call_for
from posters.models import ACCEPTED_STATES, PosterProposal
from sessions.breakout_settings import BreakoutSettings
from sessions.breakout_window import BreakoutWindow
from sessions.models import Room, ScheduleItem, Speaker

Status = PosterProposal.Status


def on(day, hour=23, minute=59, second=59):
    return datetime.combine(day, time(hour, minute, second), tzinfo=demo.EVENT_ZONE)


def left_as_it_is(current, stage):
    """Why a database that has the demo's next edition keeps it, and how to see another stage."""
    asked = f"--stage {stage} changed nothing" if stage else "nothing was changed"
    return (
        f"{current.name} was already there: it is left as it is, and {asked}. A stage is set "
        "when the next edition is made: to see another one, start from an empty database "
        f"(make reset-db, then make seed STAGE={stage or 'review'}; with DATABASE_URL, name "
        "an empty database)."
    )


class Command(BaseCommand):
    help = (
        "Create PyTorch Ecosystem Day 2021 as a past edition and the next edition at a stage, "
        "with their programmes, posters, breakouts and logins."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--stage",
            choices=STAGES,
            help="Where the next edition stands: its call open, in review, scheduled, live "
            "(the day is today) or over. Default: call. Only when the next edition is made: "
            "on a database that has it, it is left as it is (the command says so).",
        )
        parser.add_argument(
            "--posters",
            type=int,
            default=demo.ACCEPTED_POSTERS,
            help=f"Accepted posters in each edition (default {demo.ACCEPTED_POSTERS}, as in "
            "2021); fewer seed faster.",
        )
        parser.add_argument(
            "--if-no-event",
            action="store_true",
            help="Do nothing when the database already has an event.",
        )

    def handle(self, *args, stage=None, posters=demo.ACCEPTED_POSTERS, if_no_event=False, **o):
        if not 2 <= posters <= demo.ACCEPTED_POSTERS:
            raise CommandError(
                f"--posters must be between 2 (the demo submitter's accepted posters) and "
                f"{demo.ACCEPTED_POSTERS} (as many as the demo has distinct titles for)."
            )
        if if_no_event and Event.objects.exists():
            self.stdout.write("The database already has an event; demo data not loaded.")
            return
        with transaction.atomic(), held_back():
            people = steps.People()
            past = Event.objects.filter(slug=demo.SLUG).first()
            if past is None or not past.is_read_only:
                past = self._2021(people, posters)
                give_posters_images(past)
            current, made = seed_next_edition(past, stage or "call", posters=posters, people=people)
            if made:  # an edition left as it is keeps its posters as they are
                give_posters_images(current)
        past.refresh_from_db()
        self._report(past)
        self._report(current)
        self.stdout.write("Demo logins (email / password):")
        for email, password in demo.PASSWORDS.items():
            self.stdout.write(f"  {email} / {password}")
        if made:
            self.stdout.write(f"{current.name} is at the stage “{stage or 'call'}”.")
        else:
            self.stdout.write(self.style.WARNING(left_as_it_is(current, stage)))

    def _2021(self, people, posters):
        """The day as it happened: proposals in early March, decisions on March 29, breakouts
        proposed on April 1, accepted on April 9, scheduled and released on April 12."""
        event = self._event()
        self._programme(event)
        people.catalogue(
            event,
            steps.proposals(posters),
            submitted_at=on(date(2021, 3, 8)),
            decided_at=on(date(2021, 3, 29), 10, 0, 0),
        )
        steps.hang_posters(event)
        steps.tend_posters(event)
        people.breakouts(
            event,
            min(demo.SCHEDULED_BREAKOUTS, posters),
            proposed_at=on(date(2021, 4, 1), 10, 0, 0),
            accepted_at=on(date(2021, 4, 9), 10, 0, 0),
            scheduled_at=on(date(2021, 4, 12), 10, 0, 0),
        )
        organizer = people.organizer
        release(event, by=organizer, at=on(date(2021, 4, 12), 10, 0, 0), note="The programme.")
        for kind, title, _, _, _, _, recording in demo.PROGRAMME:
            if recording:
                item = event.schedule_items.get(kind=kind, title=title)
                if not item.recording_url:
                    item.recording_url = recording
                    item.save()
        release(event, by=organizer, at=on(date(2021, 4, 22), 10, 0, 0), note="Recordings.")
        return event

    def _event(self):
        """2021, current while it is built (a past edition is read-only)."""
        other = Event.objects.filter(is_current=True).exclude(slug=demo.SLUG).first()
        if other is not None and not Event.objects.filter(slug=demo.SLUG).exists():
            raise CommandError(
                f"{other.name} is the current edition: the demo builds 2021 as the current "
                "edition, then the next from it. Run it on an empty database (make reset-db)."
            )
        event, _ = Event.objects.get_or_create(
            slug=demo.SLUG,
            defaults={
                "name": "PyTorch Ecosystem Day 2021",
                "date": demo.DAY,
                "time_zone": "America/Los_Angeles",
                "tagline": "A virtual, one-day event for the PyTorch ecosystem and industry "
                "communities.",
                "description": demo.DESCRIPTION,
                "is_current": other is None,
            },
        )
        CallForPosters.objects.get_or_create(
            event=event, defaults={"guidance": demo.CALL, "deadline": on(date(2021, 3, 18))}
        )
        BreakoutSettings.objects.get_or_create(
            event=event, defaults={"deadline": on(date(2021, 4, 7)), "minutes": 40}
        )
        for position, name in enumerate(demo.TOPICS):
            Topic.objects.get_or_create(event=event, name=name, defaults={"position": position})
        return event

    def _programme(self, event):
        """What organizers set up in the admin: sessions of the day, rooms, keynotes, items."""
        tracks = {}
        for position, (slug, name, span, window) in enumerate(demo.TRACKS):
            tracks[slug], _ = Track.objects.get_or_create(
                event=event,
                slug=slug,
                defaults={
                    "name": name,
                    "position": position,
                    "starts_at": demo.on_the_day(span[0]),
                    "ends_at": demo.on_the_day(span[1]),
                },
            )
            BreakoutWindow.objects.get_or_create(
                track=tracks[slug],
                defaults={
                    "starts_at": demo.on_the_day(window[0]),
                    "ends_at": demo.on_the_day(window[1]),
                },
            )
        rooms = {}
        for position, (name, url) in enumerate(demo.ROOMS):
            rooms[name], _ = Room.objects.get_or_create(
                event=event,
                name=name,
                defaults={
                    "join_url": url,
                    "position": position,
                    "access": "public" if name in demo.PUBLIC_ROOMS else "registered",
                },
            )
        for position, name in enumerate(demo.KEYNOTE_SPEAKERS):
            Speaker.objects.get_or_create(event=event, name=name, defaults={"position": position})
        # The announcements name six keynote speakers of the opening talks, not who spoke in
        # which session: both opening talks list all six.
        keynotes = list(event.speakers.order_by("position"))
        for kind, title, track, room, starts, ends, _ in demo.PROGRAMME:
            item, _ = ScheduleItem.objects.get_or_create(
                event=event,
                kind=kind,
                title=title,
                track=tracks.get(track),
                defaults={
                    "room": rooms[room],
                    "starts_at": demo.on_the_day(starts),
                    "ends_at": demo.on_the_day(ends),
                    "description": demo.KEYNOTES if kind == "opening" else "",
                },
            )
            if kind == "opening":
                item.speakers.add(*keynotes)

    def _report(self, event):
        deadline = timezone.localtime(call_for(event).deadline, demo.EVENT_ZONE)
        where = "/" if event.is_current else f"/{event.slug}/"
        self.stdout.write(
            self.style.SUCCESS(
                f"{event.name} at {where}: poster deadline "
                f"{deadline:%Y-%m-%d %H:%M:%S %Z}; "
                f"{event.posters.count()} poster proposals, "
                f"{event.posters.filter(status__in=ACCEPTED_STATES).count()} accepted, "
                f"{ScheduleItem.objects.filter(event=event, kind='breakout').count()} "
                "scheduled breakouts."
            )
        )
