"""Email wording for breakout decisions, and breakout permissions for the two groups."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

SIGNATURE = "\n\n— The {{ event.name }} organizers"
POSTER = "(with your poster “{{ proposal.poster.title }}”)"

TEMPLATES = [
    (
        "breakout-submitted",
        "Sent when a breakout is proposed. Variables: name, proposal, event, proposal_url.",
        "We received your breakout proposal: {{ proposal.title }}",
        "Hello {{ name }},\n\nThank you for proposing the {{ proposal.get_format_display|lower }} "
        "“{{ proposal.title }}” " + POSTER + " for {{ event.name }}.\n"
        "Follow it at {{ proposal_url }}\n\nWe will email you the organizers' decision."
        + SIGNATURE,
    ),
    (
        "breakout-accepted",
        "Sent when organizers accept a breakout. Variables: name, proposal, event, note, "
        "proposal_url.",
        "Your breakout was accepted: {{ proposal.title }}",
        "Hello {{ name }},\n\nGood news: your {{ event.breakout_minutes }}-minute "
        "{{ proposal.get_format_display|lower }} “{{ proposal.title }}” is accepted for "
        "{{ event.name }}. We will email you its room and time once it is scheduled.\n"
        "{% if note %}\nA note from the organizers:\n{{ note }}\n{% endif %}\n{{ proposal_url }}"
        + SIGNATURE,
    ),
    (
        "breakout-waitlisted",
        "Sent when organizers wait-list a breakout. Variables: name, proposal, event, note, "
        "proposal_url.",
        "Your breakout is on the waiting list: {{ proposal.title }}",
        "Hello {{ name }},\n\n“{{ proposal.title }}” is on the waiting list for {{ event.name }}."
        " We will email you again if a slot opens.\n"
        "{% if note %}\nA note from the organizers:\n{{ note }}\n{% endif %}\n{{ proposal_url }}"
        + SIGNATURE,
    ),
    (
        "breakout-rejected",
        "Sent when organizers decline a breakout. Variables: name, proposal, event, note, "
        "proposal_url.",
        "Your breakout was not accepted: {{ proposal.title }}",
        "Hello {{ name }},\n\nThank you for proposing “{{ proposal.title }}”. We are sorry: we "
        "could not fit it into {{ event.name }}. Your poster is not affected.\n"
        "{% if note %}\nA note from the organizers:\n{{ note }}\n{% endif %}\n{{ proposal_url }}"
        + SIGNATURE,
    ),
    (
        "breakout-withdrawn",
        "Sent when a breakout is withdrawn, by its proposer or because its poster is no longer "
        "accepted. Variables: name, proposal, event, note, proposal_url.",
        "Your breakout was withdrawn: {{ proposal.title }}",
        "Hello {{ name }},\n\n“{{ proposal.title }}” is withdrawn from {{ event.name }}.\n"
        "{% if note %}\n{{ note }}\n{% endif %}\nIf this is a mistake, reply to this email."
        + SIGNATURE,
    ),
]

REVIEWERS = [
    "view_breakoutproposal",
    "view_breakoutreview",
    "add_breakoutreview",
    "change_breakoutreview",
    "view_breakoutstatuschange",
    "view_scheduleitem",
    "view_track",
    "view_room",
    "view_speaker",
]


def forwards(apps, schema_editor):
    EmailTemplate = apps.get_model("ecosystem_day", "EmailTemplate")
    for key, description, subject, body in TEMPLATES:
        EmailTemplate.objects.update_or_create(
            key=key, defaults={"description": description, "subject": subject, "body": body}
        )
    app_config = apps.get_app_config("breakouts")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    breakout_permissions = Permission.objects.filter(content_type__app_label="breakouts")
    reviewers, _ = Group.objects.get_or_create(name="Reviewers")
    reviewers.permissions.add(*breakout_permissions.filter(codename__in=REVIEWERS))
    organizers, _ = Group.objects.get_or_create(name="Organizers")
    organizers.permissions.add(*breakout_permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("breakouts", "0001_initial"),
        ("posters", "0003_shared_proposal_machinery_tending_images"),
    ]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
