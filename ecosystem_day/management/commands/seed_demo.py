"""Create PyTorch Ecosystem Day 2021, as announced, with demo accounts and proposals."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from ecosystem_day.models import Event, Topic, User
from posters.models import PosterProposal, Review, StatusChange

EVENT_ZONE = ZoneInfo("America/Los_Angeles")
SLUG = "pytorch-ecosystem-day-2021"

DESCRIPTION = """\
Our first PyTorch Ecosystem Day: a virtual, one-day event for the ecosystem and industry \
communities to showcase their work and discover new opportunities to collaborate.

A day filled with discussions on new developments, trends, challenges and best practices \
through keynotes, breakout sessions, and a networking space.

Two sessions, so that the whole community can join:
• Morning session (EMEA): opening talks 8:00–9:00 am PT; poster exhibition and breakout \
sessions 9:00 am–12:00 pm PT.
• Evening session (APAC / US): opening talks 3:00–4:00 pm PT; poster exhibition and \
breakout sessions 3:00–6:00 pm PT.
• Networking all day, 9:00 am–7:00 pm PT.

Two ways to take part:
1. The poster exhibition: posters are on view for the whole event. If yours is accepted, \
we highly recommend tending it during the morning or evening session, or both.
2. Breakout sessions: 40-minute sessions freely designed by the community: talks, demos, \
tutorials or discussions. You must have an accepted poster to apply for a breakout."""

CALL = """\
Please send us the title and summary of your projects, tools and libraries that could \
benefit PyTorch researchers in academia and industry, application developers and ML engineers.

The focus must be on academic papers, machine learning research, or open-source projects.

Please no sales pitches."""

TOPICS = [
    "Multimodal",
    "NLP",
    "Compilers",
    "Distributed training",
    "Researcher productivity tools",
    "AI accelerators",
    "Computer vision",
    "Audio and speech",
    "Other",
]

PASSWORDS = {
    "organizer@example.com": "organize-ecosystem-2021",
    "reviewer@example.com": "review-ecosystem-2021",
    "submitter@example.com": "submit-ecosystem-2021",
}

LOREM = (
    " It is released under an open-source licence, documented with tutorials, and used by "
    "research groups and companies; the poster explains its design, benchmarks against the "
    "usual baselines, and what we learned maintaining it with the PyTorch community."
)

# (submitter email, title, authors, topic, link, status)
PROPOSALS = [
    (
        "submitter@example.com",
        "TorchMultimodal Lab: joint image and text pre-training at small scale",
        "Sam Submitter\nRiya Patel",
        "Multimodal",
        "https://github.com/example/mm-lab",
        PosterProposal.Status.SUBMITTED,
    ),
    (
        "submitter@example.com",
        "Tokenizers that stream: fast NLP preprocessing in PyTorch DataPipes",
        "Sam Submitter",
        "NLP",
        "https://arxiv.org/abs/2101.00001",
        PosterProposal.Status.ACCEPTED,
    ),
    (
        "submitter@example.com",
        "A TorchScript pass for fusing attention kernels",
        "Sam Submitter\nLee Chen",
        "Compilers",
        "",
        PosterProposal.Status.WAITLISTED,
    ),
    (
        "submitter@example.com",
        "Elastic training on pre-emptible clusters",
        "Sam Submitter",
        "Distributed training",
        "",
        PosterProposal.Status.REJECTED,
    ),
    (
        "submitter@example.com",
        "Notebook-to-package: reproducible research workflows",
        "Sam Submitter",
        "Researcher productivity tools",
        "",
        PosterProposal.Status.WITHDRAWN,
    ),
    (
        "ana@example.com",
        "Quantization-aware training for edge AI accelerators",
        "Ana Souza\nKenji Watanabe",
        "AI accelerators",
        "https://github.com/example/qat-edge",
        PosterProposal.Status.SUBMITTED,
    ),
    (
        "ana@example.com",
        "Speech recognition recipes with torchaudio",
        "Ana Souza",
        "Audio and speech",
        "",
        PosterProposal.Status.SUBMITTED,
    ),
    (
        "kofi@example.com",
        "Self-supervised vision models for satellite imagery",
        "Kofi Mensah\nElena Rossi",
        "Computer vision",
        "https://github.com/example/geo-ssl",
        PosterProposal.Status.ACCEPTED,
    ),
]


def end_of_day(day):
    return datetime.combine(day, time(23, 59, 59), tzinfo=EVENT_ZONE)


class Command(BaseCommand):
    help = "Create PyTorch Ecosystem Day 2021 with demo accounts and proposals in every status."

    def add_arguments(self, parser):
        parser.add_argument(
            "--cfp-open",
            action="store_true",
            help="Move the poster deadline to the end of the day a week from now.",
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
            slug=SLUG,
            defaults={
                "name": "PyTorch Ecosystem Day 2021",
                "date": date(2021, 4, 21),
                "time_zone": "America/Los_Angeles",
                "tagline": "A virtual, one-day event for the PyTorch ecosystem and industry "
                "communities.",
                "description": DESCRIPTION,
                "call_for_posters": CALL,
                "cfp_deadline": end_of_day(date(2021, 3, 18)),
                "is_current": not Event.objects.filter(is_current=True).exists(),
            },
        )
        if cfp_open:
            event.cfp_deadline = end_of_day(timezone.localdate(timezone=EVENT_ZONE) + timedelta(7))
            event.save(update_fields=["cfp_deadline"])
        for position, name in enumerate(TOPICS):
            Topic.objects.get_or_create(event=event, name=name, defaults={"position": position})

        organizer = self._user("organizer@example.com", "Olivia Organizer", "Organizers")
        reviewer = self._user("reviewer@example.com", "Ravi Reviewer", "Reviewers")
        self._user("submitter@example.com", "Sam Submitter")
        for submitter, title, authors, topic, link, status in PROPOSALS:
            self._proposal(
                event, submitter, title, authors, topic, link, status, organizer, reviewer
            )

        deadline = timezone.localtime(event.cfp_deadline, EVENT_ZONE)
        self.stdout.write(
            self.style.SUCCESS(
                f"{event.name}: {'created' if created else 'already there'}; "
                f"poster deadline {deadline:%Y-%m-%d %H:%M:%S %Z}."
            )
        )
        self.stdout.write("Demo logins (email / password):")
        for email, password in PASSWORDS.items():
            self.stdout.write(f"  {email} / {password}")

    def _user(self, email, name, group=None):
        user, created = User.objects.get_or_create(
            email=email, defaults={"name": name, "is_staff": group is not None}
        )
        if created:
            user.set_password(PASSWORDS.get(email))
            if email not in PASSWORDS:
                user.set_unusable_password()
            user.save()
        if group:
            user.groups.add(Group.objects.get(name=group))
        return user

    def _proposal(self, event, email, title, authors, topic, link, status, organizer, reviewer):
        submitter = self._user(email, authors.splitlines()[0])
        proposal, created = PosterProposal.objects.get_or_create(
            event=event,
            title=title,
            defaults={
                "submitter": submitter,
                "summary": f"{title}: a project for PyTorch researchers and engineers." + LOREM,
                "authors": authors,
                "topic": Topic.objects.get(event=event, name=topic),
                "link": link,
                "status": status,
            },
        )
        if not created:
            return
        # Dated as they were in 2021: submitted in early March, decided after the deadline.
        submitted_at = end_of_day(date(2021, 3, 8)) - timedelta(
            days=len(title) % 7, hours=len(title)
        )
        decided_at = datetime.combine(date(2021, 3, 29), time(10), tzinfo=EVENT_ZONE)
        PosterProposal.objects.filter(pk=proposal.pk).update(
            created_at=submitted_at, updated_at=submitted_at
        )
        first = StatusChange.objects.create(
            proposal=proposal, changed_by=submitter, to_status=PosterProposal.Status.SUBMITTED
        )
        StatusChange.objects.filter(pk=first.pk).update(changed_at=submitted_at)
        if status == PosterProposal.Status.SUBMITTED:
            return
        Review.objects.create(
            proposal=proposal,
            reviewer=reviewer,
            score=4 if status == "accepted" else 2,
            comment="Clear summary and a real open-source project."
            if status == "accepted"
            else "Interesting, but the summary is thin on results.",
        )
        decision = StatusChange.objects.create(
            proposal=proposal,
            changed_by=submitter if status == PosterProposal.Status.WITHDRAWN else organizer,
            from_status=PosterProposal.Status.SUBMITTED,
            to_status=status,
            note="Demo data.",
        )
        StatusChange.objects.filter(pk=decision.pk).update(changed_at=decided_at)
