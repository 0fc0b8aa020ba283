"""Send queued email now, and with --forever keep doing it: the mail worker.

Safe to run on any number of hosts at once: each message is claimed in the database
(ecosystem_day/infra/mail/delivery.py) and sent once. SIGTERM lets the message in flight finish,
then the worker exits.
"""

import logging
import signal
import time

from django.core.management.base import BaseCommand
from django.db import DatabaseError, close_old_connections

from ecosystem_day.infra.mail.delivery import deliver_queued

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = (
        "Send queued email, each message claimed in the database (safe on several hosts); "
        "--forever keeps sending every few seconds."
    )

    def add_arguments(self, parser):
        parser.add_argument("--forever", action="store_true", help="Keep running.")
        parser.add_argument("--interval", type=float, default=2.0, help="Seconds between passes.")
        parser.add_argument(
            "-l", "--log-level", type=int, help='"0" logs nothing, "1" failures, "2" everything.'
        )

    def handle(self, *args, forever=False, interval=2.0, log_level=None, **options):
        stopping = []
        signal.signal(signal.SIGTERM, lambda *_: stopping.append(True))
        totals = [0, 0, 0]
        if forever:
            self.stdout.write("The mail worker is running.")
            self.stdout.flush()
        try:
            while True:
                close_old_connections()  # as a request does: CONN_MAX_AGE, health checks
                try:
                    counts = deliver_queued(should_stop=lambda: bool(stopping), log_level=log_level)
                except DatabaseError:
                    if not forever:
                        raise
                    logger.exception("The mail worker lost the database; it tries again.")
                else:
                    totals = [total + count for total, count in zip(totals, counts, strict=True)]
                if not forever or stopping:
                    break
                waited = 0.0
                while waited < interval and not stopping:
                    time.sleep(min(0.2, interval - waited))
                    waited += 0.2
        except KeyboardInterrupt:  # Ctrl-C in `make run`
            pass
        if forever:
            sent, failed, requeued = totals
            self.stdout.write(
                f"The mail worker stops: {sent} sent, {failed} failed, {requeued} requeued."
            )
