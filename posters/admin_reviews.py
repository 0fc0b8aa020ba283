"""Reviews in the admin: on the proposal's own page beside its summary ("Save and next" opens
the next proposal awaiting the reviewer's review), and the reviews' own list and pages.

Every save goes through `posters.reviews.save_review`.
"""

import copy

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import modelform_factory
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse

from ecosystem_day.event.admin_frozen import PastEditionsReadOnlyAdmin
from ecosystem_day.infra.admin_refusals import RefusalsAsFormErrors
from ecosystem_day.infra.constraints import refused_by_constraints

from .call import call_for
from .conflicts import is_author
from .reviews import (
    ALREADY_REVIEWED,
    criteria_of,
    next_to_review,
    review_permission,
    save_review,
)

SCORES = [(1, "1 weak"), (2, "2"), (3, "3"), (4, "4"), (5, "5 excellent")]
NEXT = "_next"  # the name of the "Save and next" button


class ReviewOnPageForm(forms.ModelForm):
    """The reviewer's own review on the proposal's page: every field of the review model but
    who and what it is about."""

    score = forms.TypedChoiceField(
        choices=SCORES, coerce=int, widget=forms.RadioSelect, label="Score"
    )

    def __init__(self, *args, criteria=(), **kwargs):
        """`criteria`: the edition's, each scored 1 to 5 after the overall score."""
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        given = {}
        if self.instance.pk and self.criteria:
            given = dict(self.instance.criterion_scores.values_list("criterion_id", "score"))
        fields = dict(self.fields)
        self.fields.clear()
        self.fields["score"] = fields.pop("score")
        self.fields["score"].label = "Overall score" if self.criteria else "Score"
        for criterion in self.criteria:
            self.fields[criterion.field_name] = forms.TypedChoiceField(
                choices=SCORES,
                coerce=int,
                widget=forms.RadioSelect,
                label=criterion.name,
                help_text=criterion.help_text,
                initial=given.get(criterion.pk),
            )
        self.fields.update(fields)
        self.fields["comment"].widget.attrs.update(rows=5, cols=40)
        if not self.instance.pk:  # the cursor waits where the reviewer starts typing
            self.fields["comment"].widget.attrs["autofocus"] = True

    def review_values(self):
        """The review's own fields, for save_review."""
        names = {criterion.field_name for criterion in self.criteria}
        return {name: value for name, value in self.cleaned_data.items() if name not in names}

    def criterion_scores(self):
        return {c.pk: self.cleaned_data[c.field_name] for c in self.criteria}


class ProposalReviews:
    """Mixed into ProposalAdmin: the reviews at the top of the page and the reviewer's form."""

    review_model = None  # the concrete review model

    def review_form_class(self):
        return modelform_factory(
            self.review_model,
            form=ReviewOnPageForm,
            exclude=["proposal", "reviewer"],
        )

    def may_review(self, request, review):
        action = "change" if review is not None else "add"
        return request.user.has_perm(review_permission(self.review_model, action))

    def review_form(self, proposal, *args, **kwargs):
        return self.review_form_class()(
            *args, criteria=criteria_of(proposal.event), prefix="review", **kwargs
        )

    def reviews_context(self, request, proposal, form=None):
        """The proposal's reviews with their mean overall and per criterion, and the
        signed-in user's own review form (None when they may not review it, wrote it, or
        its edition is past)."""
        reviews = list(
            self.review_model.objects.filter(proposal=proposal)
            .select_related("reviewer")
            .prefetch_related("criterion_scores")
        )
        mine = next((review for review in reviews if review.reviewer_id == request.user.pk), None)
        criteria = criteria_of(proposal.event)
        wrote_it = is_author(request.user, proposal)
        if form is None and self.may_review(request, mine) and not proposal.is_read_only:
            form = None if wrote_it else self.review_form(proposal, instance=mine)
        scores = [review.score for review in reviews]
        return {
            "reviews": [(review, scored(review, criteria)) for review in reviews],
            "criteria": criteria_means(reviews, criteria),
            "wrote_it": wrote_it,
            "reviews_mean": f"{sum(scores) / len(scores):.1f}" if scores else None,
            "reviews_wanted": call_for(proposal.event).reviews_wanted,
            "review_form": form,
            "has_my_review": mine is not None,
            "review_url": reverse(f"admin:{self._url_name('review')}", args=[proposal.pk]),
        }

    def review_view(self, request, pk):
        """Save the user's review of proposal `pk`; then its page again, or with "Save and
        next" the next proposal of its edition awaiting their review."""
        if request.method != "POST":
            return redirect(f"admin:{self._url_name('change')}", pk)
        proposal = get_object_or_404(self.model.objects.select_related("event"), pk=pk)
        mine = self.review_model.objects.filter(proposal=proposal, reviewer=request.user).first()
        if not self.may_review(request, mine):
            raise PermissionDenied("Only reviewers and organizers review proposals.")
        form = self.review_form(proposal, request.POST, instance=mine)
        if not form.is_valid():
            return self.change_page_again(request, pk, form)
        try:
            save_review(
                self.review_model,
                proposal,
                reviewer=request.user,
                scores=form.criterion_scores(),
                **form.review_values(),
            )
        except ValidationError as refusal:
            form.add_error(None, refusal)
            return self.change_page_again(request, pk, form)
        self.message_user(request, f"Your review of “{proposal.title}” is saved.", messages.SUCCESS)
        if NEXT not in request.POST:
            return redirect(f"admin:{self._url_name('change')}", pk)
        following = next_to_review(proposal, self.review_model, request.user)
        if following is not None:
            return redirect(f"admin:{self._url_name('change')}", following.pk)
        self.message_user(
            request,
            f"You have reviewed every proposal awaiting a decision in {proposal.event.name}: "
            "here they are, the highest mean score first.",
            messages.INFO,
        )
        return redirect(self.ranked_queue_url(request, proposal.event))

    def change_page_again(self, request, pk, form):
        """The proposal's page with the review form as it was sent, and its errors."""
        as_get = copy.copy(request)
        as_get.method = "GET"
        return self.change_view(as_get, str(pk), extra_context={"review_form": form})


def scored(review, criteria):
    """The review's score for each criterion, in order ("—" where it gave none: a review
    saved before the edition had criteria keeps its overall score alone)."""
    given = {row.criterion_id: row.score for row in review.criterion_scores.all()}
    return [given.get(criterion.pk, "—") for criterion in criteria]


def criteria_means(reviews, criteria):
    """Each criterion with the mean of the reviews that scored it, and how many did."""
    means = []
    for n, criterion in enumerate(criteria):
        given = [s[n] for s in (scored(review, criteria) for review in reviews) if s[n] != "—"]
        mean = f"{sum(given) / len(given):.1f}" if given else None
        means.append({"name": criterion.name, "mean": mean, "count": len(given)})
    return means


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
            raise forms.ValidationError(ALREADY_REVIEWED)
        return cleaned


class ReviewAdminBase(PastEditionsReadOnlyAdmin, RefusalsAsFormErrors, admin.ModelAdmin):
    edition_field = "proposal__event"
    list_display = ["proposal", "reviewer", "score", "created_at"]
    search_fields = ["proposal__title", "comment", "reviewer__name"]
    list_select_related = ["proposal", "reviewer"]
    autocomplete_fields = ["proposal"]

    def save_model(self, request, obj, form, change):
        """Through the review transition; a double submit that passed the form's check
        together is refused by the database and shown on the form."""
        values = {name: form.cleaned_data[name] for name in form.cleaned_data if name != "proposal"}
        with refused_by_constraints():
            saved = save_review(
                self.model,
                obj.proposal,
                reviewer=obj.reviewer,
                by=request.user,
                new=not change,
                **values,
            )
        obj.pk, obj._state.adding = saved.pk, False

    def get_readonly_fields(self, request, obj=None):
        """A review stays with its proposal: another proposal gets its own review."""
        return ["proposal"] if obj is not None else []

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
