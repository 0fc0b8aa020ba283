"""What an edition's registrations add up to, for its recap: the people holding a seat (not
the wait list, not cancelled: deleting one's data cancels), by session of the day and by
country or region."""

from dataclasses import dataclass, field

from django.db.models import Count, Q
from django_countries import countries

from .models import Registration, Status

TOP_COUNTRIES = 15


@dataclass(frozen=True)
class Seats:
    registered: int
    by_session: list = field(default_factory=list)  # (session name, people)
    by_country: list = field(default_factory=list)  # (country or region, people), most first
    other_countries: int = 0  # people from the countries after the first TOP_COUNTRIES


def country_name(code):
    return (countries.name(code) or code) if code else "Not given"


def seats(event):
    """In two queries whatever the number of registrations."""
    by_session = list(
        event.tracks.annotate(
            n=Count("registrations", filter=Q(registrations__status=Status.REGISTERED))
        ).values_list("name", "n")
    )
    by_country = list(
        Registration.objects.filter(event=event, status=Status.REGISTERED)
        .values("country")
        .annotate(n=Count("pk"))
        .order_by("-n", "country")
        .values_list("country", "n")
    )
    return Seats(
        registered=sum(n for _, n in by_country),
        by_session=by_session,
        by_country=[(country_name(code), n) for code, n in by_country[:TOP_COUNTRIES]],
        other_countries=sum(n for _, n in by_country[TOP_COUNTRIES:]),
    )
