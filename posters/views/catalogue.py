"""The public catalogue: accepted posters of the current event, and each poster's page."""

from django.db.models import F, Func, IntegerField, Q, Value
from django.db.models.functions import Cast, Left, Length
from django.views.generic import DetailView, ListView

from ecosystem_day.mixins import CurrentEventMixin

from ..forms import CatalogueFilterForm
from ..models import PosterProposal
from ..signals import page_sections
from .submit import spoken_list

CATALOGUE_PAGE_SIZE = 48
EXCERPT_CHARACTERS = 240  # more than two lines of a card; CSS clamps what shows


class RegexSubstring(Func):
    """PostgreSQL's substring(text, pattern): the part of the text the pattern matches."""

    function = "SUBSTRING"
    arity = 2


def board_row():
    return RegexSubstring(F("board_code"), Value("^[A-Z]+"))


def board_number():
    return Cast(RegexSubstring(F("board_code"), Value("[0-9]+$")), IntegerField())


def board_rows(posters):
    """The row letters the posters hang in, in walking order (A … Z, AA …). One query."""
    rows = set(
        posters.exclude(board_code="").annotate(row=board_row()).values_list("row", flat=True)
    )
    return sorted(rows, key=lambda row: (len(row), row))


class CatalogueView(CurrentEventMixin, ListView):
    """Accepted posters of the current event; depends only on the query string and the event."""

    template_name = "posters/catalogue.html"
    context_object_name = "posters"
    paginate_by = CATALOGUE_PAGE_SIZE

    def get_queryset(self):
        accepted = PosterProposal.objects.filter(
            event=self.event, status=PosterProposal.Status.ACCEPTED
        )
        self.filter_form = CatalogueFilterForm(
            self.request.GET, event=self.event, rows=board_rows(accepted)
        )
        self.filter_form.is_valid()
        chosen = self.filter_form.cleaned_data
        posters = (
            accepted.select_related("topic")
            .defer("summary")
            .annotate(excerpt=Left("summary", EXCERPT_CHARACTERS))
        )
        if query := chosen.get("q", "").strip():
            posters = posters.filter(
                Q(title__icontains=query)
                | Q(summary__icontains=query)
                | Q(authors__icontains=query)
                | Q(board_code=query.upper())
            )
        if topic := chosen.get("topic"):
            posters = posters.filter(
                Q(topic=topic) | Q(pk__in=topic.posters_also_under.values("pk"))
            )
        if row := chosen.get("row"):
            posters = posters.annotate(row=board_row()).filter(row=row)
        self.filtering = bool(query or topic or row)
        if chosen.get("sort") == "code":
            return posters.order_by(
                Length(board_row()).asc(nulls_last=True),
                board_row(),
                board_number(),
                "title",
                "pk",
            )
        return posters.order_by("title", "pk")

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            filter_form=self.filter_form, filtering=self.filtering, **kwargs
        )


class PublicPosterView(CurrentEventMixin, DetailView):
    """An accepted poster of the current event, for everyone; any other poster is a 404."""

    template_name = "posters/public_detail.html"
    context_object_name = "poster"

    def get_queryset(self):
        return (
            PosterProposal.objects.filter(event=self.event, status=PosterProposal.Status.ACCEPTED)
            .select_related("topic")
            .prefetch_related("tending_tracks", "extra_topics")
        )

    def get_context_data(self, **kwargs):
        poster = self.object
        return super().get_context_data(
            tending=spoken_list(poster.tending_tracks.all()),
            sections=page_sections(poster, self.request, "public"),
            **kwargs,
        )
