"""The public catalogue: accepted posters of the current event, and each poster's page."""

from django.db.models import Q
from django.views.generic import DetailView, ListView

from ecosystem_day.mixins import CurrentEventMixin

from ..forms import CatalogueFilterForm
from ..models import PosterProposal
from ..signals import page_sections
from .submit import spoken_list

CATALOGUE_PAGE_SIZE = 48


class CatalogueView(CurrentEventMixin, ListView):
    """Accepted posters of the current event; depends only on the query string and the event."""

    template_name = "posters/catalogue.html"
    context_object_name = "posters"
    paginate_by = CATALOGUE_PAGE_SIZE

    def get_queryset(self):
        self.filter_form = CatalogueFilterForm(self.request.GET, event=self.event)
        self.filter_form.is_valid()
        chosen = self.filter_form.cleaned_data
        posters = PosterProposal.objects.filter(
            event=self.event, status=PosterProposal.Status.ACCEPTED
        ).select_related("topic")
        if query := chosen.get("q", "").strip():
            posters = posters.filter(
                Q(title__icontains=query)
                | Q(summary__icontains=query)
                | Q(authors__icontains=query)
            )
        if topic := chosen.get("topic"):
            posters = posters.filter(topic=topic)
        self.filtering = bool(query or topic)
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
            .prefetch_related("tending_tracks")
        )

    def get_context_data(self, **kwargs):
        poster = self.object
        return super().get_context_data(
            tending=spoken_list(poster.tending_tracks.all()),
            sections=page_sections(poster, self.request, "public"),
            **kwargs,
        )
