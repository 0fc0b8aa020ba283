"""A session of the day gets its span (`starts_at`, `ends_at`: when it runs), first the same as
its breakout window; the breakouts app (breakouts 0009) then widens it to the session's
programme items and takes the window over, before 0007 drops the window's columns here.
Undone, the window's columns are filled again (by breakouts 0009) before they are required."""

from django.db import migrations, models


def span_from_the_window(apps, schema_editor):
    Track = apps.get_model("ecosystem_day", "Track")
    Track.objects.update(
        starts_at=models.F("breakouts_start_at"), ends_at=models.F("breakouts_end_at")
    )


class Migration(migrations.Migration):
    dependencies = [
        ("ecosystem_day", "0005_settings_moved_to_their_apps"),
    ]

    operations = [
        migrations.AddField(
            model_name="track",
            name="starts_at",
            field=models.DateTimeField(
                null=True,
                verbose_name="starts at",
                help_text="When this session of the day begins (its opening talks included).",
            ),
        ),
        migrations.AddField(
            model_name="track",
            name="ends_at",
            field=models.DateTimeField(
                null=True, verbose_name="ends at", help_text="When this session of the day ends."
            ),
        ),
        migrations.RunPython(span_from_the_window, migrations.RunPython.noop),
        migrations.RemoveConstraint(
            model_name="track",
            name="track_breakout_window_ends_after_it_starts",
        ),
        migrations.AlterField(
            model_name="track",
            name="breakouts_start_at",
            field=models.DateTimeField(
                null=True, help_text="Start of this session's breakout window."
            ),
        ),
        migrations.AlterField(
            model_name="track",
            name="breakouts_end_at",
            field=models.DateTimeField(null=True, help_text="End of this session's breakout window."),
        ),
    ]
