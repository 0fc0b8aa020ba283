"""What every page of an edition's catalogue shares, and the home page's count of posters,
kept per process for one public version (a decision or an organizer's change bumps it)."""

from django.contrib.postgres.aggregates import ArrayAgg
from django.db.models import Count, F, Func, Q, Value

from ecosystem_day.event.models import Topic
from ecosystem_day.infra.memo import memoize

from .models import ACCEPTED_STATES, PosterProposal


class RegexSubstring(Func):
    """PostgreSQL's substring(text, pattern): the part of the text the pattern matches."""

    function = "SUBSTRING"
    arity = 2


def board_row():
    return RegexSubstring(F("board_code"), Value("^[A-Z]+"))


def accepted_summary(accepted):
    """How many posters are accepted and the row letters they hang in, in walking order
    (A … Z, AA …). One query."""
    found = accepted.aggregate(
        count=Count("pk"),
        rows=ArrayAgg(board_row(), distinct=True, filter=~Q(board_code="")),
    )
    return found["count"], sorted(found["rows"] or [], key=lambda row: (len(row), row))


@memoize(maxsize=16)
def accepted_facts(event_pk, version):
    """(accepted count, board rows) of an edition at one public version: one query per
    process and version, shared by the catalogue and the home page."""
    accepted = PosterProposal.objects.filter(event_id=event_pk, status__in=ACCEPTED_STATES)
    return accepted_summary(accepted)


@memoize(maxsize=16)
def topic_menu(event_pk, version):
    """An edition's topics in menu order, at one public version: one query."""
    return tuple(Topic.objects.filter(event_id=event_pk).order_by("position", "name"))


def catalogue_facts(event):
    """The accepted count, the board rows and the topic menu: two queries per process and
    public version, none after."""
    version = event.public_version_number
    count, rows = accepted_facts(event.pk, version)
    return count, rows, topic_menu(event.pk, version)


def accepted_count(event):
    """How many posters the edition has accepted; no query once the version is known here."""
    return accepted_facts(event.pk, event.public_version_number)[0]
