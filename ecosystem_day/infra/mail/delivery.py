"""Delivering the queue: each message claimed in the database and marked as it is sent.

A worker takes one queued row at a time with `SELECT … FOR UPDATE SKIP LOCKED`, hands it to
the mail server and marks it sent (or requeued, or failed) in the same transaction. So
workers on any number of hosts share one queue without sending a message twice (a row
another worker holds is skipped, not waited for), and a worker killed mid-batch leaves
every message it finished marked: only the one in flight can go out again.

post_office's own `send_queued` marks a whole batch at its end, and its lock is a file on
one machine: neither holds on several hosts. Its retry policy (MAX_RETRIES, RETRY_INTERVAL)
and its delivery log are kept.
"""

import logging

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from post_office.connections import connections
from post_office.models import STATUS, Email, Log
from post_office.settings import get_log_level, get_max_retries, get_retry_timedelta

logger = logging.getLogger(__name__)


def claimable():
    """Queued messages due now and not expired, the most urgent and then the oldest first."""
    now = timezone.now()
    return Email.objects.filter(
        Q(scheduled_time__lte=now) | Q(scheduled_time=None),
        Q(expires_at__gt=now) | Q(expires_at=None),
        status__in=[STATUS.queued, STATUS.requeued],
    ).order_by("-priority", "pk")


def deliver_next(log_level=None):
    """Claim one due message, send it and mark it, in one transaction.

    Returns its new status, or None when no message is left that no other worker holds.
    """
    log_level = get_log_level() if log_level is None else log_level
    with transaction.atomic():
        email = claimable().select_for_update(skip_locked=True, of=("self",)).first()
        if email is None:
            return None
        email.context = None  # the row holds finished text: nothing is rendered again
        try:
            email.dispatch(log_level=log_level, commit=False, disconnect_after_delivery=False)
        except Exception as error:  # the server refused, hung up or timed out: retry later
            _close_mail_connections()  # the next message opens a fresh connection
            return _record_failure(email, error, log_level)
        _mark(email, status=STATUS.sent)
        if log_level == 2:
            Log.objects.create(email=email, status=STATUS.sent)
        return STATUS.sent


def _record_failure(email, error, log_level):
    """Requeue the message RETRY_INTERVAL later, or after MAX_RETRIES keep it as failed."""
    email.number_of_retries = email.number_of_retries or 0
    if email.number_of_retries < get_max_retries():
        email.number_of_retries += 1
        email.status = STATUS.requeued
        email.scheduled_time = timezone.now() + get_retry_timedelta()
    else:
        email.status = STATUS.failed
    _mark(
        email,
        status=email.status,
        number_of_retries=email.number_of_retries,
        scheduled_time=email.scheduled_time,
    )
    if log_level >= 1:
        Log.objects.create(
            email=email,
            status=STATUS.failed,
            message=str(error),
            exception_type=type(error).__name__,
        )
    return email.status


def _close_mail_connections():
    """Close the connections to the mail server; one that is already broken may complain."""
    try:
        connections.close()
    except Exception:
        logger.warning("Closing the connection to the mail server failed.", exc_info=True)


def _mark(email, **fields):
    """Update the claimed row (Email.save would re-validate every field of it)."""
    Email.objects.filter(pk=email.pk).update(**fields, last_updated=timezone.now())


def deliver_queued(*, limit=None, should_stop=lambda: False, log_level=None):
    """Deliver due messages one by one until none is left, `limit` were tried or
    `should_stop()`; returns (sent, failed, requeued), as post_office's send_queued does."""
    counts = {STATUS.sent: 0, STATUS.failed: 0, STATUS.requeued: 0}
    try:
        while (limit is None or sum(counts.values()) < limit) and not should_stop():
            status = deliver_next(log_level)
            if status is None:
                break
            counts[status] += 1
    finally:
        _close_mail_connections()
    return counts[STATUS.sent], counts[STATUS.failed], counts[STATUS.requeued]
