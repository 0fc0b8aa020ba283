"""The speakers page: every person once (keynote speakers, breakout presenters, poster
authors), with their photo or initials, affiliation, bio and all their items with times.

A breakout presenter who also signs a poster, or a keynote speaker who also presents, is one
entry holding all of it (matched by name, ignoring case). A fixed number of queries.
"""

from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.views.generic import TemplateView

from ecosystem_day.mixins import CurrentEventMixin
from posters.models import PosterProposal

from ..models import ScheduleItem


@dataclass
class Person:
    name: str
    affiliation: str = ""
    bio: str = ""
    photo: object = None  # a FieldFile (the thumbnail), or None
    items: list = field(default_factory=list)  # ScheduleItems, in time order
    posters: list = field(default_factory=list)

    @property
    def key(self):
        return " ".join(self.name.split()).casefold()

    @property
    def initials(self):
        return "".join(word[0] for word in self.name.split()[:2]).upper()


def keynote_speakers(event):
    speakers = event.speakers.prefetch_related(
        Prefetch(
            "items",
            queryset=ScheduleItem.objects.on_the_programme().order_by("starts_at", "pk"),
        )
    )
    return [
        Person(
            speaker.name,
            speaker.affiliation,
            speaker.bio,
            speaker.photo_thumbnail or None,
            list(speaker.items.all()),
        )
        for speaker in speakers
    ]


def breakout_presenters(event):
    """Each presenter once, with all their scheduled breakouts in time order."""
    items = (
        event.schedule_items.on_the_programme()
        .filter(kind=ScheduleItem.Kind.BREAKOUT)
        .select_related("breakout__submitter")
        .order_by("starts_at", "pk")
    )
    people = {}
    for item in items:
        user = item.breakout.submitter
        if user.pk not in people:
            people[user.pk] = Person(
                user.name, user.affiliation, user.bio, user.photo_thumbnail or None
            )
        people[user.pk].items.append(item)
    return sorted(people.values(), key=lambda person: (person.key, person.name))


def poster_authors(event):
    """Each author of an accepted poster (names matched ignoring case), with their posters."""
    posters = (
        PosterProposal.objects.filter(event=event, status=PosterProposal.Status.ACCEPTED)
        .only("pk", "title", "authors")
        .order_by("title", "pk")
    )
    by_key = {}
    for poster in posters:
        for name in poster.author_list:
            person = by_key.setdefault(Person(name).key, Person(name))
            if person.name.islower() and not name.islower():
                person.name = name  # "Jonas Berg" rather than "jonas berg"
            person.posters.append(poster)
    return sorted(by_key.values(), key=lambda person: (person.key, person.name))


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
        person.items.sort(key=lambda item: (item.starts_at, item.pk))
    return result


class SpeakersView(CurrentEventMixin, TemplateView):
    template_name = "sessions/speakers.html"

    def get_context_data(self, **kwargs):
        keynotes, presenters, authors = merged(
            keynote_speakers(self.event),
            breakout_presenters(self.event),
            poster_authors(self.event),
        )
        return super().get_context_data(
            speakers=keynotes,
            breakout_presenters=presenters,
            poster_presenters=authors,
            **kwargs,
        )
