"""Email: rendered once, stored with the change that causes it, delivered by a worker.

django-post-office holds the queue (its Email rows), the organizers' editable templates
(its EmailTemplate) and the delivery log. We render each message here, once, in the
sandbox (sandbox.py), and hand the queue finished text: an Email row with its subject and
body written out and no context, so nothing re-renders it later and the user text it
quotes is never read as a template. `manage.py deliver_mail` (delivery.py) sends what is
queued, claiming each row in the database, so any number of workers on any number of
hosts send each message once. Nothing is sent inside a request.

Each app registers its templates and their sample values from its AppConfig.ready()
(registry.py). A template that fails when a message is prepared (edited past the admin's
checks, or outgrown by real values) never fails the change that sends it: the message is
written in the default wording instead, and the failure is logged.
"""

import logging
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.validators import validate_email
from django.db.models.signals import post_save
from django.dispatch import receiver
from post_office.models import STATUS, Attachment, Email, EmailTemplate, Log
from post_office.utils import parse_priority

from .outbox import ResendRefused, redacted, register_secret_links, resend_failed
from .registry import install_templates, register_templates, registered, registered_templates
from .sandbox import compile_template, render
from .values import moment, site_link, zone_of

__all__ = [
    "check_template",
    "checked_address",
    "held_back",
    "install_templates",
    "moment",
    "prepare_email",
    "preview",
    "queue_email",
    "queue_emails",
    "redacted",
    "register_secret_links",
    "register_templates",
    "registered_templates",
    "resend_failed",
    "ResendRefused",
    "site_link",
    "zone_of",
]

logger = logging.getLogger(__name__)
SUBJECT_MAX = Email._meta.get_field("subject").max_length
STRETCH_CHARS = 300  # sample strings are stretched to this to check a template's growth
STRETCH_ITEMS = 10  # and sample lists repeated this many times

_held_back = ContextVar("mail_held_back", default=False)


def checked_address(address):
    """`address` if it is one plain email address (post_office stores `to` comma-separated)."""
    validate_email(address)
    if any(char in address for char in ',"') or any(char.isspace() for char in address):
        raise ValidationError(f"{address!r} is not a plain email address.")
    return address


def finished_text(subject, content, context):
    """(subject, body) of a template rendered once in the sandbox: plain, finished text."""
    too_long = f"Its subject would be longer than {SUBJECT_MAX} characters."
    # Spaces and line breaks collapse into one space: the budget leaves room for them.
    subject = render(subject, context, max_output=2 * SUBJECT_MAX, too_long=too_long)
    subject = " ".join(subject.split())
    if len(subject) > SUBJECT_MAX:
        raise ValidationError(too_long)
    return subject, render(content, context)


def prepare_email(template_name, to, context, *, attachments=()):
    """The organizers' template `template_name` rendered with `context`, for `to`, unsaved.

    `attachments` are finished files, (filename, bytes, MIME type), stored with the message
    when it is queued (a calendar of someone's sessions).

    `context` holds plain values (strings, dates, dicts and lists of them), never model
    instances, so that a template can only show what the code chose to give it. None
    while mail is held back. Never raises for a template or an address: what cannot be
    written is stored as failed, with the reason, for `queue_emails` to log.
    """
    if _held_back.get():
        return None
    template = _template(template_name)
    email = Email(
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[to],
        status=STATUS.queued,
        priority=parse_priority(None),
        template=template,
        context=None,  # finished text: post_office renders a row only when it has a context
    )
    email.failure = None
    email.files = list(attachments)
    try:
        checked_address(to)
    except ValidationError as refusal:
        return _failed(email, template_name, " ".join(refusal.messages))
    try:
        email.subject, email.message = finished_text(template.subject, template.content, context)
        return email
    except Exception as error:  # organizers' wording must never fail the change that sends it
        reason = _reason(error)
    default = registered(template_name)
    if default is None:
        return _failed(email, template_name, reason)
    logger.warning(
        "Email template %r failed (%s); its default wording is sent.", template_name, reason
    )
    try:
        email.subject, email.message = finished_text(default.subject, default.content, context)
    except Exception as error:
        return _failed(
            email, template_name, f"{reason} The default wording failed too: {_reason(error)}"
        )
    return email


def _reason(error):
    return " ".join(error.messages) if isinstance(error, ValidationError) else repr(error)


def _failed(email, template_name, reason):
    """The email stored as failed, never sent, with the reason `queue_emails` logs."""
    logger.error("Email %r to %s was not queued: %s", template_name, email.to, reason)
    email.status = STATUS.failed
    email.subject = f"Not sent: {template_name}"[:SUBJECT_MAX]
    email.failure = reason
    return email


def queue_emails(emails):
    """Queue prepared emails in the current transaction: one insert, however many (and one
    more for the reasons of those that could not be written)."""
    emails = [email for email in emails if email is not None]
    if emails:
        Email.objects.bulk_create(emails)
        Log.objects.bulk_create(
            Log(
                email=email,
                status=STATUS.failed,
                message=email.failure,
                exception_type="EmailNotWritten",
            )
            for email in emails
            if getattr(email, "failure", None)
        )
        _attach(email for email in emails if getattr(email, "files", None))
    return emails


def _attach(emails):
    """Store each queued email's files as post_office attachments (the worker sends them)."""
    for email in emails:
        for filename, content, mimetype in email.files:
            attachment = Attachment(name=filename, mimetype=mimetype)
            attachment.file.save(filename, ContentFile(content), save=False)
            attachment.save()
            attachment.emails.add(email)


def queue_email(template_name, to, context, *, attachments=()):
    """Render the organizers' template `template_name` with `context` and queue it to `to`,
    with `attachments` ((filename, bytes, MIME type)) if any."""
    queued = queue_emails([prepare_email(template_name, to, context, attachments=attachments)])
    return queued[0] if queued else None


def sample_context(name):
    """The sample values registered with the email `name` (none for an unknown one)."""
    entry = registered(name)
    return entry.sample_context if entry else {}


def check_template(source, name, *, subject=False):
    """Refuse (ValidationError) wording that would not compile or render: before saving.

    It is rendered with the sample values, then with each sample string stretched and each
    list repeated, so that a template that grows with real values is refused now rather
    than replaced by the default wording at send time.
    """
    compile_template(source)  # its own message: a syntax error, a tag or filter not allowed
    sample = sample_context(name)
    longer = (
        f"with longer values (each text {STRETCH_CHARS} characters, each list "
        f"{STRETCH_ITEMS} times longer)"
    )
    for context, values in ((sample, "with the sample values"), (longest_context(name), longer)):
        try:
            if subject:
                finished_text(source, "", context)
            else:
                render(source, context)
        except Exception as error:  # any failure here would fail every email that uses it
            raise ValidationError(
                f"This template cannot be rendered {values}: {_reason(error)}"
            ) from error


def longest_context(name):
    """The sample values of the email `name`, each text stretched and each list repeated:
    the largest values a template must still render within its budget."""
    return _stretched(sample_context(name))


def _stretched(value):
    if isinstance(value, str):
        return (value + " ") * (STRETCH_CHARS // (len(value) + 1) + 1)
    if isinstance(value, dict):
        return {key: _stretched(value[key]) for key in value}
    if isinstance(value, list | tuple):
        return [_stretched(item) for item in value] * STRETCH_ITEMS
    return value


def preview(template):
    """(subject, body) of an EmailTemplate with its sample values, or a ValidationError."""
    return finished_text(template.subject, template.content, sample_context(template.name))


TEMPLATE_CACHE_SECONDS = 30  # other processes see an edit within this (at once with Redis)


def _template(name):
    key = f"email-template:{name}"
    template = cache.get(key)
    if template is None:
        template = EmailTemplate.objects.get(name=name, language="")
        cache.set(key, template, TEMPLATE_CACHE_SECONDS)
    return template


@receiver(post_save, sender=EmailTemplate, dispatch_uid="mail.forget_edited_template")
def _forget_edited_template(sender, instance, **kwargs):
    cache.delete(f"email-template:{instance.name}")


@contextmanager
def held_back():
    """Changes made inside queue no email (demo data replays a past edition)."""
    token = _held_back.set(True)
    try:
        yield
    finally:
        _held_back.reset(token)
