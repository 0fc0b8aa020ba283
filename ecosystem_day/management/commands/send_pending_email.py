from django.core.management.base import BaseCommand

from ecosystem_day.models import OutboxEmail
from ecosystem_day.outbox import deliver_pending


class Command(BaseCommand):
    help = (
        "Send every email still pending in the outbox (safe to run from cron, even twice at once)."
    )

    def handle(self, *args, **options):
        sent, failed = deliver_pending()
        self.stdout.write(f"{sent} sent, {failed} failed.")
        if failed:
            latest = (
                OutboxEmail.objects.filter(status=OutboxEmail.Status.PENDING)
                .exclude(last_error="")
                .values_list("last_error", flat=True)
                .first()
            )
            self.stderr.write(f"Still pending after this run; last error: {latest}")
