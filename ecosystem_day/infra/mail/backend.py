"""Django's EMAIL_BACKEND: whatever goes through `send_mail` joins the queue as finished text.

post_office's own EmailBackend passes every subject and body through Django's template
engine before storing it, so a message quoting user text (an error report naming a URL,
a title) would run that text as a template. This one stores the text as given.
"""

from django.core.mail.backends.base import BaseEmailBackend
from post_office.models import STATUS, Email
from post_office.utils import parse_priority

from . import checked_address


class QueueBackend(BaseEmailBackend):
    """Store each message in the mail queue, as is, for the mail worker to deliver."""

    def send_messages(self, email_messages):
        emails = []
        for message in email_messages:
            if message.attachments:
                raise ValueError("The mail queue does not take attachments.")
            headers = dict(message.extra_headers)
            if message.reply_to:
                headers.setdefault("Reply-To", ", ".join(message.reply_to))
            html = [
                content
                for content, kind in getattr(message, "alternatives", [])
                if kind == "text/html"
            ]
            emails.append(
                Email(
                    from_email=message.from_email,
                    to=[checked_address(address) for address in message.to],
                    cc=[checked_address(address) for address in message.cc],
                    bcc=[checked_address(address) for address in message.bcc],
                    subject=" ".join(str(message.subject).split()),
                    message=message.body,
                    html_message=html[0] if html else "",
                    headers=headers or None,
                    status=STATUS.queued,
                    priority=parse_priority(None),
                )
            )
        Email.objects.bulk_create(emails)
        return len(emails)
