"""Breakout review (the posters' machinery) and the schedule, in the organizers' panel."""

from django import forms
from django.contrib import admin
from django.core.exceptions import NON_FIELD_ERRORS
from django.db import models
from django.urls import path

from ecosystem_day.event.admin_editions import (
    EditionFilter,
    OneEditionChoicesAdmin,
    edition_choices_filter,
)
from ecosystem_day.event.admin_frozen import PastEditionsReadOnlyAdmin
from ecosystem_day.event.models import Event
from ecosystem_day.infra import images, photos
from ecosystem_day.infra.admin_history import HistoryInline
from ecosystem_day.infra.admin_refusals import RefusalsAsFormErrors
from ecosystem_day.infra.admin_times import EventTimesAdmin
from posters.admin_assignments import AssignmentInlineBase
from posters.admin_base import ProposalAdmin, StatusChangeInlineBase
from posters.admin_reviews import ReviewAdminBase

from . import admin_editor, services
from .breakout_settings import breakout_settings_for
from .models import (
    BreakoutProposal,
    BreakoutReview,
    BreakoutReviewAssignment,
    BreakoutStatusChange,
    Room,
    ScheduleItem,
    SlotChange,
    Speaker,
)


class BreakoutStatusChangeInline(StatusChangeInlineBase):
    model = BreakoutStatusChange


class BreakoutReviewAssignmentInline(AssignmentInlineBase):
    model = BreakoutReviewAssignment


class SlotChangeInline(HistoryInline):
    model = SlotChange
    verbose_name_plural = "Place on the schedule"
    fields = ["changed_at", "changed_by", "starts_at_before", "room_before"]
    fields += ["starts_at_after", "room_after", "note"]


class ScheduledFilter(admin.SimpleListFilter):
    title = "on the schedule"
    parameter_name = "scheduled"

    def lookups(self, request, model_admin):
        return [("yes", "Scheduled"), ("no", "Not scheduled yet")]

    def queryset(self, request, queryset):
        if self.value() in ("yes", "no"):
            return queryset.filter(schedule_item__isnull=self.value() == "no")
        return queryset


@admin.register(BreakoutProposal)
class BreakoutProposalAdmin(ProposalAdmin):
    list_display = [
        "title",
        "presenter",
        "format",
        "prefers",
        "status_badge",
        "scheduled",
        "submitted",
        "review_count",
        "mean_score",
    ]
    list_filter = [
        *ProposalAdmin.list_filter,
        ScheduledFilter,
        "format",
        edition_choices_filter("preferred_track", "preferred session"),
    ]
    search_fields = ["title", "description", "submitter__name", "poster__title"]
    # the poster is public once accepted, with its authors: it names them too
    revealing_fields = ("submitter", "poster")
    revealing_columns = ("presenter",)
    revealing_search = ("submitter__name", "poster__title")
    revealing_brief = ("Presenter", "Poster")
    list_select_related = ["submitter", "preferred_track", "event", "schedule_item"]
    inlines = [BreakoutStatusChangeInline, SlotChangeInline]
    assignment_inline = BreakoutReviewAssignmentInline
    kind = "Breakouts"
    review_model = BreakoutReview
    change_status = staticmethod(services.change_breakout_status)
    change_statuses = staticmethod(services.change_breakout_statuses)
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

    def brief(self, breakout):
        return [
            ("Presenter", breakout.submitter.name),
            ("Format", breakout.get_format_display()),
            ("Poster", breakout.poster.title),
            ("Prefers", str(breakout.preferred_track or "no preference")),
        ]

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
    list_filter = [EditionFilter, "score", "proposal__format"]


@admin.register(Room)
class RoomAdmin(PastEditionsReadOnlyAdmin, admin.ModelAdmin):
    list_display = ["name", "event", "access", "join_url", "position"]
    list_filter = [EditionFilter, "access"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


class SpeakerForm(forms.ModelForm):
    """A photo goes through Pillow as poster images do; the form says why one is refused."""

    new_photo = forms.FileField(
        label="Photo",
        required=False,
        widget=forms.FileInput(attrs={"accept": "image/png,image/jpeg"}),
        help_text="A PNG or JPEG image; it replaces the current photo.",
    )

    class Meta:
        model = Speaker
        fields = ["event", "name", "affiliation", "bio", "position"]

    def clean_new_photo(self):
        upload = self.cleaned_data.get("new_photo")
        return images.clean_image(upload) if upload else None


@admin.register(Speaker)
class SpeakerAdmin(PastEditionsReadOnlyAdmin, admin.ModelAdmin):
    form = SpeakerForm
    list_display = ["name", "affiliation", "event", "position"]
    list_filter = [EditionFilter]
    search_fields = ["name", "affiliation"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if cleaned := form.cleaned_data.get("new_photo"):
            photos.store_photo(obj, *cleaned)


SLOT_FIELDS = {"track", "room", "starts_at", "breakout"}


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

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.breakout_id and "ends_at" in self.fields:
            self.fields["ends_at"].disabled = True  # it follows the start, for the length

    def clean(self):
        """A breakout placed or moved lasts the event's length: its end follows its start (an
        end typed for it is ignored). Any other edit keeps the end it has."""
        cleaned = super().clean()
        kind = cleaned.get("kind", self.instance.kind)
        breakout = cleaned.get("breakout") if "breakout" in self.fields else self.instance.breakout
        starts_at = cleaned.get("starts_at")
        placing = self.instance._state.adding or bool(SLOT_FIELDS & set(self.changed_data))
        if kind == ScheduleItem.Kind.BREAKOUT and breakout and starts_at and placing:
            cleaned["ends_at"] = starts_at + breakout_settings_for(breakout.event).length
        return cleaned

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

    def _update_errors(self, errors):
        """A problem with a field the form does not show (a scheduled breakout's own
        breakout) is shown at the top of the form, where Django would raise instead."""
        if hasattr(errors, "error_dict"):
            shown = {}
            for field, field_errors in errors.error_dict.items():
                shown.setdefault(field if field in self.fields else NON_FIELD_ERRORS, []).extend(
                    field_errors
                )
            errors = forms.ValidationError(shown)
        super()._update_errors(errors)


@admin.register(ScheduleItem)
class ScheduleItemAdmin(
    PastEditionsReadOnlyAdmin, OneEditionChoicesAdmin, RefusalsAsFormErrors, EventTimesAdmin
):
    form = ScheduleItemForm
    list_display = ["__str__", "kind", "starts_at", "ends_at", "track", "room"]
    list_filter = [
        EditionFilter,
        "kind",
        edition_choices_filter("track", "session"),
        edition_choices_filter("room", "room"),
    ]
    list_select_related = ["breakout", "track", "room"]
    search_fields = ["title", "breakout__title"]
    fieldsets = [
        (None, {"fields": ["event", "kind", "breakout", "title", "description"]}),
        ("When and where", {"fields": ["track", "room", "starts_at", "ends_at"]}),
        ("More", {"fields": ["speakers", "recording_url"]}),
    ]
    # The menus hold the edition's own breakouts and speakers (a few dozen): a plain menu
    # and boxes to tick, each labelled, where select2 and the two-box filter were not.
    formfield_overrides = {
        models.URLField: {"assume_scheme": "https"},
        models.ManyToManyField: {"widget": forms.CheckboxSelectMultiple},
    }

    change_list_template = "admin/breakouts/scheduleitem/change_list.html"

    def get_urls(self):
        editor = self.admin_site.admin_view(lambda request: admin_editor.editor_view(self, request))
        return [path("editor/", editor, name="breakouts_scheduleitem_editor"), *super().get_urls()]

    def save_model(self, request, obj, form, change):
        """A breakout placed or moved goes through its scheduling transition, which saves the
        item, with the form's other edits, once. Any other edit saves as usual."""
        if obj.kind == ScheduleItem.Kind.BREAKOUT and (
            not change or SLOT_FIELDS & set(form.changed_data)
        ):
            place = services.move_breakout if change else services.schedule_breakout
            # A refusal under lock (the breakout withdrawn meanwhile) is shown on the form.
            place(
                obj.breakout,
                track=obj.track,
                room=obj.room,
                starts_at=obj.starts_at,
                by=request.user,
                item=obj,
            )
        else:
            super().save_model(request, obj, form, change)

    def delete_model(self, request, obj):
        if obj.breakout_id:
            services.unschedule_breakout(obj.breakout, by=request.user)
        else:
            super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for item in queryset.filter(breakout__isnull=False).select_related("breakout"):
            services.unschedule_breakout(item.breakout, by=request.user)
        queryset.filter(breakout__isnull=True).delete()

    def get_readonly_fields(self, request, obj=None):
        """A scheduled breakout's item keeps its breakout: move it, or take it off."""
        if obj is not None and obj.breakout_id:
            return ["kind", "breakout"]
        return []

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        current = Event.objects.current()
        if current and "event" not in initial:
            initial["event"] = current.pk
        return initial


from . import (  # noqa: E402,F401  (register their admins, the settings and window inlines)
    admin_attendance,
    admin_breakout_settings,
    admin_breakout_window,
    admin_releases,
)
