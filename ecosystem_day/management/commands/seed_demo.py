"""Load PyTorch Ecosystem Day 2021 as it really was: the programme, 71 accepted posters,
32 scheduled breakouts, the 6 keynote speakers, and demo accounts. Running it twice
changes nothing."""

from datetime import date, datetime, time, timedelta

from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from ecosystem_day import demo_data as demo
from ecosystem_day.models import Event, Topic, User
from posters.models import PosterProposal, Review, StatusChange
from sessions.models import (
    BreakoutProposal,
    BreakoutStatusChange,
    Room,
    ScheduleItem,
    Speaker,
    Track,
)

Status = PosterProposal.Status
FORMATS = list(BreakoutProposal.Format)


def end_of_day(day):
    return datetime.combine(day, time(23, 59, 59), tzinfo=demo.EVENT_ZONE)


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

    @transaction.atomic
    def handle(self, *args, cfp_open=False, if_no_event=False, **options):
        if if_no_event and Event.objects.exists():
            self.stdout.write("The database already has an event; demo data not loaded.")
            return
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
                "cfp_deadline": end_of_day(date(2021, 3, 18)),
                "breakout_deadline": end_of_day(date(2021, 4, 7)),
                "breakout_minutes": 40,
                "is_current": not Event.objects.filter(is_current=True).exists(),
            },
        )
        if cfp_open:
            a_week_ahead = timezone.localdate(timezone=demo.EVENT_ZONE) + timedelta(7)
            event.cfp_deadline = event.breakout_deadline = end_of_day(a_week_ahead)
            event.save(update_fields=["cfp_deadline", "breakout_deadline", "updated_at"])
        for position, name in enumerate(demo.TOPICS):
            Topic.objects.get_or_create(event=event, name=name, defaults={"position": position})

        self.organizer = self._user("organizer@example.com", "Olivia Organizer", "Organizers")
        self.reviewer = self._user("reviewer@example.com", "Ravi Reviewer", "Reviewers")
        self._user("submitter@example.com", "Sam Submitter")
        for email, title, authors, topic, link, status in demo.PROPOSALS:
            self._poster(event, email, title, authors, topic, link, status)
        self._fill_the_catalogue(event)
        tracks, rooms = self._programme(event)
        self._schedule_breakouts(event, tracks, rooms)

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
        """One poster, dated as in 2021: submitted in early March, decided in late March."""
        submitter = self._user(email, authors.splitlines()[0])
        proposal, created = PosterProposal.objects.get_or_create(
            event=event,
            title=title,
            defaults={
                "submitter": submitter,
                "summary": f"{title}: a project for PyTorch researchers and engineers."
                + demo.LOREM,
                "authors": authors,
                "topic": Topic.objects.get(event=event, name=topic),
                "link": link,
                "status": status,
            },
        )
        if not created:
            return proposal
        submitted_at = end_of_day(date(2021, 3, 8)) - timedelta(
            days=len(title) % 7, hours=len(title) % 24
        )
        PosterProposal.objects.filter(pk=proposal.pk).update(
            created_at=submitted_at, updated_at=submitted_at
        )
        self._history(StatusChange, proposal, submitter, Status.SUBMITTED, submitted_at)
        if status == Status.SUBMITTED:
            return proposal
        Review.objects.create(
            proposal=proposal,
            reviewer=self.reviewer,
            score=4 if status == Status.ACCEPTED else 2,
            comment="Clear summary and a real open-source project."
            if status == Status.ACCEPTED
            else "Interesting, but the summary is thin on results.",
        )
        by = submitter if status == Status.WITHDRAWN else self.organizer
        decided_at = datetime.combine(date(2021, 3, 29), time(10), tzinfo=demo.EVENT_ZONE)
        self._history(StatusChange, proposal, by, status, decided_at, Status.SUBMITTED)
        return proposal

    @staticmethod
    def _history(model, proposal, by, to_status, at, from_status=""):
        change = model.objects.create(
            proposal=proposal,
            changed_by=by,
            from_status=from_status,
            to_status=to_status,
            note="Demo data." if from_status else "",
        )
        model.objects.filter(pk=change.pk).update(changed_at=at)

    def _fill_the_catalogue(self, event):
        missing = demo.ACCEPTED_POSTERS - event.posters.filter(status=Status.ACCEPTED).count()
        if missing <= 0:
            return
        for n, (title, authors, topic) in enumerate(demo.generated_posters(missing)):
            email = f"presenter{n + 1}@example.com"
            self._poster(event, email, title, authors, topic, "", Status.ACCEPTED)

    def _programme(self, event):
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
        for poster in event.posters.filter(status=Status.ACCEPTED, tending_tracks=None):
            choice = [["morning"], ["evening"], ["morning", "evening"]][poster.pk % 3]
            poster.tending_tracks.set([tracks[slug] for slug in choice])
        return tracks, rooms

    def _schedule_breakouts(self, event, tracks, rooms):
        """One breakout each for the first 32 accepted posters' presenters, in free slots."""
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
        posters = event.posters.filter(status=Status.ACCEPTED, breakouts=None).order_by("pk")
        free = [s for s in slots if (s[0], s[1], demo.on_the_day(s[2])) not in taken]
        for (slug, room, start), poster in zip(free, posters, strict=False):
            fmt = FORMATS[poster.pk % len(FORMATS)]
            breakout = BreakoutProposal.objects.create(
                event=event,
                submitter=poster.submitter,
                poster=poster,
                title=f"{fmt.label}: {poster.title}"[:200],
                description=f"A {event.breakout_minutes}-minute {fmt.label.lower()} with the "
                f"authors of “{poster.title}”, with time for questions.",
                format=fmt,
                preferred_track=tracks[slug],
                status=Status.ACCEPTED,
            )
            at = datetime.combine(date(2021, 4, 9), time(10), tzinfo=demo.EVENT_ZONE)
            BreakoutProposal.objects.filter(pk=breakout.pk).update(created_at=at, updated_at=at)
            self._history(BreakoutStatusChange, breakout, poster.submitter, Status.SUBMITTED, at)
            self._history(
                BreakoutStatusChange, breakout, self.organizer, Status.ACCEPTED, at, "submitted"
            )
            ScheduleItem.objects.create(
                event=event,
                kind="breakout",
                breakout=breakout,
                track=tracks[slug],
                room=rooms[room],
                starts_at=demo.on_the_day(start),
            )
