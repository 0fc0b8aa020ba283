"""Load PyTorch Ecosystem Day 2021 as it really was: the programme, 71 accepted posters,
32 scheduled breakouts, the 6 keynote speakers, and demo accounts.

Proposals, decisions, tending and slots go through the same transition functions as the
site and the admin (history included), dated as they happened in 2021; the email those
transitions would send is held back. Running it twice changes nothing.
"""

from datetime import date, datetime, time, timedelta

from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from ecosystem_day.accounts.models import User
from ecosystem_day.demo import data as demo
from ecosystem_day.demo.drawing import give_posters_images
from ecosystem_day.mail import held_back
from ecosystem_day.models import Event, Topic, Track
from posters.models import PosterProposal, Review
from posters.services import change_poster_status, set_tending, submit_poster
from sessions.models import BreakoutProposal, Room, ScheduleItem, Speaker
from sessions.services import change_breakout_status, propose_breakout, schedule_breakout

Status = PosterProposal.Status
FORMATS = list(BreakoutProposal.Format)


def on(day, hour=23, minute=59, second=59):
    return datetime.combine(day, time(hour, minute, second), tzinfo=demo.EVENT_ZONE)


class Command(BaseCommand):
    help = "Create PyTorch Ecosystem Day 2021 with its programme, posters, breakouts and logins."

    def add_arguments(self, parser):
        parser.add_argument(
            "--cfp-open",
            action="store_true",
            help="Move the poster and breakout deadlines to a week from now, to try the forms.",
        )
        parser.add_argument(
            "--if-no-event",
            action="store_true",
            help="Do nothing when the database already has an event.",
        )

    def handle(self, *args, cfp_open=False, if_no_event=False, **options):
        if if_no_event and Event.objects.exists():
            self.stdout.write("The database already has an event; demo data not loaded.")
            return
        with transaction.atomic(), held_back():
            event, created = self._event()
            self.organizer = self._user("organizer@example.com", "Olivia Organizer", "Organizers")
            self.reviewer = self._user("reviewer@example.com", "Ravi Reviewer", "Reviewers")
            self._user("submitter@example.com", "Sam Submitter")
            tracks, rooms = self._programme(event)
            for email, title, authors, topic, link, status in demo.PROPOSALS:
                self._poster(event, email, title, authors, topic, link, status)
            self._fill_the_catalogue(event)
            self._hang_posters(event)
            give_posters_images(event)
            self._tend_posters(event, tracks)
            self._schedule_breakouts(event, tracks, rooms)
            if cfp_open:
                a_week_ahead = timezone.localdate(timezone=demo.EVENT_ZONE) + timedelta(7)
                event.cfp_deadline = event.breakout_deadline = on(a_week_ahead)
                event.save()
        self._report(event, created)

    def _event(self):
        event, created = Event.objects.get_or_create(
            slug=demo.SLUG,
            defaults={
                "name": "PyTorch Ecosystem Day 2021",
                "date": demo.DAY,
                "time_zone": "America/Los_Angeles",
                "tagline": "A virtual, one-day event for the PyTorch ecosystem and industry "
                "communities.",
                "description": demo.DESCRIPTION,
                "call_for_posters": demo.CALL,
                "cfp_deadline": on(date(2021, 3, 18)),
                "breakout_deadline": on(date(2021, 4, 7)),
                "breakout_minutes": 40,
                "is_current": not Event.objects.filter(is_current=True).exists(),
            },
        )
        for position, name in enumerate(demo.TOPICS):
            Topic.objects.get_or_create(event=event, name=name, defaults={"position": position})
        return event, created

    def _report(self, event, created):
        deadline = timezone.localtime(event.cfp_deadline, demo.EVENT_ZONE)
        self.stdout.write(
            self.style.SUCCESS(
                f"{event.name}: {'created' if created else 'already there'}; "
                f"poster deadline {deadline:%Y-%m-%d %H:%M:%S %Z}; "
                f"{event.posters.filter(status=Status.ACCEPTED).count()} accepted posters, "
                f"{ScheduleItem.objects.filter(event=event, kind='breakout').count()} "
                "scheduled breakouts."
            )
        )
        self.stdout.write("Demo logins (email / password):")
        for email, password in demo.PASSWORDS.items():
            self.stdout.write(f"  {email} / {password}")

    def _user(self, email, name, group=None):
        user, created = User.objects.get_or_create(
            email=email, defaults={"name": name, "is_staff": group is not None}
        )
        if created:
            if email in demo.PASSWORDS:
                user.set_password(demo.PASSWORDS[email])
            else:
                user.set_unusable_password()
            user.save()
        if group:
            user.groups.add(Group.objects.get(name=group))
        return user

    def _poster(self, event, email, title, authors, topic, link, status):
        """One poster, proposed in early March 2021 and decided on March 29, as it happened."""
        existing = PosterProposal.objects.filter(event=event, title=title).first()
        if existing:
            return existing
        submitter = self._user(email, authors.splitlines()[0])
        poster = submit_poster(
            event=event,
            submitter=submitter,
            at=on(date(2021, 3, 8)) - timedelta(days=len(title) % 7, hours=len(title) % 24),
            title=title,
            summary=f"{title}: a project for PyTorch researchers and engineers." + demo.LOREM,
            authors=authors,
            topic=Topic.objects.get(event=event, name=topic),
            link=link,
        )
        if status == Status.SUBMITTED:
            return poster
        accepted = status == Status.ACCEPTED
        Review.objects.create(
            proposal=poster,
            reviewer=self.reviewer,
            score=4 if accepted else 2,
            comment="Clear summary and a real open-source project."
            if accepted
            else "Interesting, but the summary is thin on results.",
        )
        by = submitter if status == Status.WITHDRAWN else self.organizer
        return change_poster_status(poster, status, by=by, at=on(date(2021, 3, 29), 10, 0, 0))

    def _fill_the_catalogue(self, event):
        missing = demo.ACCEPTED_POSTERS - event.posters.filter(status=Status.ACCEPTED).count()
        if missing <= 0:
            return
        for n, (title, authors, topic) in enumerate(demo.generated_posters(missing)):
            email = f"presenter{n + 1}@example.com"
            self._poster(event, email, title, authors, topic, "", Status.ACCEPTED)

    def _hang_posters(self, event):
        """Boards for the accepted posters, one row a topic (A, B, …), as organizers would."""
        accepted = event.posters.filter(status=Status.ACCEPTED)
        if accepted.exclude(board_code="").exists():
            return
        topics = list(event.topics.all())
        for row, topic in zip("ABCDEFGHIJKLMNOPQRSTUVWXYZ", topics, strict=False):
            for number, pk in enumerate(
                accepted.filter(topic=topic).order_by("title", "pk").values_list("pk", flat=True),
                1,
            ):
                PosterProposal.objects.filter(pk=pk).update(board_code=f"{row}{number}")

    def _programme(self, event):
        """What organizers set up in the admin: sessions of the day, rooms, keynotes, items."""
        tracks = {}
        for position, (slug, name, starts, ends) in enumerate(demo.TRACKS):
            tracks[slug], _ = Track.objects.get_or_create(
                event=event,
                slug=slug,
                defaults={
                    "name": name,
                    "position": position,
                    "breakouts_start_at": demo.on_the_day(starts),
                    "breakouts_end_at": demo.on_the_day(ends),
                },
            )
        rooms = {}
        for position, (name, url) in enumerate(demo.ROOMS):
            rooms[name], _ = Room.objects.get_or_create(
                event=event, name=name, defaults={"join_url": url, "position": position}
            )
        for position, name in enumerate(demo.KEYNOTE_SPEAKERS):
            Speaker.objects.get_or_create(event=event, name=name, defaults={"position": position})
        for kind, title, track, room, starts, ends, recording in demo.PROGRAMME:
            ScheduleItem.objects.get_or_create(
                event=event,
                kind=kind,
                title=title,
                track=tracks.get(track),
                defaults={
                    "room": rooms[room],
                    "starts_at": demo.on_the_day(starts),
                    "ends_at": demo.on_the_day(ends),
                    "recording_url": recording,
                    "description": demo.KEYNOTES if kind == "opening" else "",
                },
            )
        return tracks, rooms

    def _tend_posters(self, event, tracks):
        """Presenters say when they stand by their poster: morning, evening or both."""
        untended = event.posters.filter(status=Status.ACCEPTED, tending_tracks=None)
        for poster in untended.select_related("submitter"):
            choice = [["morning"], ["evening"], ["morning", "evening"]][poster.pk % 3]
            set_tending(poster, [tracks[slug] for slug in choice], by=poster.submitter)

    def _schedule_breakouts(self, event, tracks, rooms):
        """One breakout each for the first 32 accepted posters' presenters, in free slots:
        proposed on April 1, accepted on April 9 and scheduled on April 12, 2021."""
        slots = [
            (slug, room, start)
            for slug, starts in demo.BREAKOUT_SLOTS.items()
            for start in starts
            for room in demo.BREAKOUT_ROOMS
        ][: demo.SCHEDULED_BREAKOUTS]
        taken = set(
            ScheduleItem.objects.filter(event=event, kind="breakout").values_list(
                "track__slug", "room__name", "starts_at"
            )
        )
        free = [s for s in slots if (s[0], s[1], demo.on_the_day(s[2])) not in taken]
        posters = event.posters.filter(status=Status.ACCEPTED, breakouts=None).order_by("pk")
        for (slug, room, start), poster in zip(
            free, posters.select_related("submitter"), strict=False
        ):
            fmt = FORMATS[poster.pk % len(FORMATS)]
            breakout = propose_breakout(
                event=event,
                submitter=poster.submitter,
                poster=poster,
                at=on(date(2021, 4, 1), 10, 0, 0),
                title=f"{fmt.label}: {poster.title}"[:200],
                description=f"A {event.breakout_minutes}-minute {fmt.label.lower()} with the "
                f"authors of “{poster.title}”, with time for questions.",
                format=fmt,
                preferred_track=tracks[slug],
            )
            change_breakout_status(
                breakout, Status.ACCEPTED, by=self.organizer, at=on(date(2021, 4, 9), 10, 0, 0)
            )
            schedule_breakout(
                breakout,
                track=tracks[slug],
                room=rooms[room],
                starts_at=demo.on_the_day(start),
                by=self.organizer,
                at=on(date(2021, 4, 12), 10, 0, 0),
            )
