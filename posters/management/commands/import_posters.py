import sys

from django.core.management.base import BaseCommand, CommandError
from django.db import IntegrityError
from tqdm import tqdm

from ecosystem_day.accounts.models import User
from ecosystem_day.event.frozen import PastEditionReadOnly
from ecosystem_day.event.models import Event
from posters import catalogue_file
from posters.importing import import_catalogue

# The exit status: every entry imported (or unchanged), or some skipped (each reported).
ALL_IMPORTED, SOME_SKIPPED = 0, 2


class Command(BaseCommand):
    help = (
        "Import a poster catalogue as accepted posters of an event. The format follows the "
        "file's extension: .yaml or .yml for YAML as pytorch.org publishes it (a list of "
        "entries with title, description, authors, categories, link, section, and optionally "
        "poster_link and thumbnail_link), .json for JSON of the same shape, .csv for CSV with "
        "the same columns, authors and categories separated by semicolons. An entry updates "
        "the poster with its section (board code), else the one with its title; otherwise it "
        "is created. A link without a scheme (www.amd.com/rocm) is read as https://, and a "
        "link that is still not a web address is dropped, the poster kept; both are reported. "
        "Entries that cannot be imported (a control character in a field, no title...) are "
        "reported with their position and reason, and the rest goes on. Importing the same "
        "file twice changes nothing. No email is sent: imported posters belong to nobody until "
        "their presenters claim them. Exit status: 0 when every entry was imported, 1 when "
        "nothing was (the file or the event refused), 2 when some entries were skipped."
    )
    entries_skipped = False

    def run_from_argv(self, argv):
        super().run_from_argv(argv)
        sys.exit(SOME_SKIPPED if self.entries_skipped else ALL_IMPORTED)

    def add_arguments(self, parser):
        parser.add_argument("file", help="the catalogue: .yaml, .yml, .json or .csv")
        parser.add_argument("--event", required=True, metavar="SLUG", help="the event's slug")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="report what the import would do, and save nothing",
        )
        parser.add_argument(
            "--by",
            metavar="EMAIL",
            help="the organizer the posters' history names (default: none, “Imported”)",
        )

    def handle(self, *args, file, event, dry_run=False, by=None, **options):
        event = self._event(event)
        if event.is_read_only:
            raise CommandError(
                f"{PastEditionReadOnly(event)} Nothing was imported; a superuser can reopen "
                "it in the admin."
            )
        organizer = self._organizer(by) if by else None
        try:
            raw_entries = catalogue_file.read_entries(file)
        except catalogue_file.CatalogueFileError as error:
            raise CommandError(str(error)) from error
        bar = tqdm(
            total=len(raw_entries), desc="Importing", unit=" entries", file=sys.stderr, disable=None
        )
        try:
            with bar:
                report = import_catalogue(
                    event,
                    raw_entries,
                    by=organizer,
                    source=file.rsplit("/", 1)[-1],
                    dry_run=dry_run,
                    progress=bar.update,
                )
        except PastEditionReadOnly as refusal:
            raise CommandError(f"{refusal} Nothing was imported.") from refusal
        except IntegrityError as error:
            raise CommandError(
                f"Nothing was imported: the event's posters changed meanwhile ({error}). "
                "Run the import again."
            ) from error
        for label, remark in report.remarks():
            self.stdout.write(self.style.WARNING(f"{label}: {remark}"))
        for title, changed in report.updated:
            self.stdout.write(f"updated “{title}”: {', '.join(changed)}")
        if report.new_topics:
            self.stdout.write(f"new topics: {', '.join(report.new_topics)}")
        self.stdout.write(self.style.SUCCESS(self._summary(report, event)))
        self.entries_skipped = bool(report.skipped)

    def _summary(self, report, event):
        counts = (
            len(report.created),
            len(report.updated),
            len(report.unchanged),
            len(report.skipped),
        )
        if report.dry_run:
            return (
                f"Dry run of {report.source} for {event.name} ({report.entries} entries): would "
                "create {}, update {}, leave {} unchanged and skip {}. Nothing was saved.".format(
                    *counts
                )
            )
        return (
            f"Imported {report.source} into {event.name} ({report.entries} entries): "
            "{} created, {} updated, {} unchanged, {} skipped.".format(*counts)
        )

    def _event(self, slug):
        event = Event.objects.filter(slug=slug).first()
        if event is None:
            slugs = ", ".join(Event.objects.order_by("slug").values_list("slug", flat=True))
            raise CommandError(f"No event has the slug “{slug}”. Events: {slugs or 'none yet'}.")
        return event

    def _organizer(self, email):
        user = User.objects.filter(email__iexact=email, is_active=True).first()
        if user is None or not user.has_perm("posters.decide_posterproposal"):
            raise CommandError(f"{email} is not an organizer's account.")
        return user
