"""The call for posters becomes the posters app's: one row per edition, filled from the
event's columns (which ecosystem_day 0005 then drops); undone, the values go back."""

import django.db.models.deletion
from django.db import migrations, models


CALL_FIELDS = {  # the call's field: the event's column it comes from
    "guidance": "call_for_posters",
    "deadline": "cfp_deadline",
    "summary_min_length": "summary_min_length",
    "summary_max_length": "summary_max_length",
    "reviews_wanted": "reviews_wanted",
}


def calls_from_the_events(apps, schema_editor):
    Event = apps.get_model("ecosystem_day", "Event")
    CallForPosters = apps.get_model("posters", "CallForPosters")
    CallForPosters.objects.bulk_create(
        CallForPosters(event_id=row.pop("pk"), **{field: row[column] for field, column in CALL_FIELDS.items()})
        for row in Event.objects.values("pk", *CALL_FIELDS.values())
    )


def calls_back_into_the_events(apps, schema_editor):
    Event = apps.get_model("ecosystem_day", "Event")
    CallForPosters = apps.get_model("posters", "CallForPosters")
    for call in CallForPosters.objects.all():
        Event.objects.filter(pk=call.event_id).update(
            **{column: getattr(call, field) for field, column in CALL_FIELDS.items()}
        )


class Migration(migrations.Migration):

    dependencies = [
        ('ecosystem_day', '0004_poster_deadline_nullable_while_it_moves'),
        ('posters', '0008_copresenters'),
    ]
    # The event's columns are copied here before the event layer drops them.
    run_before = [('ecosystem_day', '0005_settings_moved_to_their_apps')]

    operations = [
        migrations.CreateModel(
            name='CallForPosters',
            fields=[
                ('event', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, primary_key=True, related_name='call_for_posters', serialize=False, to='ecosystem_day.event')),
                ('guidance', models.TextField(blank=True, help_text='Shown above the poster form.', verbose_name="the call's guidance")),
                ('deadline', models.DateTimeField(help_text='The last second at which poster proposals are accepted (inclusive).', verbose_name='poster deadline')),
                ('summary_min_length', models.PositiveSmallIntegerField(default=100, help_text='The poster form refuses a shorter summary.', verbose_name='shortest poster summary (characters)')),
                ('summary_max_length', models.PositiveSmallIntegerField(default=3000, help_text='The poster form refuses a longer summary (at most 10,000).', verbose_name='longest poster summary (characters)')),
                ('reviews_wanted', models.PositiveSmallIntegerField(default=2, help_text='A proposal with fewer reviews is listed as awaiting reviews.', verbose_name='reviews wanted per proposal')),
            ],
            options={
                'verbose_name': 'call for posters',
                'verbose_name_plural': 'call for posters',
                'constraints': [models.CheckConstraint(condition=models.Q(('summary_max_length__lte', 10000), ('summary_min_length__gte', 1), ('summary_min_length__lte', models.F('summary_max_length'))), name='summary_limits_in_order', violation_error_message='The shortest summary must be at least 1 character and no longer than the longest, which can be at most 10,000.'), models.CheckConstraint(condition=models.Q(('reviews_wanted__gte', 1), ('reviews_wanted__lte', 20)), name='reviews_wanted_between_1_and_20')],
            },
        ),
        migrations.RunPython(calls_from_the_events, calls_back_into_the_events),
    ]
