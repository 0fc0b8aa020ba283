"""Every change to a poster goes through here: views, admin, commands and demo data.

Each function locks the poster's row (never the event's), checks its rule, saves, records
the history and queues the email in one transaction, so a decision is logged and mailed
exactly once even when two organizers click at the same moment. A status change tells the
apps above through `poster_status_changed`, inside the same transaction.
"""

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from django.utils.dateformat import format as format_date

from ecosystem_day import images
from ecosystem_day.models import PublicVersion, Topic

from . import catalogue_file, proposals
from .models import PosterProposal, StatusChange, new_claim_token
from .models import ProposalStatus as Status
from .proposals import InvalidStatusChange  # noqa: F401  (part of this module's interface)
from .signals import poster_status_changed

EDITABLE_FIELDS = ("title", "summary", "authors", "topic", "link")


class CallForPostersClosed(PermissionDenied):
    """Raised for any create or edit after the deadline; shown to the user as a 403 page."""

    def __init__(self, event):
        local = timezone.localtime(event.cfp_deadline, event.tz)
        super().__init__(
            f"The call for posters closed on {format_date(local, 'l, F j, Y, g:i:s A T')} "
            f"({event.time_zone}). Proposals can no longer be submitted or changed."
        )


class ProposalLocked(PermissionDenied):
    """Raised when the author tries to change a proposal that is no longer awaiting review."""


def lock_poster(pk):
    """The poster's row, locked: the first lock of any change that touches a poster."""
    return proposals.lock(PosterProposal, pk)


def check_summary(event, summary):
    """The event's summary limits, for what authors type (imports and organizers are exempt)."""
    try:
        event.check_summary_length(summary)
    except ValidationError as error:
        raise ValidationError({"summary": error.messages}) from error


def submit_poster(*, event, submitter, at=None, **fields):
    """Create a proposal from `fields` (the editable fields) if the call is open at `at`.

    It is stamped with the very instant the deadline was checked against.
    """
    at = at or timezone.now()
    with transaction.atomic():
        if not event.cfp_is_open(at):
            raise CallForPostersClosed(event)
        poster = PosterProposal(event=event, submitter=submitter, created_at=at, **fields)
        check_summary(event, poster.summary)
        poster.full_clean()
        poster.save()
        StatusChange.objects.create(
            proposal=poster, changed_by=submitter, changed_at=at, to_status=Status.SUBMITTED
        )
        proposals.notify(poster, "poster-submitted")
    return poster


def check_author_can_edit(poster, *, by, at=None):
    """Raise the reason `by` may not change `poster` now, if there is one."""
    if poster.submitter_id != by.pk:
        raise PermissionDenied("Only the submitter can change this proposal.")
    if not poster.event.cfp_is_open(at):
        raise CallForPostersClosed(poster.event)
    if poster.status != Status.SUBMITTED:
        raise ProposalLocked(
            f"This proposal is {poster.get_status_display().lower()}: it can no longer be changed."
        )


def update_poster(poster, *, by, at=None, **fields):
    """Change the author's own proposal while it awaits review and the call is open."""
    with transaction.atomic():
        locked = lock_poster(poster.pk)
        check_author_can_edit(locked, by=by, at=at)
        for name, value in fields.items():
            if name not in EDITABLE_FIELDS:
                raise ValueError(f"{name} cannot be changed by its author")
            setattr(locked, name, value)
        check_summary(locked.event, locked.summary)
        locked.full_clean()
        locked.save()
    return locked


def change_poster_status(poster, to_status, *, by, note="", at=None):
    """Accept, wait-list or reject a poster (organizers), or withdraw it (its submitter too).

    Apps above react through `poster_status_changed` (a poster no longer accepted withdraws
    its breakouts) while the poster's row is still locked.
    """
    changed, refused = change_poster_statuses([poster], to_status, by=by, note=note, at=at)
    if refused:
        raise refused[0]
    if not changed:
        raise PosterProposal.DoesNotExist(f"No poster {poster.pk}.")
    return changed[0]


def change_poster_statuses(posters, to_status, *, by, note="", at=None):
    """Decide several posters at once (the admin's bulk actions), in one transaction.

    Rows are locked in id order, so two organizers deciding overlapping selections queue
    behind each other instead of deadlocking. Returns (changed posters, refusals).
    """
    with transaction.atomic():
        locked = list(
            PosterProposal.objects.select_for_update(of=("self",))
            .select_related("event", "submitter")
            .filter(pk__in=[poster.pk for poster in posters])
            .order_by("pk")
        )
        for row in locked:
            proposals.check_permission(row, to_status, by)
        moved, refused = proposals.record_status_changes(locked, to_status, by=by, note=note, at=at)
        for row, from_status in moved:
            poster_status_changed.send(
                sender=PosterProposal, poster=row, from_status=from_status, by=by
            )
    return [row for row, _ in moved], refused


def withdraw_poster(poster, *, by, note=""):
    return change_poster_status(poster, Status.WITHDRAWN, by=by, note=note)


def _lock_own_accepted(poster, *, by):
    """The poster's locked row, if `by` submitted it and it is accepted (on show)."""
    locked = lock_poster(poster.pk)
    if locked.submitter_id != by.pk:
        raise PermissionDenied("Only the submitter can change how the poster is shown.")
    if locked.status != Status.ACCEPTED:
        raise ProposalLocked("Only an accepted poster is on show.")
    return locked


def attach_poster_image(poster, upload, *, by):
    """Store a re-encoded, metadata-free copy of the image and a thumbnail, under random names.

    Only the submitter of an accepted poster may do it; the previous image is replaced.
    """
    image, fmt = images.clean_image(upload)
    with transaction.atomic():
        locked = _lock_own_accepted(poster, by=by)
        old = images.store(locked.image, locked.thumbnail, image, fmt)
        locked.save(update_fields=["image", "thumbnail", "updated_at"])
        storage = locked.image.storage
        transaction.on_commit(lambda: [storage.delete(name) for name in old])
    return locked


def set_tending(poster, tracks, *, by):
    """The sessions of the day in which the presenters will stand by their accepted poster."""
    with transaction.atomic():
        locked = _lock_own_accepted(poster, by=by)
        if any(track.event_id != locked.event_id for track in tracks):
            raise ValidationError("Choose sessions of this poster's event.")
        locked.tending_tracks.set(tracks)
        locked.save(update_fields=["updated_at"])
    return locked


class ClaimRefused(PermissionDenied):
    """The poster is not this person's to claim (any more)."""


def claim_poster(poster, *, by, token=""):
    """A presenter makes an imported poster theirs: with the email organizers gave it, or
    with its invitation link, which then stops working. Recorded in its history."""
    with transaction.atomic():
        locked = lock_poster(poster.pk)
        if locked.submitter_id is not None:
            raise ClaimRefused(f"“{locked.title}” has already been claimed.")
        if token and locked.claim_token and constant_time_compare(token, locked.claim_token):
            how = "with the invitation link"
        elif locked.claim_email and locked.claim_email.casefold() == by.email.casefold():
            how = f"as {by.email}, the email the organizers gave"
        else:
            raise ClaimRefused(f"“{locked.title}” is not yours to claim.")
        # An update, not save(): who presents it changes nothing on the public pages.
        PosterProposal.objects.filter(pk=locked.pk).update(
            submitter=by, claim_token="", updated_at=timezone.now()
        )
        locked.submitter, locked.claim_token = by, ""
        StatusChange.objects.create(
            proposal=locked,
            changed_by=by,
            from_status=locked.status,
            to_status=locked.status,
            note=f"Claimed by {by.name} {how}.",
        )
        proposals.notify(locked, "poster-claimed")
    return locked


def renew_claim_link(poster, *, by):
    """A new invitation link for an unclaimed poster; the previous one stops working."""
    with transaction.atomic():
        locked = lock_poster(poster.pk)
        if locked.submitter_id is not None:
            raise ClaimRefused(f"“{locked.title}” is claimed: it needs no invitation link.")
        locked.claim_token = new_claim_token()
        PosterProposal.objects.filter(pk=locked.pk).update(claim_token=locked.claim_token)
    return locked


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
