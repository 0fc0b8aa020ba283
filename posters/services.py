"""Every change to a poster goes through here: views, admin, commands and demo data.

Each function locks the poster's row (never the event's), checks its rule, saves, records
the history and queues the email in one transaction, so a decision is logged and mailed
exactly once even when two organizers click at the same moment. A status change tells the
apps above through `poster_status_changed`, inside the same transaction.
"""

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from django.utils.dateformat import format as format_date

from ecosystem_day.event.frozen import check_writable
from ecosystem_day.event.models import PublicVersion, Topic
from ecosystem_day.infra import images
from ecosystem_day.infra.text import clean_text, text_fields

from . import invitations, proposals
from .authorship import is_author
from .call import call_for
from .models import (
    ACCEPTED_STATES,
    EditKind,
    PosterEdit,
    PosterProposal,
    StatusChange,
    new_claim_token,
)
from .models import ProposalStatus as Status
from .proposals import InvalidStatusChange  # noqa: F401  (part of this module's interface)
from .signals import poster_status_changed

EDITABLE_FIELDS = ("title", "summary", "authors", "topic", "link")


class CallForPostersClosed(PermissionDenied):
    """Raised for any create or edit after the deadline; shown to the user as a 403 page."""

    def __init__(self, event):
        local = timezone.localtime(call_for(event).deadline, event.tz)
        super().__init__(
            f"The call for posters closed on {format_date(local, 'l, F j, Y, g:i:s A T')} "
            f"({event.time_zone}). Proposals can no longer be submitted or changed."
        )


class ProposalLocked(PermissionDenied):
    """Raised when the author tries to change a proposal that is no longer awaiting review."""


def lock_poster(pk):
    """The poster's row, locked: the first lock of any change that touches a poster, which
    a past edition's poster refuses (ecosystem_day/event/frozen.py)."""
    locked = proposals.lock(PosterProposal, pk)
    check_writable(locked.event)
    return locked


def check_summary(event, summary):
    """The event's summary limits, for what authors type (imports and organizers are exempt)."""
    try:
        call_for(event).check_summary_length(summary)
    except ValidationError as error:
        raise ValidationError({"summary": error.messages}) from error


def submit_poster(*, event, submitter, at=None, copresenters=(), **fields):
    """Create a proposal from `fields` (the editable fields) if the call is open at `at`,
    inviting `copresenters` ((name, email) of the authors given an email).

    It is stamped with the very instant the deadline was checked against.
    """
    check_writable(event)
    at = at or timezone.now()
    with transaction.atomic():
        if not call_for(event).is_open(at):
            raise CallForPostersClosed(event)
        poster = PosterProposal(event=event, submitter=submitter, created_at=at, **fields)
        check_summary(event, poster.summary)
        # Its fields are validated (a blank title or author list is refused); of the table's
        # constraints only those could fail for a new proposal, so the rest, and the rows it
        # points to, stay PostgreSQL's to guard: asking first cost 21 queries a submission,
        # most of a deadline surge's time.
        poster.full_clean(exclude=["event", "submitter", "topic"], validate_constraints=False)
        poster.save()
        StatusChange.objects.create(
            proposal=poster, changed_by=submitter, changed_at=at, to_status=Status.SUBMITTED
        )
        invitations.write_copresenters(
            poster, copresenters, by=submitter, rows_locked=[], may_invite=True
        )
        proposals.notify(poster, "poster-submitted")
    return poster


def check_author_can_edit(poster, *, by, at=None):
    """Raise the reason `by` may not change `poster` now, if there is one."""
    check_writable(poster.event)
    if not is_author(by, poster):
        raise PermissionDenied("Only its authors can change this proposal.")
    if not call_for(poster.event).is_open(at):
        raise CallForPostersClosed(poster.event)
    if poster.status != Status.SUBMITTED:
        raise ProposalLocked(
            f"This proposal is {poster.get_status_display().lower()}: it can no longer be changed."
        )


def update_poster(poster, *, by, at=None, copresenters=None, **fields):
    """Change the author's own proposal while it awaits review and the call is open; with
    `copresenters` ((name, email)), its co-presenters too (the submitter's to change)."""
    with transaction.atomic():
        locked, current = invitations.lock(poster.pk)
        check_author_can_edit(locked, by=by, at=at)
        changed = []
        for name, value in fields.items():
            if name not in EDITABLE_FIELDS:
                raise ValueError(f"{name} cannot be changed by its author")
            if getattr(locked, name) != value:
                changed.append(name)
            setattr(locked, name, value)
        check_summary(locked.event, locked.summary)
        locked.full_clean()
        locked.save()
        if copresenters is not None:
            mine = locked.submitter_id == by.pk
            invitations.write_copresenters(
                locked, copresenters, by=by, rows_locked=current, may_invite=mine
            )
        if changed:
            PosterEdit.objects.create(
                poster=locked, edited_by=by, kind=EditKind.EDITED, changed=changed
            )
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


def change_poster_statuses(posters, to_status, *, by, note="", at=None, seen=None):
    """Decide several posters at once (the admin's bulk actions), in one transaction.

    Rows are locked in id order, so two organizers deciding overlapping selections queue
    behind each other instead of deadlocking; with `seen` ({pk: the status the organizer
    confirmed}), a poster decided meanwhile is left to the first decision. Returns (changed
    posters, refusals).
    """
    with transaction.atomic():
        locked = list(
            PosterProposal.objects.select_for_update(of=("self",))
            .select_related("event", "submitter")
            .filter(pk__in=[poster.pk for poster in posters])
            .order_by("pk")
        )
        for row in locked:
            check_writable(row.event)
            proposals.check_permission(row, to_status, by)
        moved, refused = proposals.record_status_changes(
            locked, to_status, by=by, note=note, at=at, seen=seen
        )
        for row, from_status in moved:
            poster_status_changed.send(
                sender=PosterProposal, poster=row, from_status=from_status, by=by
            )
    return [row for row, _ in moved], refused


def withdraw_poster(poster, *, by, note=""):
    return change_poster_status(poster, Status.WITHDRAWN, by=by, note=note)


def _lock_own_accepted(poster, *, by):
    """The poster's locked row, if `by` is one of its authors and it is accepted (on show)."""
    locked = lock_poster(poster.pk)
    if not is_author(by, locked):
        raise PermissionDenied("Only its presenters can change how the poster is shown.")
    if locked.status not in ACCEPTED_STATES:
        raise ProposalLocked("Only an accepted poster is on show.")
    return locked


def attach_poster_image(poster, upload, *, by):
    """Store a re-encoded, metadata-free copy of the image and a thumbnail, under random names.

    Only an author of an accepted poster may do it; the previous image is replaced.
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
    """The poster is not this person's to claim (any more); the message says why."""


class EmailNotVerified(ClaimRefused):
    """The poster was given this person's email, which they have not proven theirs yet."""


def posters_given_email_of(user):
    """Unclaimed accepted posters organizers gave `user`'s email: shown to claim once it is
    verified (the same rule `check_claim` applies)."""
    return PosterProposal.objects.filter(
        submitter__isnull=True, claim_email__iexact=user.email, status__in=ACCEPTED_STATES
    )


def check_claim(poster, *, by, token=""):
    """How `by` may claim `poster` ("with the invitation link", "as <email>…"), or raise
    ClaimRefused with the reason: claimed already, not theirs, address not verified, or
    not accepted. Only someone with the link or the given email learns the poster's status."""
    if poster.submitter_id is not None:
        raise ClaimRefused(f"“{poster.title}” has already been claimed.")
    if token and poster.claim_token and constant_time_compare(token, poster.claim_token):
        how = "with the invitation link"
    elif poster.claim_email and poster.claim_email.casefold() == by.email.casefold():
        if not by.has_verified_email:
            raise EmailNotVerified(
                f"Verify your email address ({by.email}) first: a poster is claimed by the "
                "email the organizers gave it only once that address is proven yours."
            )
        how = f"as {by.email}, the email the organizers gave"
    else:
        raise ClaimRefused(f"“{poster.title}” is not yours to claim.")
    if poster.status not in ACCEPTED_STATES:  # only a poster on show has a presenter
        raise ClaimRefused(
            f"“{poster.title}” is {poster.get_status_display().lower()}: only an accepted "
            "poster can be claimed."
        )
    return how


def claim_poster(poster, *, by, token=""):
    """A presenter makes an accepted imported poster theirs: with the email organizers gave
    it (once verified), or with its invitation link, which then stops working. Recorded in
    its history."""
    with transaction.atomic():
        locked = lock_poster(poster.pk)
        how = check_claim(locked, by=by, token=token)
        # An update, not save(): who presents it changes nothing on the public pages.
        PosterProposal.objects.filter(pk=locked.pk).update(
            submitter=by, claim_token="", updated_at=timezone.now()
        )
        locked.submitter, locked.claim_token = by, ""
        # An edit, not a status change: recorded in the edit log.
        PosterEdit.objects.create(
            poster=locked,
            edited_by=by,
            kind=EditKind.CLAIMED,
            changed=["submitter"],
            note=clean_text(f"Claimed by {by.name} {how}."),
        )
        proposals.notify(locked, "poster-claimed")
    return locked


def renew_claim_link(poster, *, by):
    """A new invitation link for an unclaimed poster (organizers only: whoever holds a link
    can claim the poster); the previous one stops working."""
    if not by.has_perm("posters.change_posterproposal"):
        raise PermissionDenied("Only organizers make invitation links.")
    with transaction.atomic():
        locked = lock_poster(poster.pk)
        if locked.submitter_id is not None:
            raise ClaimRefused(f"“{locked.title}” is claimed: it needs no invitation link.")
        locked.claim_token = new_claim_token()
        PosterProposal.objects.filter(pk=locked.pk).update(claim_token=locked.claim_token)
    return locked


# What an import writes of a poster; the rest (status, owner, image) is the site's.
IMPORTED_FIELDS = (
    "title",
    "summary",
    "authors",
    "topic",
    "link",
    "board_code",
    "poster_link",
    "thumbnail_link",
)
_POSTER_TEXT = text_fields(PosterProposal)


@dataclass
class ImportBatch:
    """One batch of an import: topics to add, posters to create (unsaved, with the other
    topics they are listed under) and locked posters whose new values are set (with their
    other topics, or None when those stay, and the names of what changed)."""

    new_topics: list = field(default_factory=list)
    created: list = field(default_factory=list)  # (poster, [topic])
    changed: list = field(default_factory=list)  # (poster, [topic] or None, [field name])


def import_accepted_posters(event, batches, *, by, note):
    """The import's one transition: `batches(locked)` is given the event's posters, locked
    in id order with their topics, and yields ImportBatch; each is written in a fixed number
    of queries, history rows included. A past edition refuses; no email is sent (imported
    posters belong to nobody yet); the public pages are bumped once, after commit."""
    with transaction.atomic(), PublicVersion.bumped_once():
        check_writable(event)
        locked = list(
            PosterProposal.objects.select_for_update(of=("self",))
            .filter(event=event)
            .select_related("topic")
            .prefetch_related("extra_topics")
            .order_by("pk")
        )
        for batch in batches(locked):
            _write_import_batch(event, batch, by=by, note=note)


def field_labels(names):
    """How the poster's form names its fields: "summary", "board", "also listed under"."""
    return [str(PosterProposal._meta.get_field(name).verbose_name) for name in names]


def _write_import_batch(event, batch, *, by, note):
    note = clean_text(note)
    created = [poster for poster, _ in batch.created]
    changed = [poster for poster, _, _ in batch.changed]
    if any(poster.status not in ACCEPTED_STATES or poster.pk is None for poster in changed):
        raise InvalidStatusChange("An import only changes accepted posters.")
    now = timezone.now()
    for poster in created + changed:
        poster.status, poster.event, poster.updated_at = Status.ACCEPTED, event, now
        for name, multiline in _POSTER_TEXT:  # bulk writes skip save(), which cleans
            setattr(poster, name, clean_text(getattr(poster, name), multiline=multiline))
    if batch.new_topics:
        Topic.objects.bulk_create(batch.new_topics)
    if created:
        PosterProposal.objects.bulk_create(created)
    if changed:
        PosterProposal.objects.bulk_update(changed, [*IMPORTED_FIELDS, "updated_at"])
    listed = batch.created + [
        (poster, extra) for poster, extra, _ in batch.changed if extra is not None
    ]
    through = PosterProposal.extra_topics.through
    if len(listed) > len(batch.created):
        through.objects.filter(posterproposal__in=[poster for poster, _ in listed]).delete()
    rows = [
        through(posterproposal=poster, topic=topic) for poster, extra in listed for topic in extra
    ]
    if rows:
        through.objects.bulk_create(rows)
    StatusChange.objects.bulk_create(
        StatusChange(
            proposal=poster, changed_by=by, changed_at=now, to_status=Status.ACCEPTED, note=note
        )
        for poster in created
    )
    PosterEdit.objects.bulk_create(
        PosterEdit(
            poster=poster,
            edited_by=by,
            edited_at=now,
            kind=EditKind.IMPORTED,
            changed=names,
            note=f"{note.removesuffix('.')}: changed {', '.join(field_labels(names))}.",
        )
        for poster, _, names in batch.changed
    )
    if created or changed:
        PublicVersion.bump(event.pk)
