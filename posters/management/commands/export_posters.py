from django.core.management.base import BaseCommand, CommandError

from ecosystem_day.event.models import Event
from posters import catalogue_file
from posters.catalogue_entry import entries_of
from posters.models import ACCEPTED_STATES, PosterProposal


class Command(BaseCommand):
    help = (
        "Write the accepted posters of an event in the public catalogue format, in board "
        "order: YAML (to standard output, or to FILE ending .yaml or .yml), JSON for a FILE "
        "ending .json, or CSV with the same columns for a FILE ending .csv. Importing the file "
        "again changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", help="where to write (default: standard output)")
        parser.add_argument("--event", required=True, metavar="SLUG", help="the event's slug")

    def handle(self, *args, file=None, event, **options):
        found = Event.objects.filter(slug=event).first()
        if found is None:
            raise CommandError(f"No event has the slug “{event}”.")
        try:
            kind = catalogue_file.format_of(file) if file else "yaml"
        except catalogue_file.CatalogueFileError as error:
            raise CommandError(str(error)) from error
        posters = (
            PosterProposal.objects.filter(event=found, status__in=ACCEPTED_STATES)
            .select_related("topic")
            .prefetch_related("extra_topics")
        )
        entries = entries_of(posters)
        if file is None:
            self.stdout.write(catalogue_file.dump_yaml(entries), ending="")
            return
        try:
            with open(file, "w", encoding="utf-8", newline="") as stream:
                if kind == "csv":
                    catalogue_file.write_csv(entries, stream)
                elif kind == "json":
                    stream.write(catalogue_file.dump_json(entries))
                else:
                    stream.write(catalogue_file.dump_yaml(entries))
        except OSError as error:
            raise CommandError(f"{file}: cannot be written ({error.strerror}).") from error
        self.stderr.write(f"{len(entries)} accepted posters of {found.name} written to {file}.")
