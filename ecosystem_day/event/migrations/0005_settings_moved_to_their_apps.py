"""The call's settings are the posters app's now, the breakouts' the sessions app's (their
migrations copied the values, and run before this one): the event keeps none of them."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('ecosystem_day', '0004_poster_deadline_nullable_while_it_moves'),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name='event',
            name='breakout_length_between_5_and_240_minutes',
        ),
        migrations.RemoveConstraint(
            model_name='event',
            name='summary_limits_in_order',
        ),
        migrations.RemoveConstraint(
            model_name='event',
            name='reviews_wanted_between_1_and_20',
        ),
        migrations.RemoveField(
            model_name='event',
            name='breakout_deadline',
        ),
        migrations.RemoveField(
            model_name='event',
            name='breakout_minutes',
        ),
        migrations.RemoveField(
            model_name='event',
            name='call_for_posters',
        ),
        migrations.RemoveField(
            model_name='event',
            name='cfp_deadline',
        ),
        migrations.RemoveField(
            model_name='event',
            name='reviews_wanted',
        ),
        migrations.RemoveField(
            model_name='event',
            name='summary_max_length',
        ),
        migrations.RemoveField(
            model_name='event',
            name='summary_min_length',
        ),
    ]
