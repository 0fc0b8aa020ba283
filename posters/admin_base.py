"""The review-queue machinery posters and breakouts share in the admin.

A queue shows one edition at a time (the current one unless switched) and is titled as a
desk; a proposal's page shows its summary beside the reviews, their mean, the reviewer's own
form and the decision. Every decision (single, or in bulk after a confirmation) goes through
the app's own transition function, so it is checked, locked, logged and mailed exactly once.
"""

from urllib.parse import urlencode

from django import forms
from django.contrib import admin
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.utils import unquote
from django.db import models
from django.db.models import Avg, Count
from django.urls import path, reverse
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.timezone import localtime

from ecosystem_day.event.admin_editions import (
    EditionFilter,
    OneEditionChoicesAdmin,
    edition_parameter,
    edition_shown,
)
from ecosystem_day.event.admin_frozen import PastEditionsReadOnlyAdmin
from ecosystem_day.infra.admin_history import HistoryInline

from .admin_assignments import ProposalAssignments
from .admin_blind import BlindReviewAdmin, hides_authors
from .admin_decisions import DecisionForm, ProposalDecisions
from .admin_filters import AWAITING, ReviewsFilter, StatusFilter, queue_title
from .admin_reviews import ProposalReviews
from .desk import awaiting_counts


class StatusChangeInlineBase(HistoryInline):
    verbose_name_plural = "History"
    fields = ["changed_at", "changed_by", "from_status", "to_status", "note"]

    def get_fields(self, request, obj=None):
        """Who withdrew a proposal is its submitter: not shown to a blind reviewer."""
        fields = super().get_fields(request, obj)
        if obj is not None and hides_authors(request, obj.event, obj.decide_permission):
            return [name for name in fields if name != "changed_by"]
        return fields


class ProposalAdmin(
    BlindReviewAdmin,
    ProposalAssignments,
    ProposalReviews,
    ProposalDecisions,
    PastEditionsReadOnlyAdmin,
    OneEditionChoicesAdmin,
    admin.ModelAdmin,
):
    """List with review counts and mean scores, decisions one at a time or in bulk; a past
    edition's proposals are read-only."""

    list_filter = [EditionFilter, StatusFilter, ReviewsFilter]
    ordering = ["-created_at"]
    date_hierarchy = "created_at"
    list_per_page = 50
    actions = ["accept", "waitlist", "reject", "assign_reviewers"]
    change_form_template = "admin/proposal_change_form.html"
    change_list_template = "admin/proposal_change_list.html"
    formfield_overrides = {
        models.URLField: {"assume_scheme": "https"},
        # a few of the edition's topics or sessions: boxes to tick, each with its label
        models.ManyToManyField: {"widget": forms.CheckboxSelectMultiple},
    }
    kind = ""  # "Posters", "Breakouts": how the desk's titles name them

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(review_count=Count("reviews"), mean_score=Avg("reviews__score"))
        )

    def has_add_permission(self, request):
        return False  # proposals come from submitters, through the site

    def has_delete_permission(self, request, obj=None):
        return False  # withdraw instead: the history must stay

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "title":
            field.widget.attrs["class"] = "vTextField proposal-title"
        return field

    @admin.display(description="status", ordering="status")
    def status_badge(self, proposal):
        return format_html(
            '<span class="status-badge status-{}">{}</span>',
            proposal.status,
            proposal.get_status_display(),
        )

    @admin.display(description="submitted", ordering="created_at")
    def submitted(self, proposal):
        return date_format(localtime(proposal.created_at, proposal.event.tz), "M j, Y H:i T")

    @admin.display(description="reviews", ordering="review_count")
    def review_count(self, proposal):
        return proposal.review_count

    @admin.display(description="mean score", ordering="mean_score")
    def mean_score(self, proposal):
        return f"{proposal.mean_score:.1f}" if proposal.mean_score is not None else "—"

    def _url_name(self, action):
        return f"{self.opts.app_label}_{self.opts.model_name}_{action}"

    def changelist_view(self, request, extra_context=None):
        """Titled as a desk for the edition shown; above the list, how many of its proposals
        awaiting a decision the user has reviewed; buttons for the decisions in bulk."""
        try:
            edition = edition_shown(request)
        except IncorrectLookupParameters:
            edition = None  # the changelist answers it with Django's own "?e=1"
        counts = (
            awaiting_counts(self.model, self.review_model, edition, request.user)
            if edition
            else {"awaiting": 0, "not_mine": 0, "mine": 0, "assigned": 0}
        )
        extra_context = {
            "title": queue_title(
                self.kind,
                request.GET.get("status", AWAITING),
                request.GET.get("reviews"),
                edition,
            ),
            "edition": edition,
            "edition_query": urlencode({edition_parameter(self.edition_field): edition.pk})
            if edition
            else "",
            "my_reviews": {
                "done": counts["mine"],
                "awaiting": counts["awaiting"],
                "assigned": counts["assigned"],
            },
            "decision_buttons": self.decision_buttons(request),
            "balance_url": self.balance_url(request, edition),
            **(extra_context or {}),
        }
        return super().changelist_view(request, extra_context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        """The proposal beside its reviews, their mean, the user's review and the decision."""
        proposal = self.get_object(request, unquote(object_id))
        extra_context = dict(extra_context or {})
        if proposal is not None:
            can_decide = self.has_decide_permission(request)
            writable = not self.read_only_edition(proposal)
            extra_context.update(
                self.reviews_context(request, proposal, form=extra_context.get("review_form")),
                can_decide=can_decide,
                decision_form=DecisionForm(current=proposal.status, auto_id="id_decision_%s")
                if can_decide and writable
                else None,
                decide_url=reverse(f"admin:{self._url_name('decide')}", args=[proposal.pk]),
                queue_url=self.queue_url(proposal.event),
                brief=self.blind_brief(request, proposal),
                title=proposal.title,
                subtitle=f"{self.opts.verbose_name.capitalize()} — {proposal.event.name}",
            )
        return super().change_view(request, object_id, form_url, extra_context)

    def brief(self, proposal):
        """What the desk shows above the summary, as (label, text) pairs."""
        return []

    def get_urls(self):
        return [
            path(
                "<int:pk>/decide/",
                self.admin_site.admin_view(self.decide_view),
                name=self._url_name("decide"),
            ),
            path(
                "balance/",
                self.admin_site.admin_view(self.balance_view),
                name=self._url_name("balance"),
            ),
            path(
                "<int:pk>/review/",
                self.admin_site.admin_view(self.review_view),
                name=self._url_name("review"),
            ),
            *super().get_urls(),
        ]

    def balance_url(self, request, edition):
        """The balance page for organizers while the edition may change, else ""."""
        if edition is None or edition.is_read_only or not self.has_decide_permission(request):
            return ""
        url = reverse(f"admin:{self._url_name('balance')}")
        return f"{url}?{urlencode({edition_parameter(self.edition_field): edition.pk})}"

    def queue_url(self, edition, **filters):
        """The list of `edition`'s proposals with `filters` (awaiting a decision unless said)."""
        query = {edition_parameter(self.edition_field): edition.pk, "status": AWAITING, **filters}
        changelist = reverse(f"admin:{self._url_name('changelist')}")
        return f"{changelist}?{urlencode(query)}"

    def ranked_queue_url(self, request, edition):
        """What awaits a decision in `edition`, the highest mean score first: where a
        reviewer who has reviewed them all decides."""
        columns = list(self.get_list_display(request))
        if self.get_actions(request):
            columns = ["action_checkbox", *columns]
        return self.queue_url(edition, o=f"-{columns.index('mean_score')}")
