"""Bringing a published catalogue in: entries become accepted posters of an event.

Each entry is checked in Python (posters/catalogue_entry.py), matched to the event's posters
in memory, and the result written in batches by the one transition that writes imports,
`services.import_accepted_posters`; the report says what happened to each entry. A dry run
does all of it and rolls it back, so it is as fast and as truthful as the import.
"""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction

from ecosystem_day.event.models import Topic

from . import services
from .catalogue_entry import EntryRefused, clean_entry
from .models import ACCEPTED_STATES, PosterProposal, new_claim_token

BATCH_SIZE = 500
# What the model's own validation need not check again: set by the import itself, or the
# links, which the entry's cleaning checked with the model's validators.
NOT_CHECKED_AGAIN = {
    "event",
    "topic",
    "submitter",
    "status",
    "created_at",
    "updated_at",
    "claim_email",
    "claim_token",
    "image",
    "thumbnail",
    "link",
    "poster_link",
    "thumbnail_link",
}


@dataclass
class ImportReport:
    """What an import did (or, in a dry run, would do), entry by entry."""

    source: str
    dry_run: bool = False
    entries: int = 0
    created: list = field(default_factory=list)  # titles
    updated: list = field(default_factory=list)  # (title, [changed fields])
    unchanged: list = field(default_factory=list)
    skipped: list = field(default_factory=list)  # (position, label, reason)
    notes: list = field(default_factory=list)  # (position, label, what was read another way)
    new_topics: list = field(default_factory=list)

    def skip(self, entry, reason):
        self.skipped.append((entry.position, f"entry {entry.position} (line {entry.line})", reason))

    def remarks(self):
        """Skips and notes, in the file's order: (label, "skipped: why" or the note)."""
        lines = [(p, label, f"skipped: {reason}") for p, label, reason in self.skipped]
        lines += [(p, label, note) for p, label, note in self.notes]
        return [(label, text) for _, label, text in sorted(lines, key=lambda line: line[0])]


class _Refused(Exception):
    pass


def import_catalogue(
    event, raw_entries, *, by=None, source="", dry_run=False, progress=None, batch_size=None
):
    """Bring catalogue entries in as accepted posters of `event`, with no account until a
    presenter claims them; a second run of the same file changes nothing.

    An entry is matched to an existing poster of the event by its board code, else by its
    title (whitespace and case ignored) among the posters whose board the file does not name.
    Two entries of the same title without board codes, or a title several posters share,
    are skipped with the reason, never merged. `progress(n)` is told of every n entries done.
    """
    report = ImportReport(source=source, dry_run=dry_run, entries=len(raw_entries))
    advance = progress or (lambda done: None)
    entries = []
    for raw in raw_entries:
        try:
            entries.append(clean_entry(raw))
        except EntryRefused as refusal:
            report.skip(raw, str(refusal))
    advance(len(raw_entries) - len(entries))
    size = batch_size or BATCH_SIZE

    def batches(locked):
        importer = _Importer(event, entries, locked, report=report)
        for start in range(0, len(entries), size):
            chunk = entries[start : start + size]
            yield importer.batch_of(chunk)
            advance(len(chunk))

    note = f"Imported from {source}." if source else "Imported."
    with transaction.atomic():
        services.import_accepted_posters(event, batches, by=by, note=note)
        if dry_run:
            transaction.set_rollback(True)
    report.skipped.sort()
    return report


def _title_key(title):
    return " ".join(title.split()).casefold()


class _Importer:
    """One import run: the event's posters (locked) and topics read once, then each entry
    matched in memory and added to its batch."""

    def __init__(self, event, entries, posters, *, report):
        self.event, self.report = event, report
        self.by_code = {poster.board_code: poster for poster in posters if poster.board_code}
        self.by_title = {}
        for poster in posters:
            self.by_title.setdefault(_title_key(poster.title), []).append(poster)
        self.codes_in_file = {entry.section for entry in entries if entry.section}
        self.topics = {topic.name.casefold(): topic for topic in self.event.topics.all()}
        self.next_topic_position = max((t.position for t in self.topics.values()), default=0) + 1
        self.matched = {}  # id(poster) → the label of the entry that matched it
        self.sections = {}  # board code → the label of the entry that named it

    def batch_of(self, entries):
        batch = services.ImportBatch()
        for entry in entries:
            try:
                self._bring_in(entry, batch)
            except _Refused as refusal:
                self.report.skip(entry, str(refusal))
            except ValidationError as error:
                self.report.skip(entry, f"cannot be saved: {'; '.join(error.messages)}")
        return batch

    def _bring_in(self, entry, batch):
        if entry.section in self.sections:
            raise _Refused(
                f"section {entry.section} is already given to {self.sections[entry.section]}."
            )
        poster = self._match(entry)
        values = self._values(entry)
        new = PosterProposal(submitter=None, claim_token=new_claim_token(), **values)
        new.clean_fields(exclude=NOT_CHECKED_AGAIN)
        topic, *extra = self._topics(entry.categories, batch)
        if poster is None:
            poster = new
            poster.topic = topic
            batch.created.append((poster, extra))
            self.by_title.setdefault(_title_key(entry.title), []).append(poster)
            self.report.created.append(entry.title)
        else:
            self._update(poster, {**values, "topic": topic}, extra, entry, batch)
        if entry.section:
            self.sections[entry.section] = entry.label
        self.matched[id(poster)] = entry.label
        self.report.notes += [(entry.position, entry.label, note) for note in entry.notes]

    def _match(self, entry):
        poster = self.by_code.get(entry.section) if entry.section else None
        if poster is None:
            candidates = [
                poster
                for poster in self.by_title.get(_title_key(entry.title), [])
                if not poster.board_code or poster.board_code not in self.codes_in_file
            ]
            taken = [poster for poster in candidates if id(poster) in self.matched]
            candidates = [poster for poster in candidates if id(poster) not in self.matched]
            if len(candidates) > 1:
                raise _Refused(
                    f"{len(candidates)} posters of the event are titled “{entry.title}”: give "
                    "the entry the section (board code) of the one it is."
                )
            if not candidates and taken and not entry.section:
                raise _Refused(
                    f"has the same title as {self.matched[id(taken[0])]} and neither has a "
                    "section: give each a board code to import both."
                )
            poster = candidates[0] if candidates else None
        if poster is None:
            return None
        if id(poster) in self.matched:
            raise _Refused(f"matches the same poster as {self.matched[id(poster)]}.")
        if poster.status not in ACCEPTED_STATES:
            raise _Refused(
                f"matches “{poster.title}” (#{poster.pk}), which is "
                f"{poster.get_status_display().lower()}: the import only adds and updates "
                "accepted posters."
            )
        return poster

    def _topics(self, names, batch):
        """The entry's topics, the event's own where it has them (any letter case), new ones
        added to the batch, at the end of the event's list."""
        topics = []
        for name in names:
            topic = self.topics.get(name.casefold())
            if topic is None:
                topic = Topic(event=self.event, name=name, position=self.next_topic_position)
                self.next_topic_position += 1
                self.topics[name.casefold()] = topic
                batch.new_topics.append(topic)
                self.report.new_topics.append(name)
            topics.append(topic)
        return topics

    def _values(self, entry):
        return {
            "event": self.event,
            "title": entry.title,
            "summary": entry.description,
            "authors": "\n".join(entry.authors),
            "link": entry.link,
            "board_code": entry.section,
            "poster_link": entry.poster_link,
            "thumbnail_link": entry.thumbnail_link,
        }

    def _update(self, poster, values, extra, entry, batch):
        changed = [
            name for name in services.IMPORTED_FIELDS if getattr(poster, name) != values[name]
        ]
        same_extra = {t.pk for t in extra} == {t.pk for t in poster.extra_topics.all()}
        if not changed and same_extra:
            self.report.unchanged.append(entry.title)
            return
        for name in services.IMPORTED_FIELDS:
            setattr(poster, name, values[name])
        if not same_extra:
            changed.append("extra_topics")
        batch.changed.append((poster, None if same_extra else extra, changed))
        self.report.updated.append((entry.title, services.field_labels(changed)))
