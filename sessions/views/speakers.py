"""The speakers page: every person once (keynote speakers, breakout presenters, poster
authors), with their photo or initials, affiliation, bio and their items with times.

Items come from the latest schedule release, as on the schedule page: a draft change shows
here only once it is released. Photos, affiliations and bios come from Speaker rows and
presenters' profiles (saving either bumps the public version). A breakout presenter who also
signs a poster, or a keynote speaker who also presents, is one entry holding all of it
(matched by name, ignoring case). Poster authors come a hundred at a time in name order,
with a search: the same six queries whether the call has ten posters or five thousand.
"""

from dataclasses import dataclass, field
from string import ascii_lowercase
from urllib.parse import urlencode

from django.db.models import Count, Window
from django.db.models.functions import RowNumber
from django.urls import reverse
from django.views.generic import TemplateView

from ecosystem_day.accounts.models import User
from ecosystem_day.event.mixins import CurrentEventMixin
from ecosystem_day.event.templatetags.schedule_time import time_span
from ecosystem_day.infra.text import clean_text
from posters.models import PosterAuthor, PosterProposal

from ..published import published

AUTHORS_PER_PAGE = 100
POSTERS_PER_PERSON = 10  # the rest through the catalogue's search for the person
SEARCH_MAX = 100
LETTERS = ascii_lowercase


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

    more_posters: int = 0  # posters signed beyond those listed

    @property
    def key(self):
        return name_key(self.name)

    @property
    def posters_search(self):
        """The catalogue searched for this person, for the posters not listed here."""
        return f"{reverse('poster_catalogue')}?{urlencode({'q': self.name})}"

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
            if speaker.id not in people:
                people[speaker.id] = Person(speaker.name, speaker.affiliation, speaker.bio)
            people[speaker.id].items.append(item)
    return list(people.values())


def breakout_presenters(programme):
    """Each released breakout's presenter once, with their profile, by name."""
    items = [item for item in programme.items if item.breakout]
    ids = {item.breakout.presenter.id for item in items}
    profiles = User.objects.only("pk", "name", "affiliation", "bio", "photo_thumbnail").in_bulk(ids)
    people = {}
    for item in items:
        presenter = item.breakout.presenter
        if presenter.id not in people:
            user = profiles.get(presenter.id)
            people[presenter.id] = (
                Person(user.name, user.affiliation, user.bio, user.photo_thumbnail or None)
                if user
                else Person(presenter.name)
            )
        people[presenter.id].items.append(item)
    return _by_name(people.values())


def name_key(name):
    """How names are compared: spaces collapsed, lower case (as PosterAuthor.key is written)."""
    return " ".join(name.split()).lower()


@dataclass
class AuthorsPage:
    """A page of poster authors in name order: the people, and where the next page starts."""

    people: list
    next_from: str = ""


def poster_authors(event, *, start="", search="", known=()):
    """Authors of accepted posters, AUTHORS_PER_PAGE people from `start` (a name or its first
    letters), each with up to POSTERS_PER_PERSON posters; people in `known` (keynote speakers
    and presenters, listed above) are left out here and returned apart, with their posters.
    Three queries whatever the size of the call: keys walked in one index, their rows, titles."""
    listed = PosterAuthor.objects.filter(event=event, accepted=True)
    people = listed.filter(key__gte=start).exclude(key__in=known)
    if search:
        people = people.filter(key__contains=name_key(search))
    keys = list(
        people.order_by("key").values_list("key", flat=True).distinct()[: AUTHORS_PER_PAGE + 1]
    )
    next_from = keys.pop() if len(keys) > AUTHORS_PER_PAGE else ""
    rows = list(
        listed.filter(key__in=[*keys, *known])
        .annotate(
            rank=Window(RowNumber(), partition_by="key", order_by="poster_id"),
            total=Window(Count("pk"), partition_by="key"),
        )
        .filter(rank__lte=POSTERS_PER_PERSON)
        .order_by()
        .values_list("key", "name", "poster_id", "total")
    )
    titles = dict(
        PosterProposal.objects.filter(pk__in={row[2] for row in rows}).values_list("pk", "title")
    )
    page = reverse("poster_public", args=[0])
    prefix = page[: page.rindex("0/")]  # one reverse() for every poster's page
    by_key = {}
    for key, name, pk, total in sorted(rows, key=lambda row: (row[0], titles[row[2]], row[2])):
        person = by_key.get(key)
        if person is None:
            person = by_key[key] = Person(name, more_posters=max(total - POSTERS_PER_PERSON, 0))
        elif person.name.islower() and not name.islower():
            person.name = name  # "Jonas Berg" rather than "jonas berg"
        person.posters.append(PosterLink(titles[pk], f"{prefix}{pk}/"))
    found = [by_key[key] for key in keys if key in by_key]
    return AuthorsPage(found, next_from), [by_key[key] for key in known if key in by_key]


def merged(*sections):
    """Each person once, in the first section they belong to, holding their later items."""
    seen = {}
    result = []
    for people in sections:
        kept = []
        for person in people:
            earlier = seen.get(person.key)
            if earlier is None:
                seen[person.key] = person
                kept.append(person)
                continue
            earlier.items += person.items
            earlier.posters += person.posters
            earlier.more_posters += max(person.more_posters, 0)
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


def asked(request, name):
    """A query parameter as text the page can search with: clean, one line, bounded."""
    return clean_text(request.GET.get(name, ""), multiline=False).strip()[:SEARCH_MAX]


class SpeakersView(CurrentEventMixin, TemplateView):
    """Keynote speakers and breakout presenters (as many as the schedule holds), then poster
    authors a page at a time (`from` a name or letter, `q` a part of a name)."""

    template_name = "sessions/speakers.html"

    def get_context_data(self, **kwargs):
        start, search = asked(self.request, "from").lower(), asked(self.request, "q")
        programme = published(self.event)
        keynotes, presenters = merged(
            keynote_speakers(self.event, programme), breakout_presenters(programme)
        )
        authors, theirs = poster_authors(
            self.event,
            start=start,
            search=search,
            known=[person.key for person in (*keynotes, *presenters)],
        )
        merged(keynotes + presenters, theirs)
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
            browsing_authors=bool(start or search),
            authors=authors,
            author_search=search,
            author_start=start,
            letters=LETTERS,
            **kwargs,
        )
