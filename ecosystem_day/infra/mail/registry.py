"""Which emails the apps send: each app registers its templates and their sample values.

An app calls `register_templates` from its `AppConfig.ready()`, so the import graph shows
who sends what, and the event layer names nothing of the apps above it. The registry
gives the admin the sample values to check and preview a template with, gives a send the
default wording to fall back on, and installs the default wording after every migrate.
"""

from dataclasses import dataclass

from django.db.models.signals import post_migrate


@dataclass(frozen=True)
class RegisteredTemplate:
    name: str
    app_label: str
    description: str
    subject: str
    content: str
    sample_context: dict


_registered = {}


def register_templates(app_config, *modules):
    """Register the app's emails, written in its `modules` (its emails module, say): each
    holds TEMPLATES, the default wordings as (name, description, subject, content);
    SAMPLE_CONTEXT, a value for every variable they use; and may hold PREVIOUS_WORDINGS
    ({name: [(subject, content), …]}), the defaults they replace."""
    templates = [template for module in modules for template in module.TEMPLATES]
    sample_context = {}
    previous_wordings = {}
    for module in modules:
        sample_context.update(module.SAMPLE_CONTEXT)
        previous_wordings.update(getattr(module, "PREVIOUS_WORDINGS", {}))
    for name, description, subject, content in templates:
        _registered[name] = RegisteredTemplate(
            name, app_config.label, description, subject, content, sample_context
        )

    def install(sender, using="default", **kwargs):
        install_templates(templates, using=using, previous_wordings=previous_wordings)

    post_migrate.connect(
        install, sender=app_config, weak=False, dispatch_uid=f"{app_config.label}.emails"
    )


def registered_templates():
    """Every registered email, by name."""
    return dict(_registered)


def registered(name):
    """The registration of the email `name`, or None for a template no app registered."""
    return _registered.get(name)


def install_templates(templates, using="default", previous_wordings=None):
    """Create the default wording of each (name, description, subject, content) that is missing,
    and bring one still in an earlier default wording (`previous_wordings`) to today's.

    Organizers' edits are never overwritten: a wording anyone changed is no earlier default.
    """
    from post_office.models import EmailTemplate

    previous_wordings = previous_wordings or {}
    for name, description, subject, content in templates:
        template, created = EmailTemplate.objects.using(using).get_or_create(
            name=name,
            language="",
            default_template=None,
            defaults={"description": description, "subject": subject, "content": content},
        )
        if not created and (template.subject, template.content) in previous_wordings.get(name, []):
            template.description, template.subject, template.content = description, subject, content
            template.save(using=using)
