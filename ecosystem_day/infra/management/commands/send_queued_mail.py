"""post_office's cron command, replaced: one pass of the mail worker, claiming in the database.

post_office's own version locks a file on one machine and marks a batch sent only at its
end, so on several hosts (or after a kill) it sends mail twice. This app comes before
post_office in INSTALLED_APPS, so `manage.py send_queued_mail` runs this one.
"""

from .deliver_mail import Command as DeliverMail


class Command(DeliverMail):
    help = "One pass of the mail worker (deliver_mail), for cron: safe on several hosts."

    def add_arguments(self, parser):
        super().add_arguments(parser)
        # post_office's options, accepted so that existing crontabs keep working.
        parser.add_argument("-p", "--processes", type=int, default=1, help="Ignored.")
        parser.add_argument("-L", "--lockfile", help="Ignored: no file lock is needed.")

    def handle(self, *args, processes=1, lockfile=None, **options):
        return super().handle(*args, **{**options, "forever": False})
