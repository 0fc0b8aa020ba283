"""The co-presenters' transitions: invite (with the poster's authors), join, remove.

Each runs in the caller's transaction or its own, with the poster's row locked first and
the co-presenter rows after it (the one lock order), and refuses a past edition's poster
(ecosystem_day/frozen.py). Invitations are emailed after commit, through the mail queue.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from ecosystem_day.accounts.links import LinkRefused
from ecosystem_day.event.frozen import check_writable
from ecosystem_day.infra.mail import prepare_email, queue_emails
from ecosystem_day.infra.text import clean_text

from . import proposals
from .authorship import name_key
from .copresenters import INVITATION, CoPresenter
from .edit_log import EditKind, PosterEdit
from .models import PosterProposal
from .models import ProposalStatus as Status


class JoinRefused(PermissionDenied):
    """The invitation is genuine but does not let this account join; the message says why."""


class JoinNeedsVerifiedEmail(JoinRefused):
    """The invitation is for this account's address, which it has not proven yet."""


def lock(poster_pk):
    """The poster's row, locked, then its co-presenters', in that order; a past edition's
    poster refuses."""
    poster = proposals.lock(PosterProposal, poster_pk)
    check_writable(poster.event)
    rows = list(CoPresenter.objects.select_for_update().filter(poster=poster).order_by("pk"))
    return poster, rows


def write_copresenters(poster, rows, *, by, rows_locked, may_invite):
    """Make the poster's co-presenters the `rows` ((name, email), the authors given an email,
    in order): new emails invited, missing ones removed (their access with them), names
    followed. Inside the caller's transaction, on `poster` and `rows_locked` it locked."""
    current = {row.email.casefold(): row for row in rows_locked}
    wanted = {}
    for name, email in rows:
        if email.casefold() in wanted:
            raise ValidationError("Give each co-presenter's email once.")
        if poster.submitter_id and email.casefold() == poster.submitter.email.casefold():
            raise ValidationError("The submitter is no co-presenter of their own poster.")
        wanted[email.casefold()] = (clean_text(name), email)
    added = [key for key in wanted if key not in current]
    removed = [row for key, row in current.items() if key not in wanted]
    if (added or removed) and not may_invite:
        raise PermissionDenied("Only the submitter invites or removes co-presenters.")
    renamed = [row for key, row in current.items() if key in wanted and row.name != wanted[key][0]]
    for row in renamed:
        row.name = wanted[row.email.casefold()][0]
    if renamed:
        CoPresenter.objects.bulk_update(renamed, ["name"])
    if removed:
        CoPresenter.objects.filter(pk__in=[row.pk for row in removed]).delete()
    now = timezone.now()
    invited = CoPresenter.objects.bulk_create(
        CoPresenter(poster=poster, name=wanted[key][0], email=wanted[key][1], invited_at=now)
        for key in added
    )
    queue_emails([invitation(poster, row, by=by) for row in invited])
    if invited or removed:
        _log(poster, by=by, invited=invited, removed=removed)
    return invited, removed


def _log(poster, *, by, invited=(), removed=(), joined=None):
    said = []
    if invited:
        said.append(f"Invited {', '.join(row.name for row in invited)}.")
    if removed:
        said.append(f"Removed {', '.join(row.name for row in removed)}.")
    if joined:
        account = "" if name_key(joined.name) == name_key(by.name) else f" (account {by.name})"
        said.append(f"{joined.name} joined{account}.")
    PosterEdit.objects.create(
        poster=poster,
        edited_by=by,
        kind=EditKind.COPRESENTERS,
        changed=["copresenters"],
        note=clean_text(" ".join(said)),
    )


def invitation(poster, row, *, by):
    """The invitation email to `row`, with its single-use link, ready to queue."""
    return prepare_email(
        "poster-copresenter-invited",
        row.email,
        {
            "name": row.name,
            "inviter": by.name,
            "proposal": {"title": poster.title, "status": poster.get_status_display()},
            "event": {"name": poster.event.name, "date": poster.event.date},
            "join_url": INVITATION.make_url(row),
            "valid_for": INVITATION.lifetime,
        },
    )


def set_copresenters(poster, rows, *, by):
    """Organizers' change of a poster's co-presenters (the admin), written like an author's."""
    if not by.has_perm("posters.change_posterproposal"):
        raise PermissionDenied("Only organizers change another's poster.")
    with transaction.atomic():
        locked, current = lock(poster.pk)
        return write_copresenters(locked, rows, by=by, rows_locked=current, may_invite=True)


def invited_by_link(token):
    """The co-presenter row an invitation names, with its poster (LinkRefused if the link
    does not act), for the page that asks to confirm."""
    row = (
        CoPresenter.objects.select_related("poster__event", "poster__submitter")
        .filter(pk=INVITATION.user_id(token))
        .first()
    )
    if row is None:
        raise LinkRefused("This invitation was withdrawn, or the link is not valid.")
    INVITATION.check(row, token)
    return row


def check_join(row, *, by):
    """Raise JoinRefused unless `by` may join as the co-presenter `row` invites."""
    poster = row.poster
    if poster.submitter_id == by.pk:
        raise JoinRefused(f"You submitted “{poster.title}”: you present it already.")
    if row.email.casefold() != by.email.casefold():
        raise JoinRefused(
            f"This invitation was sent to another address than yours ({by.email}): sign in "
            "with the account of the address it was sent to."
        )
    if not by.has_verified_email:
        raise JoinNeedsVerifiedEmail(
            f"Verify your email address ({by.email}) first: you join a poster with the "
            "address it was sent to once that address is proven yours."
        )
    if poster.status == Status.WITHDRAWN:
        raise JoinRefused(f"“{poster.title}” was withdrawn.")


def join(token, *, by, at=None):
    """`by` becomes the co-presenter the invitation names. The poster and its co-presenters
    are locked before the link is checked, so of two clicks at once one joins and the other
    finds the link used (LinkRefused)."""
    pk = INVITATION.user_id(token)
    poster_pk = CoPresenter.objects.filter(pk=pk).values_list("poster_id", flat=True).first()
    if poster_pk is None:
        raise LinkRefused("This invitation was withdrawn, or the link is not valid.")
    with transaction.atomic():
        poster, rows = lock(poster_pk)
        row = next((row for row in rows if row.pk == pk), None)
        if row is None:
            raise LinkRefused("This invitation was withdrawn, or the link is not valid.")
        row.poster = poster
        INVITATION.check(row, token)
        check_join(row, by=by)
        if any(other.user_id == by.pk for other in rows):
            raise JoinRefused(f"You co-present “{poster.title}” already.")
        row.user, row.joined_at = by, at or timezone.now()
        row.save(update_fields=["user", "joined_at"])
        _log(poster, by=by, joined=row)
    return row


def _submitters_row(poster, copresenter_pk, *, by, what):
    """Lock the poster and its co-presenters; the row `copresenter_pk`, if `by` may act on it
    (the submitter, or an organizer)."""
    locked, rows = lock(poster.pk)
    if locked.submitter_id != by.pk and not by.has_perm("posters.change_posterproposal"):
        raise PermissionDenied(f"Only the submitter {what} co-presenters.")
    row = next((row for row in rows if row.pk == copresenter_pk), None)
    if row is None:
        raise CoPresenter.DoesNotExist(f"No co-presenter {copresenter_pk} of this poster.")
    return locked, row


def invite_again(poster, copresenter_pk, *, by):
    """A new invitation to a co-presenter who has not joined; the earlier link stops working."""
    with transaction.atomic():
        locked, row = _submitters_row(poster, copresenter_pk, by=by, what="invites")
        if row.has_joined:
            raise JoinRefused(f"{row.name} has joined already.")
        row.invited_at = timezone.now()
        row.save(update_fields=["invited_at"])
        queue_emails([invitation(locked, row, by=by)])
    return row


def remove_copresenter(poster, copresenter_pk, *, by):
    """The submitter (or an organizer) removes a co-presenter: their access ends at once.
    Their name stays among the authors until the proposal is edited."""
    with transaction.atomic():
        locked, row = _submitters_row(poster, copresenter_pk, by=by, what="removes")
        row.delete()
        _log(locked, by=by, removed=[row])
    return row
