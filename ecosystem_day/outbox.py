"""Email that is never lost: stored first, delivered after the transaction commits.

`OutboxBackend` is Django's EMAIL_BACKEND, so everything that sends mail (our
notifications, Django's password reset) writes an OutboxEmail row. Delivery
uses settings.OUTBOX_DELIVERY_BACKEND; a failure leaves the row pending with
its error, and `manage.py send_pending_email` (cron) sends what is pending.
"""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction
from django.template import Context, Template
from django.utils import timezone

from .models import EmailTemplate, OutboxEmail


class OutboxBackend(BaseEmailBackend):
    """Stores each message; delivery happens once the surrounding transaction commits."""

    def send_messages(self, email_messages):
        rows = []
        for message in email_messages:
            html = next(
                (
                    content
                    for content, mimetype in getattr(message, "alternatives", [])
                    if mimetype == "text/html"
                ),
                "",
            )
            rows.append(
                OutboxEmail(
                    from_email=message.from_email or settings.DEFAULT_FROM_EMAIL,
                    to=list(message.to),
                    cc=list(message.cc),
                    bcc=list(message.bcc),
                    reply_to=list(message.reply_to),
                    subject=str(message.subject),
                    body=str(message.body),
                    html_body=html,
                    headers=dict(message.extra_headers),
                )
            )
        created = OutboxEmail.objects.bulk_create(rows)
        ids = [row.pk for row in created]
        transaction.on_commit(lambda: deliver_pending(ids=ids))
        return len(rows)


def _as_message(row, connection):
    message = EmailMultiAlternatives(
        subject=row.subject,
        body=row.body,
        from_email=row.from_email,
        to=row.to,
        cc=row.cc,
        bcc=row.bcc,
        reply_to=row.reply_to,
        headers=row.headers,
        connection=connection,
    )
    if row.html_body:
        message.attach_alternative(row.html_body, "text/html")
    return message


def deliver_pending(ids=None):
    """Send pending messages (all, or those in `ids`); return (sent, failed).

    Each row is locked while it is sent, and rows another process is sending
    are skipped, so two runs at once never send a message twice.
    """
    sent = failed = 0
    candidates = OutboxEmail.objects.filter(status=OutboxEmail.Status.PENDING)
    if ids is not None:
        candidates = candidates.filter(pk__in=ids)
    connection = get_connection(settings.OUTBOX_DELIVERY_BACKEND, fail_silently=False)
    for pk in candidates.order_by("created_at").values_list("pk", flat=True):
        with transaction.atomic():
            row = (
                OutboxEmail.objects.select_for_update(skip_locked=True)
                .filter(pk=pk, status=OutboxEmail.Status.PENDING)
                .first()
            )
            if row is None:
                continue
            row.attempts += 1
            row.last_attempt_at = timezone.now()
            try:
                _as_message(row, connection).send()
            except Exception as error:  # any transport failure keeps the row pending
                row.last_error = f"{type(error).__name__}: {error}"
                row.save(update_fields=["attempts", "last_attempt_at", "last_error"])
                failed += 1
                continue
            row.status = OutboxEmail.Status.SENT
            row.sent_at = row.last_attempt_at
            row.last_error = ""
            row.save(
                update_fields=["status", "sent_at", "attempts", "last_attempt_at", "last_error"]
            )
            sent += 1
    return sent, failed


def send_templated_email(key, to, context):
    """Render the organizers' EmailTemplate `key` with `context` and queue it to `to`."""
    template = EmailTemplate.objects.get(key=key)
    ctx = Context(context, autoescape=False)
    subject = " ".join(Template(template.subject).render(ctx).split())
    body = Template(template.body).render(ctx)
    EmailMultiAlternatives(subject=subject, body=body, to=[to]).send()
