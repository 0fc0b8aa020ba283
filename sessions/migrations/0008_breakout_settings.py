"""The breakout deadline and length become the sessions app's: one row per edition, filled
from the event's columns (which ecosystem_day 0005 then drops); undone, the values go back."""

import django.db.models.deletion
from django.db import migrations, models


def settings_from_the_events(apps, schema_editor):
    Event = apps.get_model("ecosystem_day", "Event")
    BreakoutSettings = apps.get_model("breakouts", "BreakoutSettings")
    BreakoutSettings.objects.bulk_create(
        BreakoutSettings(event_id=pk, deadline=deadline, minutes=minutes)
        for pk, deadline, minutes in Event.objects.values_list(
            "pk", "breakout_deadline", "breakout_minutes"
        )
    )


def settings_back_into_the_events(apps, schema_editor):
    Event = apps.get_model("ecosystem_day", "Event")
    BreakoutSettings = apps.get_model("breakouts", "BreakoutSettings")
    for settings in BreakoutSettings.objects.all():
        Event.objects.filter(pk=settings.event_id).update(
            breakout_deadline=settings.deadline, breakout_minutes=settings.minutes
        )


class Migration(migrations.Migration):

    dependencies = [
        ('breakouts', '0007_breakout_review_scores_and_assignments'),
        ('ecosystem_day', '0004_poster_deadline_nullable_while_it_moves'),
    ]
    # The event's columns are copied here before the event layer drops them.
    run_before = [('ecosystem_day', '0005_settings_moved_to_their_apps')]

    operations = [
        migrations.CreateModel(
            name='BreakoutSettings',
            fields=[
                ('event', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, primary_key=True, related_name='breakout_settings', serialize=False, to='ecosystem_day.event')),
                ('deadline', models.DateTimeField(blank=True, help_text='The last second at which breakout proposals are accepted (inclusive). Empty: breakout proposals are not open yet.', null=True, verbose_name='breakout deadline')),
                ('minutes', models.PositiveSmallIntegerField(default=40, verbose_name='breakout length (minutes)')),
            ],
            options={
                'verbose_name': 'breakout settings',
                'verbose_name_plural': 'breakout settings',
                'constraints': [models.CheckConstraint(condition=models.Q(('minutes__gte', 5), ('minutes__lte', 240)), name='breakout_length_between_5_and_240_minutes')],
            },
        ),
        migrations.RunPython(settings_from_the_events, settings_back_into_the_events),
    ]
