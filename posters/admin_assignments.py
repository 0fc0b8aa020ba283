"""Assigning reviewers in the admin: an action on the queue (the ticked proposals, the reviewers
chosen on a confirmation page), an inline on the proposal's page, and "Balance reviewers"
for the whole edition. All of them go through posters/assignments.py, for organizers only.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.formats import date_format
from django.utils.timezone import localtime

from ecosystem_day.event.admin_editions import edition_shown
from ecosystem_day.event.frozen import check_writable, is_read_only

from . import assignments
from .call import call_for
from .conflicts import AUTHOR_REFUSAL, is_author
from .models import ProposalStatus as Status

CONFIRMED = "post"


def person(user):
    return user.name or user.email


class ReviewerChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return person(obj)


class AssignForm(forms.Form):
    reviewers = ReviewerChoice(
        queryset=get_user_model().objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text="Nobody is assigned a proposal they wrote or co-wrote.",
    )

    def __init__(self, *args, pool=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reviewers"].queryset = (
            get_user_model()
            .objects.filter(pk__in=[user.pk for user in pool])
            .order_by("name", "pk")
        )


class BalanceForm(forms.Form):
    per_proposal = forms.IntegerField(
        label="Reviewers per proposal",
        min_value=1,
        max_value=20,
        help_text="Each proposal awaiting a decision gets this many, counting the ones it has; "
        "the reviewers with the fewest assignments first.",
    )


class AssignmentFormSet(forms.BaseInlineFormSet):
    def clean(self):
        super().clean()
        for form in self.forms:
            reviewer = form.cleaned_data.get("reviewer") if form.is_valid() else None
            kept = reviewer and not form.cleaned_data.get("DELETE")
            if kept and is_author(reviewer, self.instance):
                form.add_error("reviewer", AUTHOR_REFUSAL.format(title=self.instance.title))


class AssignmentInlineBase(admin.StackedInline):
    """The proposal's reviewers, for organizers: saved through posters/assignments.py."""

    formset = AssignmentFormSet
    fields = ["reviewer", "assigned_by", "assigned"]
    readonly_fields = ["assigned_by", "assigned"]
    extra = 1
    verbose_name = "assigned reviewer"
    verbose_name_plural = "Assigned reviewers"

    @admin.display(description="assigned at")
    def assigned(self, assignment):
        """When, in the edition's zone with its name; nothing yet on the blank row."""
        if assignment.pk is None:
            return "—"
        moment = localtime(assignment.assigned_at, assignment.proposal.event.tz)
        return date_format(moment, "M j, Y H:i T")

    def organizer(self, request, obj):
        writable = obj is None or not is_read_only(obj.event)
        return writable and request.user.has_perm(self.parent_model.decide_permission)

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm(self.parent_model.decide_permission)

    def has_add_permission(self, request, obj=None):
        return self.organizer(request, obj)

    def has_change_permission(self, request, obj=None):
        return self.organizer(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self.organizer(request, obj)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "reviewer":
            review_model = self.parent_model._meta.get_field("reviews").related_model
            pool = assignments.reviewer_pool(review_model)
            kwargs["queryset"] = get_user_model().objects.filter(pk__in=[u.pk for u in pool])
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class ProposalAssignments:
    """Mixed into ProposalAdmin: the assign action, the balance page, the inline's saving."""

    assignment_inline = None  # the concrete AssignmentInlineBase

    def get_inlines(self, request, obj):
        inlines = list(super().get_inlines(request, obj))
        return [self.assignment_inline, *inlines] if self.assignment_inline else inlines

    def save_formset(self, request, form, formset, change):
        """The inline's rows through assign/unassign, never saved by the formset itself."""
        if formset.model is not assignments.assignment_model(self.model):
            return super().save_formset(request, form, formset, change)
        proposal = form.instance
        formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
        for row in formset.forms:
            if not row.has_changed() or not row.cleaned_data:
                continue
            before = row.instance.pk and type(row.instance).objects.get(pk=row.instance.pk)
            if before and (row.cleaned_data.get("DELETE") or "reviewer" in row.changed_data):
                assignments.unassign(self.model, proposal, before.reviewer, by=request.user)
                formset.deleted_objects.append(before)
            if not row.cleaned_data.get("DELETE") and row.cleaned_data.get("reviewer"):
                done = assignments.assign(
                    self.model, [proposal], [row.cleaned_data["reviewer"]], by=request.user
                )
                formset.new_objects.extend(done.made)

    def review_model_of(self):
        return self.model._meta.get_field("reviews").related_model

    @admin.action(description="Assign reviewers to the selected proposals…", permissions=["decide"])
    def assign_reviewers(self, request, queryset):
        """First a page to choose the reviewers; once confirmed, one assignment for all."""
        pool = assignments.reviewer_pool(self.review_model_of())
        form = AssignForm(request.POST if CONFIRMED in request.POST else None, pool=pool)
        rows = list(queryset.order_by("-created_at", "-pk"))
        if form.is_valid():
            done = assignments.assign(
                self.model, rows, list(form.cleaned_data["reviewers"]), by=request.user
            )
            self.report(request, done)
            return None
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": f"Assign reviewers to {len(rows)} {self.opts.verbose_name_plural}",
            "rows": rows,
            "form": form,
            "action_checkbox_name": ACTION_CHECKBOX_NAME,
            "back_url": request.get_full_path(),
        }
        return TemplateResponse(request, "admin/assign_reviewers.html", context)

    def report(self, request, done):
        self.message_user(
            request,
            f"{len(done.made)} assignment(s) made"
            + (f"; {done.already} were already there" if done.already else "")
            + ".",
            messages.SUCCESS,
        )
        for proposal, reviewer in done.authors:
            self.message_user(
                request,
                f"{person(reviewer)} was not assigned “{proposal.title}”: they wrote it.",
                messages.WARNING,
            )
        if done.short:
            self.message_user(
                request,
                f"{len(done.short)} proposal(s) have fewer reviewers than asked: there are "
                "not enough reviewers who did not write them.",
                messages.WARNING,
            )

    def balance_view(self, request):
        """Balance the edition shown: N reviewers per proposal awaiting a decision."""
        if not self.has_decide_permission(request):
            raise PermissionDenied
        try:
            edition = edition_shown(request, self.edition_field)
        except IncorrectLookupParameters:
            edition = None
        if edition is None:
            raise PermissionDenied("Choose an edition first.")
        check_writable(edition)
        form = BalanceForm(
            request.POST or None, initial={"per_proposal": call_for(edition).reviews_wanted}
        )
        if request.method == "POST" and form.is_valid():
            try:
                done = assignments.balance(
                    self.model,
                    edition,
                    per_proposal=form.cleaned_data["per_proposal"],
                    by=request.user,
                )
            except ValidationError as refusal:
                form.add_error(None, refusal)
            else:
                self.report(request, done)
                return redirect(self.queue_url(edition))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": f"Balance reviewers — {edition.name}",
            "edition": edition,
            "form": form,
            "awaiting": self.model.objects.filter(event=edition, status=Status.SUBMITTED).count(),
            "pool": assignments.reviewer_pool(self.review_model_of()),
            "back_url": self.queue_url(edition),
        }
        return TemplateResponse(request, "admin/balance_reviewers.html", context)
