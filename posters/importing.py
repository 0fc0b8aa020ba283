"""Bringing a published catalogue in: entries become accepted posters of an event.

One transaction for the whole file (a dry run rolls it back), the event's posters locked in
id order, each entry matched, created or updated; the report says what happened to each.
posters/catalogue_file.py reads and checks the file; this module saves.
"""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from ecosystem_day.models import PublicVersion, Topic

from . import catalogue_file
from .models import PosterProposal, StatusChange, new_claim_token
from .models import ProposalStatus as Status


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
    new_topics: list = field(default_factory=list)

    def skip(self, entry, reason):
        self.skipped.append((entry.position, f"entry {entry.position} (line {entry.line})", reason))
        self.skipped.sort()


class _Refused(Exception):
    pass


def import_catalogue(event, raw_entries, *, by=None, source="", dry_run=False, progress=None):
    """Bring catalogue entries in as accepted posters of `event`, with no account until a
    presenter claims them; a second run of the same file changes nothing.

    An entry is matched to an existing poster of the event by its board code, else by its
    title (whitespace and case ignored) among the posters whose board the file does not name.
    Two entries of the same title without board codes, or a title several posters share,
    are skipped with the reason, never merged. No email is sent (nobody owns the posters);
    the history says who imported what, and the public version is bumped once, after commit.
    A dry run does all of it in a transaction that is rolled back.
    """
    report = ImportReport(source=source, dry_run=dry_run, entries=len(raw_entries))
    entries = _clean_entries(raw_entries, report)
    with transaction.atomic(), PublicVersion.bumped_once():
        importer = _Importer(event, entries, by=by, source=source, report=report)
        for entry in (progress or iter)(entries):
            importer.bring_in(entry)
        if dry_run:
            transaction.set_rollback(True)
    return report


def _clean_entries(raw_entries, report):
    entries = []
    for raw in raw_entries:
        try:
            entries.append(catalogue_file.clean_entry(raw))
        except catalogue_file.EntryRefused as refusal:
            report.skip(raw, str(refusal))
    return entries


def _title_key(title):
    return " ".join(title.split()).casefold()


class _Importer:
    """One import run: the event's posters and topics read once, then each entry in turn."""

    def __init__(self, event, entries, *, by, source, report):
        self.event, self.by, self.report = event, by, report
        self.note = f"Imported from {source}." if source else "Imported."
        self.posters = list(
            PosterProposal.objects.select_for_update(of=("self",))
            .filter(event=event)
            .select_related("topic")
            .prefetch_related("extra_topics")
            .order_by("pk")
        )
        self.by_code = {poster.board_code: poster for poster in self.posters if poster.board_code}
        self.codes_in_file = {entry.section for entry in entries if entry.section}
        self.topics = {topic.name.casefold(): topic for topic in event.topics.all()}
        self.next_topic_position = max((t.position for t in self.topics.values()), default=0) + 1
        self.matched = {}  # poster pk → the label of the entry that matched it
        self.sections = {}  # board code → the label of the entry that named it

    def bring_in(self, entry):
        before = (dict(self.topics), self.next_topic_position, len(self.report.new_topics))
        try:
            if entry.section in self.sections:
                raise _Refused(
                    f"section {entry.section} is already given to {self.sections[entry.section]}."
                )
            poster = self._match(entry)
            if entry.section:
                self.sections[entry.section] = entry.label
            with transaction.atomic():
                if poster is None:
                    poster = self._create(entry)
                    self.posters.append(poster)
                else:
                    self._update(poster, entry)
            self.matched[poster.pk] = entry.label
        except _Refused as refusal:
            self.report.skip(entry, str(refusal))
        except (ValidationError, IntegrityError) as error:
            # The savepoint took back any topic made for it; so does the importer's memory.
            self.topics, self.next_topic_position, new_topics = before
            del self.report.new_topics[new_topics:]
            reason = "; ".join(getattr(error, "messages", None) or [str(error)])
            self.report.skip(entry, f"cannot be saved: {reason}")

    def _match(self, entry):
        poster = self.by_code.get(entry.section) if entry.section else None
        if poster is None:
            key = _title_key(entry.title)
            candidates = [
                poster
                for poster in self.posters
                if _title_key(poster.title) == key
                and (not poster.board_code or poster.board_code not in self.codes_in_file)
            ]
            taken = [poster for poster in candidates if poster.pk in self.matched]
            candidates = [poster for poster in candidates if poster.pk not in self.matched]
            if len(candidates) > 1:
                raise _Refused(
                    f"{len(candidates)} posters of the event are titled “{entry.title}”: give "
                    "the entry the section (board code) of the one it is."
                )
            if not candidates and taken and not entry.section:
                raise _Refused(
                    f"has the same title as {self.matched[taken[0].pk]} and neither has a "
                    "section: give each a board code to import both."
                )
            poster = candidates[0] if candidates else None
        if poster is None:
            return None
        if poster.pk in self.matched:
            raise _Refused(f"matches the same poster as {self.matched[poster.pk]}.")
        if poster.status != Status.ACCEPTED:
            raise _Refused(
                f"matches “{poster.title}” (#{poster.pk}), which is "
                f"{poster.get_status_display().lower()}: the import only adds and updates "
                "accepted posters."
            )
        return poster

    def _topics(self, names):
        topics = []
        for name in names:
            topic = self.topics.get(name.casefold())
            if topic is None:
                topic = Topic(event=self.event, name=name, position=self.next_topic_position)
                topic.full_clean()
                topic.save()
                self.next_topic_position += 1
                self.topics[name.casefold()] = topic
                self.report.new_topics.append(name)
            topics.append(topic)
        return topics

    def _values(self, entry):
        return {
            "title": entry.title,
            "summary": entry.description,
            "authors": "\n".join(entry.authors),
            "link": entry.link,
            "board_code": entry.section,
            "poster_link": entry.poster_link,
            "thumbnail_link": entry.thumbnail_link,
        }

    def _create(self, entry):
        topic, *extra = self._topics(entry.categories)
        poster = PosterProposal(
            event=self.event,
            submitter=None,
            status=Status.ACCEPTED,
            topic=topic,
            claim_token=new_claim_token(),
            **self._values(entry),
        )
        poster.full_clean()
        poster.save()
        poster.extra_topics.set(extra)
        StatusChange.objects.create(
            proposal=poster, changed_by=self.by, to_status=Status.ACCEPTED, note=self.note
        )
        self.report.created.append(entry.title)
        return poster

    def _update(self, poster, entry):
        topic, *extra = self._topics(entry.categories)
        values = {**self._values(entry), "topic": topic}
        changed = [name for name, value in values.items() if getattr(poster, name) != value]
        extra_ids = {t.pk for t in extra}
        if extra_ids != {t.pk for t in poster.extra_topics.all()}:
            changed.append("extra_topics")
        if not changed:
            self.report.unchanged.append(entry.title)
            return
        for name, value in values.items():
            setattr(poster, name, value)
        poster.full_clean()
        poster.save()
        if "extra_topics" in changed:
            poster.extra_topics.set(extra)
        labels = [PosterProposal._meta.get_field(name).verbose_name for name in changed]
        StatusChange.objects.create(
            proposal=poster,
            changed_by=self.by,
            from_status=Status.ACCEPTED,
            to_status=Status.ACCEPTED,
            note=f"{self.note[:-1]}: changed {', '.join(labels)}.",
        )
        self.report.updated.append((entry.title, labels))
