"""Email: stored in the transaction of the change that causes it, delivered by a worker.

django-post-office holds the queue (its Email rows), the organizers' editable templates
(its EmailTemplate) and the retries. `manage.py deliver_mail` (a worker; `make run` starts
one) or `manage.py send_queued_mail` (cron) sends what is queued. Nothing is sent inside a
request, so a hanging mail server never holds a page or a decision.

Organizers write the templates, so they are rendered in a sandbox: the built-in tags and
filters only (no {% load %}, {% include %}, {% extends %} or {% debug %}), plain text, and a
context of plain values the code chose (never model instances, so never a password hash).
A template that does not compile or render is refused when it is saved.
"""

from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date
from functools import lru_cache
from importlib import import_module

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db.models.signals import post_migrate, post_save
from django.dispatch import receiver
from django.template import Context, Engine, TemplateSyntaxError
from django.template.defaulttags import DebugNode
from post_office import mail
from post_office.models import Email, EmailTemplate

# Django's built-in tags and filters only; no loaders, so {% include %} and {% extends %}
# find nothing; no libraries, so {% load %} finds nothing.
SANDBOX = Engine(libraries={}, loaders=[], autoescape=False)  # plain text: no HTML entities
# Every variable a default template uses, for checking an organizer's edit before it is saved.
SAMPLE_CONTEXT = {
    "name": "Ada Lovelace",
    "email": "ada@example.org",
    "note": "A note from the organizers.",
    "proposal": {
        "title": "A sample proposal",
        "status": "Accepted",
        "format": "Demo",
        "poster_title": "A sample poster",
    },
    "event": {"name": "Ecosystem Day", "date": date(2021, 4, 21), "breakout_minutes": 40},
    "proposal_url": "https://example.org/me/posters/1/",
    "when": "Wednesday, April 21, 2021, 9:00 AM–9:40 AM PDT (America/Los_Angeles)",
    "room": {"name": "Breakout room 1", "join_url": "https://meet.example.org/1"},
    "item_url": "https://example.org/schedule/1/",
    "reset_url": "https://example.org/accounts/password-reset/x/y/",
    "signup_url": "https://example.org/accounts/signup/",
    "verify_url": "https://example.org/accounts/verify-email/MQ:1abc:x/",
    "valid_for": "3 days",
    "site": "example.org",
    "release": {"number": 2, "note": "One breakout moved to the evening."},
    "changes": [
        {"title": "A sample breakout", "what": "moved", "summary": "moved from 9:00 to 10:00"}
    ],
    "schedule_url": "https://example.org/schedule/",
}

_held_back = ContextVar("mail_held_back", default=False)


@lru_cache(maxsize=256)
def compile_template(source):
    """The sandboxed template for `source`, or a ValidationError that says what is wrong."""
    try:
        template = SANDBOX.from_string(source)
    except TemplateSyntaxError as error:
        raise ValidationError(f"This template has an error: {error}") from error
    if template.nodelist.get_nodes_by_type(DebugNode):
        raise ValidationError("{% debug %} is not available in email templates.")
    return template


def check_template(source):
    """Refuse (ValidationError) a template that would not compile or render: before saving."""
    try:
        render(source, SAMPLE_CONTEXT)
    except ValidationError:
        raise
    except Exception as error:  # any failure here would fail every email that uses it
        raise ValidationError(f"This template cannot be rendered: {error}") from error


def render(source, context):
    return compile_template(source).render(Context(context, autoescape=False))


def prepare_email(template_name, to, context):
    """The organizers' template `template_name` rendered with `context`, for `to`, unsaved.

    `context` holds plain values (strings, dates, dicts of them), never model instances, so
    that a template can only show what the code chose to give it. None while mail is held
    back.
    """
    if _held_back.get():
        return None
    template = _template(template_name)
    subject = " ".join(render(template.subject, context).split())
    email = mail.send(
        [to], subject=subject, message=render(template.content, context), commit=False
    )
    email.template = template
    return email


def queue_emails(emails):
    """Queue prepared emails in the current transaction: one insert, however many.

    mail.send checked their addresses; bulk_create skips Email.save's second, slower check.
    """
    emails = [email for email in emails if email is not None]
    if emails:
        Email.objects.bulk_create(emails)
    return emails


def queue_email(template_name, to, context):
    """Render the organizers' template `template_name` with `context` and queue it to `to`."""
    queued = queue_emails([prepare_email(template_name, to, context)])
    return queued[0] if queued else None


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


def install_templates(templates, using="default"):
    """Create the default wording of each (name, description, subject, content) that is missing.

    Organizers' edits are never overwritten.
    """
    for name, description, subject, content in templates:
        EmailTemplate.objects.using(using).get_or_create(
            name=name,
            language="",
            default_template=None,
            defaults={"description": description, "subject": subject, "content": content},
        )


def install_after_migrations(app_config):
    """Install the app's `emails.TEMPLATES` after every migrate (and every test flush)."""

    def install(sender, using="default", **kwargs):
        install_templates(import_module(f"{app_config.name}.emails").TEMPLATES, using=using)

    post_migrate.connect(
        install, sender=app_config, weak=False, dispatch_uid=f"{app_config.label}.emails"
    )
