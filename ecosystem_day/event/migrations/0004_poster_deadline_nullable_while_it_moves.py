"""The poster deadline moves to the posters app's call (posters 0008). Nullable first, so that
undoing the move can add the column back empty and refill it from the call before it is made
required again."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("ecosystem_day", "0003_edition_reopening"),
    ]

    operations = [
        migrations.AlterField(
            model_name="event",
            name="cfp_deadline",
            field=models.DateTimeField(
                help_text="The last second at which poster proposals are accepted (inclusive).",
                null=True,
                verbose_name="poster deadline",
            ),
        ),
    ]
