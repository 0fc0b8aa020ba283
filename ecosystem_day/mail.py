"""Email: stored in the transaction of the change that causes it, delivered by a worker.

django-post-office holds the queue (its Email rows), the organizers' editable templates
(its EmailTemplate) and the retries. `manage.py deliver_mail` (a worker; `make run` starts
one) or `manage.py send_queued_mail` (cron) sends what is queued. Nothing is sent inside a
request, so a hanging mail server never holds a page or a decision.
"""

from contextlib import contextmanager
from contextvars import ContextVar

from django.template import Context, Template
from post_office import mail
from post_office.models import EmailTemplate

_held_back = ContextVar("mail_held_back", default=False)


def queue_email(template_name, to, context):
    """Render the organizers' template `template_name` with `context` and queue it to `to`.

    `context` holds plain values (strings, dates, dicts of them), never model instances, so
    that a template can only show what the code chose to give it.
    """
    if _held_back.get():
        return None
    template = EmailTemplate.objects.get(name=template_name, language="")
    values = Context(context, autoescape=False)  # plain-text mail: no HTML entities
    subject = " ".join(Template(template.subject).render(values).split())
    body = Template(template.content).render(values)
    email = mail.send([to], subject=subject, message=body, commit=False)
    email.template = template
    email.save()
    return email


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

    Organizers' edits are never overwritten; run after migrations by the app that sends them.
    """
    for name, description, subject, content in templates:
        EmailTemplate.objects.using(using).get_or_create(
            name=name,
            language="",
            default_template=None,
            defaults={"description": description, "subject": subject, "content": content},
        )
