"""The default wording of every email; organizers edit it in the admin afterwards."""

from django.db import migrations

SIGNATURE = "\n\n— The {{ event.name }} organizers"

TEMPLATES = [
    (
        "poster-submitted",
        "Sent to the submitter when a poster proposal is received. "
        "Variables: name, proposal, event, proposal_url.",
        "We received your poster proposal: {{ proposal.title }}",
        "Hello {{ name }},\n\nThank you for proposing “{{ proposal.title }}” for {{ event.name }}.\n"
        "Its status is: submitted. You can follow it, and edit it until the call closes, at:\n"
        "{{ proposal_url }}\n\nWe will email you the organizers' decision." + SIGNATURE,
    ),
    (
        "poster-accepted",
        "Sent when organizers accept a poster. Variables: name, proposal, event, note, "
        "proposal_url.",
        "Your poster was accepted: {{ proposal.title }}",
        "Hello {{ name }},\n\nGood news: “{{ proposal.title }}” is accepted for the poster "
        "exhibition of {{ event.name }} on {{ event.date|date:'F j, Y' }}.\n"
        "{% if note %}\nA note from the organizers:\n{{ note }}\n{% endif %}\n"
        "With an accepted poster you may also propose a breakout session. Details:\n"
        "{{ proposal_url }}" + SIGNATURE,
    ),
    (
        "poster-waitlisted",
        "Sent when organizers wait-list a poster. Variables: name, proposal, event, note, "
        "proposal_url.",
        "Your poster is on the waiting list: {{ proposal.title }}",
        "Hello {{ name }},\n\n“{{ proposal.title }}” is on the waiting list for {{ event.name }}. "
        "We will email you again if a place opens.\n"
        "{% if note %}\nA note from the organizers:\n{{ note }}\n{% endif %}\n{{ proposal_url }}"
        + SIGNATURE,
    ),
    (
        "poster-rejected",
        "Sent when organizers decline a poster. Variables: name, proposal, event, note, "
        "proposal_url.",
        "Your poster was not accepted: {{ proposal.title }}",
        "Hello {{ name }},\n\nThank you for proposing “{{ proposal.title }}”. We are sorry: we "
        "could not include it in {{ event.name }}.\n"
        "{% if note %}\nA note from the organizers:\n{{ note }}\n{% endif %}\n{{ proposal_url }}"
        + SIGNATURE,
    ),
    (
        "poster-withdrawn",
        "Sent when a poster is withdrawn. Variables: name, proposal, event, note, proposal_url.",
        "Your poster was withdrawn: {{ proposal.title }}",
        "Hello {{ name }},\n\n“{{ proposal.title }}” is withdrawn from {{ event.name }}.\n"
        "{% if note %}\n{{ note }}\n{% endif %}\nIf this is a mistake, reply to this email."
        + SIGNATURE,
    ),
]


def create_templates(apps, schema_editor):
    EmailTemplate = apps.get_model("ecosystem_day", "EmailTemplate")
    for key, description, subject, body in TEMPLATES:
        EmailTemplate.objects.update_or_create(
            key=key, defaults={"description": description, "subject": subject, "body": body}
        )


class Migration(migrations.Migration):
    dependencies = [("ecosystem_day", "0001_initial")]
    operations = [migrations.RunPython(create_templates, migrations.RunPython.noop)]
