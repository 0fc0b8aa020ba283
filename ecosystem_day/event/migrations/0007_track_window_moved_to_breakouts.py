"""The breakout window's columns go (the breakouts app copied them into its own rows first:
its 0009 runs before this one); every session of the day now has its span."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("ecosystem_day", "0006_track_span"),
    ]

    operations = [
        migrations.RemoveField(model_name="track", name="breakouts_start_at"),
        migrations.RemoveField(model_name="track", name="breakouts_end_at"),
        migrations.AlterField(
            model_name="track",
            name="starts_at",
            field=models.DateTimeField(
                verbose_name="starts at",
                help_text="When this session of the day begins (its opening talks included).",
            ),
        ),
        migrations.AlterField(
            model_name="track",
            name="ends_at",
            field=models.DateTimeField(
                verbose_name="ends at", help_text="When this session of the day ends."
            ),
        ),
        migrations.AddConstraint(
            model_name="track",
            constraint=models.CheckConstraint(
                condition=models.Q(("ends_at__gt", models.F("starts_at"))),
                name="track_ends_after_it_starts",
                violation_error_message="A session of the day ends after it starts.",
            ),
        ),
    ]
