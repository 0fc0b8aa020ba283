"""The organizers' review queue for posters."""

import io

from django.contrib import admin
from django.http import HttpResponse

from . import catalogue_file, services
from .admin_base import ProposalAdmin, ReviewAdminBase, ReviewInlineBase, StatusChangeInlineBase
from .models import PosterProposal, Review, StatusChange


class ReviewInline(ReviewInlineBase):
    model = Review


class StatusChangeInline(StatusChangeInlineBase):
    model = StatusChange


@admin.register(PosterProposal)
class PosterProposalAdmin(ProposalAdmin):
    list_display = [
        "title",
        "authors_short",
        "topic",
        "status",
        "submitted",
        "review_count",
        "mean_score",
    ]
    list_filter = ["status", "topic", "event"]
    search_fields = ["title", "summary", "authors"]
    list_select_related = ["topic", "event"]
    inlines = [ReviewInline, StatusChangeInline]
    review_model = Review
    change_status = staticmethod(services.change_poster_status)
    readonly_fields = ["event", "submitter", "status", "created_at", "updated_at"]
    fields = [
        "status",
        "event",
        "submitter",
        "title",
        "authors",
        "topic",
        "summary",
        "link",
        "tending_tracks",
        "created_at",
        "updated_at",
    ]
    filter_horizontal = ["tending_tracks"]

    def get_actions(self, request):
        actions = super().get_actions(request)
        # Last in the menu, after the decisions.
        if "export_csv" in actions:
            actions["export_csv"] = actions.pop("export_csv")
        return actions

    actions = [*ProposalAdmin.actions, "export_csv"]

    @admin.action(description="Export the selected posters as CSV", permissions=["change"])
    def export_csv(self, request, queryset):
        """The catalogue's columns, for any selection (any status), safe to open in a sheet."""
        posters = queryset.select_related("topic").prefetch_related("extra_topics")
        stream = io.StringIO()
        catalogue_file.write_csv(catalogue_file.entries_of(posters), stream)
        response = HttpResponse(stream.getvalue(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="posters.csv"'
        return response

    @admin.display(description="authors", ordering="authors")
    def authors_short(self, proposal):
        names = proposal.author_list
        return ", ".join(names[:3]) + (f" +{len(names) - 3}" if len(names) > 3 else "")

    def view_on_site(self, proposal):
        return proposal.get_public_url() if proposal.status == proposal.Status.ACCEPTED else None


@admin.register(Review)
class ReviewAdmin(ReviewAdminBase):
    list_filter = ["score", "proposal__topic"]
