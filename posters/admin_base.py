"""The review-queue machinery posters and breakouts share in the admin.

Every decision (single, with a note, or in bulk) goes through the app's own transition
function (`change_status` on the concrete admin), so it is checked, locked, logged and
mailed exactly once.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Avg, Count, Exists, F, OuterRef
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.timezone import localtime

from ecosystem_day.admin_frozen import PastEditionsReadOnlyAdmin
from ecosystem_day.admin_refusals import RefusalsAsFormErrors
from ecosystem_day.constraints import refused_by_constraints
from ecosystem_day.frozen import check_writable

from .models import ProposalStatus as Status
from .proposals import ALLOWED_CHANGES, DECISIONS, InvalidStatusChange

AWAITING = "awaiting"
ALL = "all"


class StatusFilter(admin.SimpleListFilter):
    """Opens on what awaits a decision; "All" and each status are a click away."""

    title = "status"
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return [(AWAITING, "Awaiting a decision"), *Status.choices, (ALL, "All")]

    def value(self):
        return super().value() or AWAITING

    def choices(self, changelist):
        for lookup, title in self.lookup_choices:
            yield {
                "selected": self.value() == lookup,
                "query_string": changelist.get_query_string({self.parameter_name: lookup}),
                "display": title,
            }

    def queryset(self, request, queryset):
        value = self.value()
        if value == AWAITING:
            return queryset.filter(status=Status.SUBMITTED)
        if value in Status.values:
            return queryset.filter(status=value)
        return queryset


class ReviewsFilter(admin.SimpleListFilter):
    """For reviewers: what they have not reviewed yet; for organizers: what lacks reviews."""

    title = "reviews"
    parameter_name = "reviews"

    def __init__(self, request, params, model, model_admin):
        self.review_model = model_admin.review_model
        super().__init__(request, params, model, model_admin)

    def lookups(self, request, model_admin):
        return [
            ("not-mine", "Not yet reviewed by me"),
            ("mine", "Reviewed by me"),
            ("wanted", "Fewer reviews than wanted"),
        ]

    def queryset(self, request, queryset):
        mine = Exists(
            self.review_model.objects.filter(proposal=OuterRef("pk"), reviewer=request.user)
        )
        if self.value() == "not-mine":
            return queryset.filter(~mine)
        if self.value() == "mine":
            return queryset.filter(mine)
        if self.value() == "wanted":
            return queryset.filter(review_count__lt=F("event__reviews_wanted"))
        return queryset


class ReviewInlineBase(admin.TabularInline):
    fields = ["reviewer", "score", "comment", "created_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class StatusChangeInlineBase(admin.TabularInline):
    verbose_name_plural = "History"
    fields = ["changed_at", "changed_by", "from_status", "to_status", "note"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


DECISION_LABELS = {
    Status.ACCEPTED: "Accept",
    Status.WAITLISTED: "Wait-list",
    Status.REJECTED: "Reject",
}


class DecisionForm(forms.Form):
    to_status = forms.ChoiceField(
        label="Decision",
        choices=list(DECISION_LABELS.items()),
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
        help_text="Optional. Included in the email to the submitter and kept in the history.",
    )

    def __init__(self, *args, current=None, **kwargs):
        """`current`: the proposal's status; only the decisions it allows are offered."""
        super().__init__(*args, **kwargs)
        if current is not None:
            allowed = ALLOWED_CHANGES[Status(current)] & DECISIONS
            self.fields["to_status"].choices = [
                (value, label) for value, label in DECISION_LABELS.items() if value in allowed
            ]


class ProposalAdmin(PastEditionsReadOnlyAdmin, admin.ModelAdmin):
    """List with review counts and mean scores, decisions one at a time or in bulk; a past
    edition's proposals are read-only."""

    list_filter = [StatusFilter, ReviewsFilter]
    ordering = ["-created_at"]
    date_hierarchy = "created_at"
    list_per_page = 50
    actions = ["accept", "waitlist", "reject"]
    change_form_template = "admin/proposal_change_form.html"
    change_list_template = "admin/proposal_change_list.html"
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    review_model = None  # the concrete review model, for the "Add your review" link
    change_status = None  # the app's transition: staticmethod(f(proposal, to, *, by, note))
    change_statuses = None  # the same for a selection: returns (changed, refusals)

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

    def has_decide_permission(self, request):
        return request.user.has_perm(self.model.decide_permission)

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
        """Above the list: how many proposals awaiting a decision the user has reviewed."""
        awaiting = self.model.objects.filter(status=Status.SUBMITTED)
        reviewed = self.review_model.objects.filter(
            reviewer=request.user, proposal__status=Status.SUBMITTED
        ).count()
        extra_context = {
            **(extra_context or {}),
            "my_reviews": {"done": reviewed, "awaiting": awaiting.count()},
        }
        return super().changelist_view(request, extra_context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        review_opts = self.review_model._meta
        proposal = self.get_object(request, object_id)
        can_decide = self.has_decide_permission(request)
        decision_form = None
        if proposal is not None and can_decide and not self.read_only_edition(proposal):
            decision_form = DecisionForm(current=proposal.status, auto_id="id_decision_%s")
        my_review = (
            self.review_model.objects.filter(proposal_id=proposal.pk, reviewer=request.user)
            .values_list("pk", flat=True)
            .first()
            if proposal is not None
            else None
        )
        review_url = (
            reverse(
                f"admin:{review_opts.app_label}_{review_opts.model_name}_change", args=[my_review]
            )
            if my_review
            else reverse(f"admin:{review_opts.app_label}_{review_opts.model_name}_add")
            + f"?proposal={object_id}"
        )
        extra_context = {
            **(extra_context or {}),
            "can_decide": can_decide,
            "decision_form": decision_form,
            "decide_url": reverse(f"admin:{self._url_name('decide')}", args=[object_id]),
            "review_url": review_url,
            "has_my_review": bool(my_review),
        }
        return super().change_view(request, object_id, form_url, extra_context)

    def get_urls(self):
        return [
            path(
                "<int:pk>/decide/",
                self.admin_site.admin_view(self.decide_view),
                name=self._url_name("decide"),
            ),
            *super().get_urls(),
        ]

    def decide_view(self, request, pk):
        """One proposal, one decision, with an optional note for the submitter."""
        if not self.has_decide_permission(request):
            raise PermissionDenied
        proposal = get_object_or_404(self.model.objects.select_related("event"), pk=pk)
        check_writable(proposal.event)
        form = DecisionForm(request.POST or None, current=proposal.status)
        if request.method == "POST" and form.is_valid():
            try:
                self.change_status(
                    proposal,
                    form.cleaned_data["to_status"],
                    by=request.user,
                    note=form.cleaned_data["note"],
                )
            except InvalidStatusChange as refusal:
                self.message_user(request, str(refusal), messages.ERROR)
            else:
                decision = Status(form.cleaned_data["to_status"]).label.lower()
                told = (
                    "the submitter is being emailed"
                    if proposal.submitter_id
                    else "nobody is emailed: no presenter has claimed it yet"
                )
                self.message_user(
                    request, f"“{proposal.title}” is now {decision}; {told}.", messages.SUCCESS
                )
            return redirect(f"admin:{self._url_name('change')}", pk)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": f"Decide on “{proposal.title}”",
            "proposal": proposal,
            "form": form,
        }
        return TemplateResponse(request, "admin/decide.html", context)

    def _decide_in_bulk(self, request, queryset, to_status):
        """One transition for the whole selection: all of it decided and queued, or none."""
        changed, refused = self.change_statuses(list(queryset), to_status, by=request.user)
        if changed:
            self.message_user(
                request,
                f"{len(changed)} proposal(s) now {Status(to_status).label.lower()}; "
                "submitters are being emailed.",
                messages.SUCCESS,
            )
        for refusal in refused:
            self.message_user(request, str(refusal), messages.WARNING)

    @admin.action(description="Accept the selected proposals", permissions=["decide"])
    def accept(self, request, queryset):
        self._decide_in_bulk(request, queryset, Status.ACCEPTED)

    @admin.action(description="Wait-list the selected proposals", permissions=["decide"])
    def waitlist(self, request, queryset):
        self._decide_in_bulk(request, queryset, Status.WAITLISTED)

    @admin.action(description="Reject the selected proposals", permissions=["decide"])
    def reject(self, request, queryset):
        self._decide_in_bulk(request, queryset, Status.REJECTED)


class ReviewForm(forms.ModelForm):
    """The reviewer is the signed-in user; one review each, said kindly before the DB says no."""

    class Meta:
        fields = ["proposal", "score", "comment"]
        widgets = {"score": forms.NumberInput(attrs={"min": 1, "max": 5})}

    def __init__(self, *args, reviewer, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.pk:
            self.instance.reviewer = reviewer

    def clean(self):
        cleaned = super().clean()
        proposal = cleaned.get("proposal")
        others = self._meta.model.objects.filter(proposal=proposal, reviewer=self.instance.reviewer)
        if proposal and others.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(
                "You have already reviewed this proposal: edit your review instead."
            )
        return cleaned


class ReviewAdminBase(PastEditionsReadOnlyAdmin, RefusalsAsFormErrors, admin.ModelAdmin):
    edition_field = "proposal__event"
    list_display = ["proposal", "reviewer", "score", "created_at"]
    search_fields = ["proposal__title", "comment", "reviewer__name"]
    list_select_related = ["proposal", "reviewer"]
    autocomplete_fields = ["proposal"]

    def save_model(self, request, obj, form, change):
        # A double submit that passed the form's check together: the database says no.
        with refused_by_constraints():
            super().save_model(request, obj, form, change)

    def get_form(self, request, obj=None, **kwargs):
        form_class = super().get_form(request, obj, form=ReviewForm, **kwargs)

        class BoundReviewForm(form_class):
            def __init__(self, *args, **inner):
                super().__init__(*args, reviewer=request.user, **inner)

        return BoundReviewForm

    def has_change_permission(self, request, obj=None):
        """Reviewers change only their own reviews; organizers change any."""
        allowed = super().has_change_permission(request, obj)
        if obj is None or not allowed:
            return allowed
        return obj.reviewer_id == request.user.pk or request.user.has_perm(
            obj.proposal.decide_permission
        )
