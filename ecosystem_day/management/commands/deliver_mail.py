"""Send queued email now, and with --forever keep doing it: the mail worker.

post_office's send_queued_mail does one pass (for cron); this runs its pass every few
seconds, so mail leaves within seconds without a scheduler. Run one per site.
"""

import signal
import time

from django.core.management.base import BaseCommand
from post_office.lockfile import default_lockfile
from post_office.mail import send_queued_mail_until_done


class Command(BaseCommand):
    help = "Send queued email (post_office); --forever keeps sending every few seconds."

    def add_arguments(self, parser):
        parser.add_argument("--forever", action="store_true", help="Keep running.")
        parser.add_argument("--interval", type=float, default=2.0, help="Seconds between passes.")

    def handle(self, *args, forever, interval, **options):
        stopping = []
        signal.signal(signal.SIGTERM, lambda *_: stopping.append(True))
        try:
            while True:
                send_queued_mail_until_done(default_lockfile, processes=1)
                if not forever or stopping:
                    return
                time.sleep(interval)
                if stopping:
                    return
        except KeyboardInterrupt:  # Ctrl-C in `make run`
            return
