"""What organizers may do with the queue: read it with secret links hidden, resend a failure.

A message can carry a link that acts for its recipient (a password reset, an email
verification, a poster's claim invitation, a sign-in link): anyone who reads it could use it.
Each app names the views such links open (`register_secret_links`, from its ready()); the
outbox shows every link to one of them as REDACTED, whichever host the message was written for.
"""

import re
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.admin.models import CHANGE, LogEntry
from django.db import transaction
from django.urls import Resolver404, resolve
from django.utils import timezone
from post_office.models import STATUS, Email, Log

REDACTED = "[link hidden: it acts for the recipient]"
NOT_WRITTEN = "EmailNotWritten"  # the Log entry prepare_email leaves for a message never written
URL = re.compile(r"https?://[^\s<>\"'()\[\]{}]+", re.IGNORECASE)
TRAILING = ".,;:!?»”’"

_secret_link_names = set()


def register_secret_links(*url_names):
    """Name views whose links act for the person they were emailed to: the outbox hides them."""
    _secret_link_names.update(url_names)


def _site_prefix():
    return urlsplit(settings.SITE_URL).path.rstrip("/")


def is_secret_link(url):
    """Whether `url` opens one of the registered views (with or without punctuation after it)."""
    path = urlsplit(url).path
    prefix = _site_prefix()
    if prefix and path.startswith(prefix + "/"):
        path = path[len(prefix) :]
    for candidate in {path, path.rstrip(TRAILING), path.rstrip(TRAILING) + "/"}:
        try:
            if resolve(candidate).url_name in _secret_link_names:
                return True
        except Resolver404:
            continue
    return False


def redacted(text):
    """`text` with every link that acts for its recipient replaced by a notice (the
    punctuation after it kept)."""

    def hide(match):
        url = match.group()
        link = url.rstrip(TRAILING)
        return REDACTED + url[len(link) :] if is_secret_link(url) else url

    return URL.sub(hide, text)


class ResendRefused(Exception):
    """A message that cannot be queued again; the text says why, naming it."""


def _why_not_resent(email, never_written):
    name = f"“{email.subject}” to {', '.join(email.to)}"
    if email.pk in never_written:
        return f"{name} could not be written (see its delivery log): resending would not help."
    if email.status == STATUS.sent:
        return f"{name} was sent: it is not sent twice."
    if email.status != STATUS.failed:
        return f"{name} is already waiting to be sent."
    if email.expires_at is not None and email.expires_at <= timezone.now():
        return f"{name} expired; it is no longer due."
    return None


def resend_failed(emails, *, by):
    """Queue failed messages again, each with a fresh set of delivery attempts.

    One transition for the admin's action and button: the rows are locked, so of two
    organizers resending at once one requeues and the other is told it is already waiting;
    a sent message, or one that could not be written, is refused. Each resend is recorded in
    the admin's log (who, when). Returns (requeued emails, ResendRefused for each refused).
    """
    ids = [email.pk for email in emails]
    with transaction.atomic():
        locked = list(Email.objects.select_for_update().filter(pk__in=ids).order_by("pk"))
        never_written = set(
            Log.objects.filter(email__in=locked, exception_type=NOT_WRITTEN).values_list(
                "email_id", flat=True
            )
        )
        requeued, refused = [], []
        for email in locked:
            reason = _why_not_resent(email, never_written)
            if reason:
                refused.append(ResendRefused(reason))
            else:
                requeued.append(email)
        if requeued:
            Email.objects.filter(pk__in=[email.pk for email in requeued]).update(
                status=STATUS.queued,
                number_of_retries=0,
                scheduled_time=None,
                last_updated=timezone.now(),
            )
            LogEntry.objects.log_actions(
                user_id=by.pk,
                queryset=requeued,
                action_flag=CHANGE,
                change_message="Resent: queued again after it failed.",
            )
            for email in requeued:
                email.status, email.number_of_retries = STATUS.queued, 0
    return requeued, refused
