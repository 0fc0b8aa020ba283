"""The rows the data migrations write, for transactional tests whose flush deletes them."""

import importlib

from django.contrib.auth.models import Group, Permission

from ecosystem_day.models import EmailTemplate

POSTER_EMAILS = importlib.import_module("ecosystem_day.migrations.0002_email_templates")
GROUPS = importlib.import_module("posters.migrations.0002_reviewer_and_organizer_groups")
BREAKOUTS = importlib.import_module("sessions.migrations.0002_breakout_emails_and_permissions")
SCHEDULED = importlib.import_module("sessions.migrations.0003_breakout_scheduled_email")


def _permissions(codes):
    """The permissions named "app_label.codename"."""
    found = []
    for code in codes:
        app_label, codename = code.split(".")
        found += Permission.objects.filter(content_type__app_label=app_label, codename=codename)
    return found


def restore_migration_data():
    """Put back every email template, and the Reviewers and Organizers groups with their rights."""
    for key, description, subject, body in [
        *POSTER_EMAILS.TEMPLATES,
        *BREAKOUTS.TEMPLATES,
        *SCHEDULED.TEMPLATES,
    ]:
        EmailTemplate.objects.update_or_create(
            key=key, defaults={"description": description, "subject": subject, "body": body}
        )
    breakouts = Permission.objects.filter(content_type__app_label="breakouts")
    reviewers, _ = Group.objects.get_or_create(name="Reviewers")
    reviewers.permissions.set(
        [*_permissions(GROUPS.REVIEWERS), *breakouts.filter(codename__in=BREAKOUTS.REVIEWERS)]
    )
    organizers, _ = Group.objects.get_or_create(name="Organizers")
    organizers.permissions.set(
        [
            *Permission.objects.filter(content_type__app_label__in=GROUPS.ORGANIZER_APPS),
            *_permissions(GROUPS.ORGANIZER_EXTRA),
            *breakouts,
        ]
    )
