"""The email that tells a presenter when and where their breakout runs."""

from django.db import migrations

TEMPLATES = [
    (
        "breakout-scheduled",
        "Sent when organizers place a breakout on the schedule or move it. "
        "Variables: name, proposal, event, item, when, item_url, proposal_url.",
        "Your breakout is scheduled: {{ proposal.title }}",
        "Hello {{ name }},\n\n“{{ proposal.title }}” runs on {{ when }}"
        "{% if item.room %} in {{ item.room.name }}{% endif %}.\n"
        "{% if item.room %}Presenters and attendees join here: {{ item.room.join_url }}\n"
        "{% endif %}\nIts page on the schedule: {{ item_url }}"
        "\n\n— The {{ event.name }} organizers",
    ),
]


def forwards(apps, schema_editor):
    EmailTemplate = apps.get_model("ecosystem_day", "EmailTemplate")
    for key, description, subject, body in TEMPLATES:
        EmailTemplate.objects.update_or_create(
            key=key, defaults={"description": description, "subject": subject, "body": body}
        )


class Migration(migrations.Migration):
    dependencies = [("breakouts", "0002_breakout_emails_and_permissions")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
