"""Every change to a proposal (poster or breakout) goes through here: views, admin, commands.

Each function checks its rule, locks the proposal row, saves, records the
history and queues the email after commit, so a decision is logged and mailed
exactly once even when two organizers click at the same moment.
"""

import io
import secrets
import warnings

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.dateformat import format as format_date
from PIL import Image, ImageOps, UnidentifiedImageError

from ecosystem_day.outbox import send_templated_email

from .models import PosterProposal, ProposalStatus, StatusChange

Status = ProposalStatus

# Which status a proposal may move to from each status. Withdrawn is final.
ALLOWED_CHANGES = {
    Status.SUBMITTED: {Status.ACCEPTED, Status.WAITLISTED, Status.REJECTED, Status.WITHDRAWN},
    Status.WAITLISTED: {Status.ACCEPTED, Status.REJECTED, Status.WITHDRAWN},
    Status.ACCEPTED: {Status.WAITLISTED, Status.REJECTED, Status.WITHDRAWN},
    Status.REJECTED: {Status.ACCEPTED, Status.WAITLISTED, Status.WITHDRAWN},
    Status.WITHDRAWN: set(),
}
DECISIONS = {Status.ACCEPTED, Status.WAITLISTED, Status.REJECTED}
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


class InvalidStatusChange(Exception):
    """A status change the rules do not allow, such as accepting a withdrawn proposal."""


def _locked(proposal):
    """The proposal's row, locked until the transaction ends (its event is not locked)."""
    return (
        type(proposal)
        .objects.select_for_update(of=("self",))
        .select_related("event")
        .get(pk=proposal.pk)
    )


def notify(proposal, key, note="", **context):
    """Queue the EmailTemplate `key` to the proposal's submitter."""
    submitter = proposal.submitter
    send_templated_email(
        key,
        submitter.email,
        {
            "name": submitter.name,
            "proposal": proposal,
            "event": proposal.event,
            "note": note,
            "proposal_url": settings.SITE_URL + proposal.get_absolute_url(),
            **context,
        },
    )


def submit_poster(*, event, submitter, at=None, **fields):
    """Create a proposal from `fields` (the editable fields) if the call is open."""
    with transaction.atomic():
        if not event.cfp_is_open(at):
            raise CallForPostersClosed(event)
        proposal = PosterProposal(event=event, submitter=submitter, **fields)
        proposal.full_clean()
        proposal.save()
        StatusChange.objects.create(
            proposal=proposal, changed_by=submitter, from_status="", to_status=Status.SUBMITTED
        )
        notify(proposal, "poster-submitted")
    return proposal


def check_author_can_edit(proposal, *, by, at=None):
    """Raise the reason `by` may not change `proposal` now, if there is one."""
    if proposal.submitter_id != by.pk:
        raise PermissionDenied("Only the submitter can change this proposal.")
    if not proposal.event.cfp_is_open(at):
        raise CallForPostersClosed(proposal.event)
    if proposal.status != Status.SUBMITTED:
        raise ProposalLocked(
            f"This proposal is {proposal.get_status_display().lower()}: it can no longer "
            "be changed."
        )


def update_poster(proposal, *, by, at=None, **fields):
    """Change the author's own proposal while it awaits review and the call is open."""
    with transaction.atomic():
        locked = _locked(proposal)
        check_author_can_edit(locked, by=by, at=at)
        for name, value in fields.items():
            if name not in EDITABLE_FIELDS:
                raise ValueError(f"{name} cannot be changed by its author")
            setattr(locked, name, value)
        locked.full_clean()
        locked.save()
    return locked


def change_status(proposal, to_status, *, by, note=""):
    """Move a poster or breakout proposal to `to_status`.

    Decisions need the proposal's decide permission; withdrawal is for its submitter
    or an organizer. Raises InvalidStatusChange when the rules forbid the change,
    including when someone else made the same change a moment before.
    """
    to_status = Status(to_status)
    with transaction.atomic():
        locked = _locked(proposal)
        if to_status in DECISIONS and not by.has_perm(locked.decide_permission):
            raise PermissionDenied("Only organizers can decide on proposals.")
        if to_status == Status.WITHDRAWN and not (
            locked.submitter_id == by.pk or by.has_perm(locked.decide_permission)
        ):
            raise PermissionDenied("Only the submitter or an organizer can withdraw a proposal.")
        return _apply_change(locked, to_status, by=by, note=note)


def _apply_change(locked, to_status, *, by, note):
    """The change itself, on a row this transaction has locked."""
    if to_status not in ALLOWED_CHANGES[Status(locked.status)]:
        raise InvalidStatusChange(
            f"“{locked.title}” is {locked.get_status_display().lower()}; it cannot become "
            f"{to_status.label.lower()}."
        )
    locked.check_status_change(to_status)
    from_status = locked.status
    locked.status = to_status
    locked.save(update_fields=["status", "updated_at"])
    locked.status_changes.create(
        changed_by=by, from_status=from_status, to_status=to_status, note=note
    )
    locked.status_changed(from_status, by)
    notify(locked, f"{locked.email_prefix}-{to_status.value}", note)
    return locked


def withdraw_for_lost_poster(breakout, *, poster, by):
    """Withdraw a breakout whose poster is no longer accepted, and tell its proposer."""
    locked = _locked(breakout)
    if locked.status == Status.WITHDRAWN:
        return locked
    note = (
        f"Its poster “{poster.title}” is no longer accepted, and a breakout needs an "
        "accepted poster."
    )
    return _apply_change(locked, Status.WITHDRAWN, by=by, note=note)


def withdraw_poster(proposal, *, by):
    return change_status(proposal, Status.WITHDRAWN, by=by)


IMAGE_FORMATS = {"PNG": "png", "JPEG": "jpg"}
IMAGE_MAX_BYTES = 10 * 1024 * 1024
IMAGE_MAX_PIXELS = 50_000_000  # e.g. 10,000 × 5,000; larger is refused as a likely bomb
THUMBNAIL_BOX = (640, 640)


def _clean_image(upload):
    """Open `upload` with Pillow and return (pixels-only copy, format), or refuse it."""
    if upload.size > IMAGE_MAX_BYTES:
        raise ValidationError(
            f"The image is {upload.size / 1024 / 1024:.1f} MB; the limit is "
            f"{IMAGE_MAX_BYTES // 1024 // 1024} MB."
        )
    refused = ValidationError("This file is not a PNG or JPEG image we can read.")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            upload.seek(0)
            with Image.open(upload) as probe:
                if probe.format not in IMAGE_FORMATS:
                    raise refused
                if probe.width * probe.height > IMAGE_MAX_PIXELS:
                    raise ValidationError(
                        f"The image is {probe.width} × {probe.height} pixels; the limit is "
                        f"{IMAGE_MAX_PIXELS // 1_000_000} million pixels."
                    )
                probe.verify()
            upload.seek(0)
            with Image.open(upload) as image:
                fmt = image.format
                image = ImageOps.exif_transpose(image)
                has_alpha = image.mode in ("RGBA", "LA") or "transparency" in image.info
                mode = "RGBA" if fmt == "PNG" and has_alpha else "RGB"
                image = image.convert(mode)
                # A fresh image from the pixels alone: no EXIF, GPS, text chunks or profiles.
                return Image.frombytes(mode, image.size, image.tobytes()), fmt
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise ValidationError("The image has too many pixels to be processed safely.") from error
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        raise refused from error


def _encoded(image, fmt):
    buffer = io.BytesIO()
    if fmt == "JPEG":
        image.save(buffer, "JPEG", quality=90, optimize=True)
    else:
        image.save(buffer, "PNG", optimize=True)
    return ContentFile(buffer.getvalue())


def _thumbnail(image):
    thumb = image.copy()
    thumb.thumbnail(THUMBNAIL_BOX)
    if thumb.mode == "RGBA":
        background = Image.new("RGB", thumb.size, "white")
        background.paste(thumb, mask=thumb.getchannel("A"))
        thumb = background
    buffer = io.BytesIO()
    thumb.save(buffer, "JPEG", quality=82, optimize=True)
    return ContentFile(buffer.getvalue())


def _locked_own_accepted(poster, *, by):
    """The poster's locked row, if `by` submitted it and it is accepted (on show)."""
    locked = _locked(poster)
    if locked.submitter_id != by.pk:
        raise PermissionDenied("Only the submitter can change how the poster is shown.")
    if locked.status != Status.ACCEPTED:
        raise ProposalLocked("Only an accepted poster is on show.")
    return locked


def attach_poster_image(poster, upload, *, by):
    """Store a re-encoded, metadata-free copy of the image and a thumbnail, under random names.

    Only the submitter of an accepted poster may do it; the previous image is replaced.
    """
    image, fmt = _clean_image(upload)
    with transaction.atomic():
        locked = _locked_own_accepted(poster, by=by)
        old = [name for name in (locked.image.name, locked.thumbnail.name) if name]
        token = secrets.token_hex(16)
        locked.image.save(f"{token}.{IMAGE_FORMATS[fmt]}", _encoded(image, fmt), save=False)
        locked.thumbnail.save(f"{token}.jpg", _thumbnail(image), save=False)
        locked.save(update_fields=["image", "thumbnail", "updated_at"])
        storage = locked.image.storage
        transaction.on_commit(lambda: [storage.delete(name) for name in old])
    return locked


def set_tending(poster, tracks, *, by):
    """The sessions in which the presenters will stand by their accepted poster."""
    with transaction.atomic():
        locked = _locked_own_accepted(poster, by=by)
        if any(track.event_id != locked.event_id for track in tracks):
            raise ValidationError("Choose sessions of this poster's event.")
        locked.tending_tracks.set(tracks)
        locked.save(update_fields=["updated_at"])
    return locked
