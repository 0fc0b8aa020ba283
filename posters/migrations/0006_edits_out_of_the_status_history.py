"""Claims and catalogue updates were recorded as status changes from a status to itself: they
move to the edit log, and the status history keeps only changes of status."""

from django.db import migrations
from django.db.models import F


def kind_of(note):
    if note.startswith("Claimed by"):
        return "claimed"
    if note.startswith("Imported"):
        return "imported"
    return "edited"


def changed_fields(kind, note):
    """What the row's note says changed: the presenter for a claim, the fields an import
    listed after "changed " (its labels, as the note gave them)."""
    if kind == "claimed":
        return ["submitter"]
    _, found, listed = note.partition(": changed ")
    return [label.strip() for label in listed.rstrip(".").split(",")] if found else []


def move_edits_out_of_the_status_history(apps, schema_editor):
    status_change = apps.get_model("posters", "StatusChange")
    poster_edit = apps.get_model("posters", "PosterEdit")
    same_status = status_change.objects.filter(from_status=F("to_status")).order_by("pk")
    poster_edit.objects.bulk_create(
        poster_edit(
            poster_id=row.proposal_id,
            edited_by_id=row.changed_by_id,
            edited_at=row.changed_at,
            kind=kind_of(row.note),
            changed=changed_fields(kind_of(row.note), row.note),
            note=row.note,
        )
        for row in same_status
    )
    same_status.delete()


def put_edits_back_in_the_status_history(apps, schema_editor):
    """The way back: each edit a status change from the poster's status to itself again."""
    status_change = apps.get_model("posters", "StatusChange")
    poster_edit = apps.get_model("posters", "PosterEdit")
    status_change.objects.bulk_create(
        status_change(
            proposal_id=edit.poster_id,
            changed_by_id=edit.edited_by_id,
            changed_at=edit.edited_at,
            from_status=edit.poster.status,
            to_status=edit.poster.status,
            note=edit.note,
        )
        for edit in poster_edit.objects.select_related("poster").order_by("pk")
    )
    poster_edit.objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("posters", "0005_poster_edit_log"),
    ]

    operations = [
        migrations.RunPython(
            move_edits_out_of_the_status_history, put_edits_back_in_the_status_history
        ),
    ]
