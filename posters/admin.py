"""The organizers' review queue for posters."""

from django.contrib import admin

from . import services
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
    change_statuses = staticmethod(services.change_poster_statuses)
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

    @admin.display(description="authors", ordering="authors")
    def authors_short(self, proposal):
        names = proposal.author_list
        return ", ".join(names[:3]) + (f" +{len(names) - 3}" if len(names) > 3 else "")

    def view_on_site(self, proposal):
        return proposal.get_public_url() if proposal.status == proposal.Status.ACCEPTED else None


@admin.register(Review)
class ReviewAdmin(ReviewAdminBase):
    list_filter = ["score", "proposal__topic"]
