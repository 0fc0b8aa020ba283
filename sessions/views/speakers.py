"""The speakers page: every person once (keynote speakers, breakout presenters, poster
authors), with their photo or initials, affiliation, bio and their items with times.

Items come from the latest schedule release, as on the schedule page: a draft change shows
here only once it is released. Photos, affiliations and bios come from Speaker rows and
presenters' profiles (saving either bumps the public version). A breakout presenter who also
signs a poster, or a keynote speaker who also presents, is one entry holding all of it
(matched by name, ignoring case). Four queries, whatever the size of the day.
"""

from dataclasses import dataclass, field

from django.urls import reverse
from django.views.generic import TemplateView

from ecosystem_day.accounts.models import User
from ecosystem_day.mixins import CurrentEventMixin
from ecosystem_day.templatetags.schedule_time import time_span
from posters.models import PosterProposal

from ..published import published


@dataclass
class PosterLink:
    title: str
    url: str


@dataclass
class Slot:
    """One of a person's released items, its times already written."""

    title: str
    url: str
    starts_at: object
    times: str


@dataclass
class Section:
    id: str
    title: str
    marker: str  # the attribute that marks each person's card, for specs and scripts
    people: list
    none_yet: str


@dataclass
class Person:
    name: str
    affiliation: str = ""
    bio: str = ""
    photo: object = None  # a FieldFile (the thumbnail), or None
    items: list = field(default_factory=list)  # PublishedItems, then Slots, in time order
    posters: list = field(default_factory=list)  # PosterLinks

    @property
    def key(self):
        return " ".join(self.name.split()).casefold()

    @property
    def initials(self):
        return "".join(word[0] for word in self.name.split()[:2]).upper()


def _by_name(people):
    return sorted(people, key=lambda person: (person.key, person.name))


def keynote_speakers(event, programme):
    """The event's speakers in their order, each with the released items that name them; a
    speaker the release names whose row is gone since keeps the release's words."""
    people = {
        speaker.pk: Person(
            speaker.name, speaker.affiliation, speaker.bio, speaker.photo_thumbnail or None
        )
        for speaker in event.speakers.only(
            "pk", "event_id", "name", "affiliation", "bio", "photo_thumbnail", "position"
        )
    }
    for item in programme.items:
        for speaker in item.speakers:
            if speaker["id"] not in people:
                people[speaker["id"]] = Person(
                    speaker["name"], speaker["affiliation"], speaker["bio"]
                )
            people[speaker["id"]].items.append(item)
    return list(people.values())


def breakout_presenters(programme):
    """Each released breakout's presenter once, with their profile, by name."""
    items = [item for item in programme.items if item.breakout]
    ids = {item.breakout["presenter"]["id"] for item in items}
    profiles = User.objects.only("pk", "name", "affiliation", "bio", "photo_thumbnail").in_bulk(ids)
    people = {}
    for item in items:
        presenter = item.breakout["presenter"]
        if presenter["id"] not in people:
            user = profiles.get(presenter["id"])
            people[presenter["id"]] = (
                Person(user.name, user.affiliation, user.bio, user.photo_thumbnail or None)
                if user
                else Person(presenter["name"])
            )
        people[presenter["id"]].items.append(item)
    return _by_name(people.values())


def poster_authors(event):
    """Each author of an accepted poster (names matched ignoring case), with their posters."""
    posters = (
        PosterProposal.objects.filter(event=event, status=PosterProposal.Status.ACCEPTED)
        .order_by("title", "pk")
        .values_list("pk", "title", "authors")
    )
    page = reverse("poster_public", args=[0])
    prefix = page[: page.rindex("0/")]  # one reverse() for every poster's page
    by_key = {}
    for pk, title, authors in posters:
        link = PosterLink(title, f"{prefix}{pk}/")
        for line in authors.splitlines():
            name = line.strip()
            if not name:
                continue
            key = " ".join(name.split()).casefold()
            person = by_key.get(key)
            if person is None:
                person = by_key[key] = Person(name)
            elif person.name.islower() and not name.islower():
                person.name = name  # "Jonas Berg" rather than "jonas berg"
            person.posters.append(link)
    return _by_name(by_key.values())


def merged(keynotes, presenters, authors):
    """Each person once, in the first section they belong to, holding their later items."""
    seen = {}
    result = []
    for people in (keynotes, presenters, authors):
        kept = []
        for person in people:
            earlier = seen.get(person.key)
            if earlier is None:
                seen[person.key] = person
                kept.append(person)
                continue
            earlier.items += person.items
            earlier.posters += person.posters
            earlier.affiliation = earlier.affiliation or person.affiliation
            earlier.bio = earlier.bio or person.bio
            earlier.photo = earlier.photo or person.photo
        result.append(kept)
    for person in seen.values():
        if len(person.items) > 1:
            person.items.sort(key=lambda item: (item.starts_at, item.pk))
    return result


def with_times(people, context):
    """Each person's items as Slots, times written once per distinct start and end (many
    breakouts share their slot)."""
    written = {}
    for person in people:
        slots = []
        for item in person.items:
            span = (item.starts_at, item.ends_at)
            if span not in written:
                written[span] = time_span(context, *span)
            slots.append(Slot(item.title, item.get_absolute_url(), item.starts_at, written[span]))
        person.items = slots


class SpeakersView(CurrentEventMixin, TemplateView):
    template_name = "sessions/speakers.html"

    def get_context_data(self, **kwargs):
        programme = published(self.event)
        keynotes, presenters, authors = merged(
            keynote_speakers(self.event, programme),
            breakout_presenters(programme),
            poster_authors(self.event),
        )
        with_times([*keynotes, *presenters], {"event": self.event, "request": self.request})
        return super().get_context_data(
            sections=[
                Section(
                    "keynotes",
                    "Keynote speakers",
                    "data-speaker",
                    keynotes,
                    "Keynote speakers will be announced here.",
                ),
                Section(
                    "breakout-presenters",
                    "Breakout presenters",
                    "data-breakout-presenter",
                    presenters,
                    "Breakouts will be listed once they are scheduled.",
                ),
            ],
            poster_presenters=authors,
            **kwargs,
        )
