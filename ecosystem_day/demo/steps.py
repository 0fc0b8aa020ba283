"""What people do to an edition, for the demo: submit, review, decide, hang, tend, propose,
accept, schedule. Each step goes through the site's own transition functions, dated by the
caller, and skips what is already done, so seeding twice changes nothing."""

from datetime import timedelta

from django.contrib.auth.models import Group

from ecosystem_day.accounts.models import User
from ecosystem_day.demo import data as demo
from ecosystem_day.event.models import Topic
from posters.models import ACCEPTED_STATES, PosterProposal, Review, ReviewSettings
from posters.reviews import criteria_of, save_review
from posters.services import change_poster_status, set_tending, submit_poster
from sessions.breakout_settings import breakout_settings_for
from sessions.models import BreakoutProposal, ScheduleItem
from sessions.services import change_breakout_status, propose_breakout, schedule_breakout

Status = PosterProposal.Status
FORMATS = list(BreakoutProposal.Format)
BREAKOUT_STARTS = [timedelta(minutes=45 * n) for n in range(4)]  # in each track's window


# What the demo edition's reviewers score, beside their overall score: the call's own words.
REVIEW_CRITERIA = [
    ("Relevance to the PyTorch ecosystem", "Does it help PyTorch researchers and engineers?"),
    ("Technical depth", "Results, design and limits, beyond a description."),
    ("Clarity", "Could a visitor grasp it from the poster in a few minutes?"),
    (
        "Research or open source, no sales pitch",
        "The call's own rule: academic papers, ML research or open-source projects; "
        "1 if it sells a product.",
    ),
]


def review_criteria(edition):
    """The edition's review settings with the call's four criteria (once)."""
    settings, _ = ReviewSettings.objects.get_or_create(event=edition)
    for position, (name, help_text) in enumerate(REVIEW_CRITERIA):
        settings.criteria.get_or_create(
            name=name, defaults={"help_text": help_text, "position": position}
        )
    return settings


def user(email, name, group=None):
    """A demo account, its (example.com) address counted as verified, so that it can claim."""
    found, created = User.objects.get_or_create(
        email=email, defaults={"name": name, "is_staff": group is not None}
    )
    if found.email_verified_at is None:
        found.email_verified_at = found.date_joined
        found.save(update_fields=["email_verified_at"])
    if created:
        if email in demo.PASSWORDS:
            found.set_password(demo.PASSWORDS[email])
        else:
            found.set_unusable_password()
        found.save()
    if group:
        found.groups.add(Group.objects.get(name=group))
    return found


class People:
    """The demo's organizer and reviewer, who review and decide in every edition."""

    def __init__(self):
        self.organizer = user("organizer@example.com", "Olivia Organizer", "Organizers")
        self.reviewer = user("reviewer@example.com", "Ravi Reviewer", "Reviewers")
        user("submitter@example.com", "Sam Submitter")

    def poster(self, event, proposal, *, submitted_at, decided_at=None, reviewed=True):
        """One poster: submitted at `submitted_at`; reviewed and given its status at
        `decided_at` (left awaiting a decision without one)."""
        email, title, authors, topic, link, status = proposal
        existing = PosterProposal.objects.filter(event=event, title=title).first()
        if existing:
            return existing
        submitter = user(email, authors.splitlines()[0])
        poster = submit_poster(
            event=event,
            submitter=submitter,
            at=submitted_at - timedelta(days=len(title) % 7, hours=len(title) % 24),
            title=title,
            summary=f"{title}: a project for PyTorch researchers and engineers." + demo.LOREM,
            authors=authors,
            topic=Topic.objects.get(event=event, name=topic),
            link=link,
        )
        if not reviewed or status == Status.SUBMITTED and decided_at is not None:
            return poster  # left for reviewers, or awaiting a decision after the others
        accepted = status in (Status.ACCEPTED, Status.SUBMITTED)
        save_review(
            Review,
            poster,
            reviewer=self.reviewer,
            score=4 if accepted else 2,
            comment="Clear summary and a real open-source project."
            if accepted
            else "Interesting, but the summary is thin on results.",
            scores={c.pk: (4 if accepted else 2) for c in criteria_of(event)},
        )
        if decided_at is None:
            return poster
        by = submitter if status == Status.WITHDRAWN else self.organizer
        return change_poster_status(poster, status, by=by, at=decided_at)

    def catalogue(self, event, proposals, *, submitted_at, decided_at, reviewed=True):
        for proposal in proposals:
            self.poster(
                event,
                proposal,
                submitted_at=submitted_at,
                decided_at=decided_at,
                reviewed=reviewed,
            )

    def breakouts(self, event, count, *, proposed_at, accepted_at, scheduled_at):
        """One breakout each for the first `count` accepted posters' presenters, in free
        40-minute slots of the tracks' windows, four rooms at a time."""
        rooms = [event.rooms.get(name=name) for name in demo.BREAKOUT_ROOMS]
        slots = [
            (track, room, track.breakout_window.starts_at + offset)
            for track in event.tracks.select_related("breakout_window")
            for offset in BREAKOUT_STARTS
            for room in rooms
        ][:count]
        taken = set(
            ScheduleItem.objects.filter(event=event, kind="breakout").values_list(
                "track_id", "room_id", "starts_at"
            )
        )
        free = [s for s in slots if (s[0].pk, s[1].pk, s[2]) not in taken]
        minutes = breakout_settings_for(event).minutes
        posters = event.posters.filter(status__in=ACCEPTED_STATES, breakouts=None).order_by("pk")
        for (track, room, starts_at), poster in zip(
            free, posters.select_related("submitter"), strict=False
        ):
            fmt = FORMATS[poster.pk % len(FORMATS)]
            breakout = propose_breakout(
                event=event,
                submitter=poster.submitter,
                poster=poster,
                at=proposed_at,
                title=f"{fmt.label}: {poster.title}"[:200],
                description=f"A {minutes}-minute {fmt.label.lower()} with the "
                f"authors of “{poster.title}”, with time for questions.",
                format=fmt,
                preferred_track=track,
            )
            change_breakout_status(breakout, Status.ACCEPTED, by=self.organizer, at=accepted_at)
            schedule_breakout(
                breakout,
                track=track,
                room=room,
                starts_at=starts_at,
                by=self.organizer,
                at=scheduled_at,
            )


def hang_posters(event):
    """Boards for the accepted posters, one row a topic (A, B, …), as organizers would."""
    accepted = event.posters.filter(status__in=ACCEPTED_STATES)
    if accepted.exclude(board_code="").exists():
        return
    topics = list(event.topics.all())
    for row, topic in zip("ABCDEFGHIJKLMNOPQRSTUVWXYZ", topics, strict=False):
        for number, pk in enumerate(
            accepted.filter(topic=topic).order_by("title", "pk").values_list("pk", flat=True),
            1,
        ):
            PosterProposal.objects.filter(pk=pk).update(board_code=f"{row}{number}")


def tend_posters(event):
    """Presenters say when they stand by their poster: the first session, the second or both."""
    tracks = list(event.tracks.all())
    choices = [tracks[:1], tracks[1:2] or tracks[:1], tracks]
    untended = event.posters.filter(status__in=ACCEPTED_STATES, tending_tracks=None)
    for poster in untended.select_related("submitter"):
        set_tending(poster, choices[poster.pk % 3], by=poster.submitter)


def proposals(accepted, *, first=0, decided=True):
    """The demo submitter's proposals (one in every status) and generated accepted posters,
    `accepted` in all; numbered from `first`. Undecided: every status is "submitted"."""
    mine = demo.PROPOSALS
    missing = accepted - sum(1 for p in mine if p[-1] in ACCEPTED_STATES)
    generated = [
        (f"presenter{first + n + 1}@example.com", title, authors, topic, "", Status.ACCEPTED)
        for n, (title, authors, topic) in enumerate(
            demo.generated_posters(max(0, missing), first=first)
        )
    ]
    every = [*mine, *generated]
    if decided:
        return every
    return [(*proposal[:-1], Status.SUBMITTED) for proposal in every]
