"""Breakout review (the posters' machinery) and the schedule, in the organizers' panel."""

from django import forms
from django.contrib import admin
from django.db import models

from ecosystem_day.models import Event
from posters.admin_base import (
    ProposalAdmin,
    ReviewAdminBase,
    ReviewInlineBase,
    StatusChangeInlineBase,
)

from . import services
from .models import (
    BreakoutProposal,
    BreakoutReview,
    BreakoutStatusChange,
    Room,
    ScheduleItem,
    Speaker,
    Track,
)


class BreakoutReviewInline(ReviewInlineBase):
    model = BreakoutReview


class BreakoutStatusChangeInline(StatusChangeInlineBase):
    model = BreakoutStatusChange


@admin.register(BreakoutProposal)
class BreakoutProposalAdmin(ProposalAdmin):
    list_display = [
        "title",
        "presenter",
        "format",
        "prefers",
        "status",
        "scheduled",
        "submitted",
        "review_count",
        "mean_score",
    ]
    list_filter = ["status", "format", "preferred_track"]
    search_fields = ["title", "description", "submitter__name", "poster__title"]
    list_select_related = ["submitter", "preferred_track", "event", "schedule_item"]
    inlines = [BreakoutReviewInline, BreakoutStatusChangeInline]
    review_model = BreakoutReview
    readonly_fields = ["event", "submitter", "poster", "status", "created_at", "updated_at"]
    fields = [
        "status",
        "event",
        "submitter",
        "poster",
        "title",
        "format",
        "preferred_track",
        "description",
        "created_at",
        "updated_at",
    ]
    view_on_site = False

    @admin.display(ordering="submitter__name")
    def presenter(self, breakout):
        return breakout.submitter.name

    @admin.display(description="prefers", ordering="preferred_track__position")
    def prefers(self, breakout):
        return breakout.preferred_track or "—"

    @admin.display(description="scheduled", boolean=True)
    def scheduled(self, breakout):
        return hasattr(breakout, "schedule_item")


@admin.register(BreakoutReview)
class BreakoutReviewAdmin(ReviewAdminBase):
    list_filter = ["score", "proposal__format"]


@admin.register(Track)
class TrackAdmin(admin.ModelAdmin):
    list_display = ["name", "event", "breakouts_start_at", "breakouts_end_at", "position"]
    list_filter = ["event"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Room)
class RoomAdmin(admin.ModelAdmin):
    list_display = ["name", "event", "join_url", "position"]
    list_filter = ["event"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


@admin.register(Speaker)
class SpeakerAdmin(admin.ModelAdmin):
    list_display = ["name", "affiliation", "event", "position"]
    list_filter = ["event"]
    search_fields = ["name", "affiliation"]


class ScheduleItemForm(forms.ModelForm):
    recording_url = forms.URLField(
        label="Recording link", required=False, max_length=500, assume_scheme="https"
    )

    class Meta:
        model = ScheduleItem
        fields = [
            "event",
            "kind",
            "breakout",
            "title",
            "description",
            "track",
            "room",
            "starts_at",
            "ends_at",
            "speakers",
            "recording_url",
        ]

    def _post_clean(self):
        super()._post_clean()
        if self.errors:
            return
        # The presenter is set by the model, not the form, so Django would skip the
        # constraint that uses it: check every constraint now, as the database will.
        try:
            self.instance.validate_constraints()
        except forms.ValidationError as error:
            self._update_errors(error)


@admin.register(ScheduleItem)
class ScheduleItemAdmin(admin.ModelAdmin):
    form = ScheduleItemForm
    list_display = ["__str__", "kind", "starts_at", "ends_at", "track", "room"]
    list_filter = ["event", "kind", "track", "room"]
    list_select_related = ["breakout", "track", "room"]
    search_fields = ["title", "breakout__title"]
    autocomplete_fields = ["breakout"]
    filter_horizontal = ["speakers"]
    fieldsets = [
        (None, {"fields": ["event", "kind", "breakout", "title", "description"]}),
        ("When and where", {"fields": ["track", "room", "starts_at", "ends_at"]}),
        ("More", {"fields": ["speakers", "recording_url"]}),
    ]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        services.breakout_slot_saved(obj, created=not change, changed_fields=form.changed_data)

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        current = Event.objects.current()
        if current and "event" not in initial:
            initial["event"] = current.pk
        return initial
