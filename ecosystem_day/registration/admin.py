"""Registrations in the organizers' panel: settings and questions per edition, the list of
registrations with filters, search, CSV export and cancelling (through the transition)."""

import csv
import io

from django.contrib import admin, messages
from django.db import models
from django.http import HttpResponse

from ecosystem_day.event.admin_frozen import PastEditionsReadOnlyAdmin
from ecosystem_day.infra.admin_history import HistoryInline
from ecosystem_day.infra.admin_refusals import RefusalsAsFormErrors
from ecosystem_day.infra.admin_times import EventTimesAdmin

from . import admin_announcements, services  # announcements register themselves
from .models import Question, Registration, RegistrationChange, RegistrationSettings

# A spreadsheet runs a cell that starts with one of these as a formula: the export quotes it.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
CSV_COLUMNS = [
    "name",
    "email",
    "affiliation",
    "country",
    "sessions of the day",
    "time zone",
    "status",
    "registered at (UTC)",
    "answers",
]


def spreadsheet_safe(value):
    value = str(value)
    return "'" + value if value.startswith(FORMULA_START) else value


class QuestionInline(admin.TabularInline):
    model = Question
    fields = ["position", "label", "kind", "choices", "required"]
    extra = 0


@admin.register(RegistrationSettings)
class RegistrationSettingsAdmin(RefusalsAsFormErrors, PastEditionsReadOnlyAdmin, EventTimesAdmin):
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ["event", "opens_at", "closes_at", "capacity", "external_url"]

    def save_model(self, request, obj, form, change):
        """A new capacity goes through its transition: more seats go to the wait list."""
        if change and "capacity" in form.changed_data:
            others = [name for name in form.changed_data if name != "capacity"]
            if others:
                obj.save(update_fields=others)
            services.change_capacity(obj.event, obj.capacity)
        else:
            super().save_model(request, obj, form, change)


@admin.register(Question)
class QuestionAdmin(PastEditionsReadOnlyAdmin, admin.ModelAdmin):
    list_display = ["label", "event", "kind", "required", "position"]
    list_filter = ["event"]


class RegistrationChangeInline(HistoryInline):
    model = RegistrationChange
    fields = ["changed_at", "from_status", "to_status", "changed_by", "note"]


@admin.register(Registration)
class RegistrationAdmin(PastEditionsReadOnlyAdmin, admin.ModelAdmin):
    list_display = [
        "name",
        "email",
        "event",
        "sessions_of_the_day",
        "status",
        "country",
        "created_at",
    ]
    list_filter = ["event", "tracks", "status", "country"]
    search_fields = ["name", "email", "affiliation"]
    readonly_fields = [
        "event",
        "user",
        "name",
        "email",
        "affiliation",
        "country",
        "tracks",
        "time_zone",
        "status",
        "code_of_conduct_accepted_at",
        "created_at",
        "changed_at",
        "anonymised_at",
    ]
    fields = readonly_fields
    exclude = ["signed_in_at"]
    inlines = [RegistrationChangeInline, admin_announcements.ReminderInline]
    actions = ["cancel_selected", "export_csv"]
    read_only_actions = ("export_csv",)
    list_select_related = ["event"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("tracks")

    def has_add_permission(self, request):
        return False  # people register themselves, on the site

    def has_delete_permission(self, request, obj=None):
        return False  # cancel, or let them delete their data: the counts stay true

    @admin.display(description="sessions of the day")
    def sessions_of_the_day(self, registration):
        return ", ".join(track.name for track in registration.tracks.all())

    @admin.action(description="Cancel the selected registrations", permissions=["change"])
    def cancel_selected(self, request, queryset):
        cancelled = 0
        for registration in queryset.filter(status__in=services.ACTIVE_STATES):
            services.cancel_registration(
                registration, by=request.user, by_organizer=True, note="Cancelled by organizers."
            )
            cancelled += 1
        self.message_user(request, f"{cancelled} registration(s) cancelled.", messages.SUCCESS)

    @admin.action(description="Export the selected registrations as CSV", permissions=["view"])
    def export_csv(self, request, queryset):
        """One row a registration, safe to open in a spreadsheet."""
        registrations = queryset.select_related("event").prefetch_related(
            "tracks", "answers__question"
        )
        stream = io.StringIO()
        writer = csv.writer(stream, lineterminator="\r\n")
        writer.writerow(CSV_COLUMNS)
        for registration in registrations:
            row = [
                registration.name,
                registration.email,
                registration.affiliation,
                registration.country.name if registration.country else "",
                "; ".join(track.name for track in registration.tracks.all()),
                registration.time_zone,
                registration.get_status_display(),
                registration.created_at.isoformat(),
                "; ".join(
                    f"{answer.question.label}: {answer.value}"
                    for answer in registration.answers.all()
                ),
            ]
            writer.writerow([spreadsheet_safe(value) for value in row])
        response = HttpResponse(stream.getvalue(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="registrations.csv"'
        return response
