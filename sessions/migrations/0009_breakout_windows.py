"""Each session of the day's breakout window becomes the breakouts app's: one row per session,
from the event's columns (which ecosystem_day 0007 then drops), and the session's span widened
to its programme items (the 8:00 opening before the 9:00 breakouts), as the home page showed
it. Undone, the windows go back into the event's columns."""

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import Max, Min


def windows_from_the_tracks(apps, schema_editor):
    Track = apps.get_model("ecosystem_day", "Track")
    BreakoutWindow = apps.get_model("breakouts", "BreakoutWindow")
    ScheduleItem = apps.get_model("breakouts", "ScheduleItem")
    items = {
        row["track_id"]: row
        for row in ScheduleItem.objects.filter(track__isnull=False)
        .values("track_id")
        .annotate(first=Min("starts_at"), last=Max("ends_at"))
    }
    for track in Track.objects.all():
        BreakoutWindow.objects.create(
            track=track, starts_at=track.breakouts_start_at, ends_at=track.breakouts_end_at
        )
        own = items.get(track.pk)
        if own:
            track.starts_at = min(track.breakouts_start_at, own["first"])
            track.ends_at = max(track.breakouts_end_at, own["last"])
            track.save(update_fields=["starts_at", "ends_at"])


def windows_back_into_the_tracks(apps, schema_editor):
    """A session without a window (added after the move) gets its span as its window."""
    Track = apps.get_model("ecosystem_day", "Track")
    BreakoutWindow = apps.get_model("breakouts", "BreakoutWindow")
    windows = {window.track_id: window for window in BreakoutWindow.objects.all()}
    for track in Track.objects.all():
        window = windows.get(track.pk, track)
        track.breakouts_start_at, track.breakouts_end_at = window.starts_at, window.ends_at
        track.save(update_fields=["breakouts_start_at", "breakouts_end_at"])


class Migration(migrations.Migration):
    dependencies = [
        ("breakouts", "0008_breakout_settings"),
        ("ecosystem_day", "0006_track_span"),
    ]
    # The event's columns are copied here before the event layer drops them.
    run_before = [("ecosystem_day", "0007_track_window_moved_to_breakouts")]

    operations = [
        migrations.CreateModel(
            name="BreakoutWindow",
            fields=[
                (
                    "track",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="breakout_window",
                        serialize=False,
                        to="ecosystem_day.track",
                        verbose_name="session of the day",
                    ),
                ),
                (
                    "starts_at",
                    models.DateTimeField(
                        verbose_name="breakouts start at",
                        help_text="When this session's first breakouts may begin, within the "
                        "session's times.",
                    ),
                ),
                (
                    "ends_at",
                    models.DateTimeField(
                        verbose_name="breakouts end at",
                        help_text="When its last breakouts must have ended.",
                    ),
                ),
            ],
            options={
                "verbose_name": "breakout window",
                "verbose_name_plural": "breakout window",
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(("ends_at__gt", models.F("starts_at"))),
                        name="breakout_window_ends_after_it_starts",
                        violation_error_message="A breakout window ends after it starts.",
                    )
                ],
            },
        ),
        migrations.RunPython(windows_from_the_tracks, windows_back_into_the_tracks),
    ]
