"""Plan every registrant's reminders from the released schedule: `manage.py plan_reminders`.

The changes that alter reminders plan them as they happen (sessions/reminders.py); this catches
up on anything else (a planner that failed, a deploy, a moment passing). It is idempotent: run
twice, the second run changes nothing. Cron runs it every few minutes (docs/deploy.md).
"""

from django.core.management.base import BaseCommand, CommandError

from ecosystem_day.event.frozen import is_read_only
from ecosystem_day.event.models import Event
from sessions.reminders import plan_event


class Command(BaseCommand):
    help = (
        "Queue, re-plan or withdraw registrants' reminders (the day before, and before each "
        "starred item) from the released schedule; safe to run at any time, on any host."
    )

    def add_arguments(self, parser):
        parser.add_argument("--event", help="One edition's slug (default: every open one).")

    def handle(self, *args, event=None, **options):
        events = Event.objects.order_by("date", "pk")
        if event:
            events = events.filter(slug=event)
            if not events:
                raise CommandError(f"No edition has the slug {event!r}.")
        for edition in events:
            if is_read_only(edition):
                if event:
                    raise CommandError(f"{edition.name} is a past edition: it is read-only.")
                continue
            queued, replanned, withdrawn = plan_event(edition.pk)
            self.stdout.write(
                f"{edition.name}: {queued} reminders queued, {replanned} re-planned, "
                f"{withdrawn} withdrawn."
            )
