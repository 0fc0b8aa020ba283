from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.timezone import localtime
from post_office import admin as post_office_admin  # noqa: F401  (registers before we replace)
from post_office.models import EmailTemplate

from ecosystem_day.infra import admin_outbox  # noqa: F401  (the outbox replaces post_office's Email admin)
from ecosystem_day.infra.admin_refusals import RefusalsAsFormErrors
from ecosystem_day.infra.admin_times import EventTimesAdmin
from ecosystem_day.infra.mail import check_template
from ecosystem_day.infra.mail import preview as email_preview
from ecosystem_day.infra.mail.sandbox import ALLOWED_FILTERS, ALLOWED_TAGS

from . import frozen
from .admin_edition_settings import edition_columns, edition_inlines
from .admin_editions import EditionFilter
from .admin_frozen import PastEditionsReadOnlyAdmin
from .admin_next_edition import NextEditionForm
from .admin_track_parts import track_inlines
from .edition_parts import edition_parts
from .editions import start_next_edition
from .models import Event, Topic, Track


def when(moment):
    """In the admin's zone (the current edition's), with the zone's name."""
    return date_format(localtime(moment), "M j, Y, H:i T")


class TopicInline(admin.TabularInline):
    model = Topic
    extra = 1

    def has_add_permission(self, request, obj=None):
        return not (obj and obj.is_read_only) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return not (obj and obj.is_read_only) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not (obj and obj.is_read_only) and super().has_delete_permission(request, obj)


@admin.register(Event)
class EventAdmin(RefusalsAsFormErrors, PastEditionsReadOnlyAdmin, EventTimesAdmin):
    """An edition; a past one is read-only until a superuser reopens it (with a reason)."""

    edition_field = ""  # an edition is its own edition
    list_display = ["name", "date", "time_zone", "is_current", "edition_state"]
    readonly_fields = ["edition_state", "reopenings"]
    prepopulated_fields = {"slug": ["name"]}
    fieldsets = [
        (None, {"fields": ["name", "slug", "date", "time_zone", "is_current"]}),
        ("Texts", {"fields": ["tagline", "description"]}),
    ]

    def get_inlines(self, request, obj):
        """The apps' settings of the edition first (event/admin_edition_settings.py)."""
        return [*edition_inlines(), TopicInline]

    def get_list_display(self, request):
        *before, current, state = super().get_list_display(request)
        return [*before, *edition_columns(), current, state]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related(*edition_parts())

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None:
            return fieldsets
        return [*fieldsets, ("Past edition", {"fields": ["edition_state", "reopenings"]})]

    @admin.display(description="edition")
    def edition_state(self, event):
        if event.is_current:
            return "Current"
        if not event.is_past:
            return "Upcoming"
        if event.reopened_at is None:
            return "Past: read-only"
        return format_html(
            "Past, reopened by {} on {}: {}",
            event.reopened_by.name or event.reopened_by.email,
            when(event.reopened_at),
            event.reopen_reason,
        )

    @admin.display(description="reopened and closed")
    def reopenings(self, event):
        """Every reopening and closing, from the admin's log: who, when, why."""
        entries = frozen.history(event)
        if not entries:
            return "Never reopened."
        return format_html(
            "<ul>{}</ul>",
            format_html_join(
                "",
                "<li>{}, {}: {}</li>",
                (
                    (
                        when(entry.action_time),
                        entry.user.name or entry.user.email,
                        entry.change_message,
                    )
                    for entry in entries
                ),
            ),
        )

    def get_urls(self):
        return [
            path(
                "<int:pk>/next-edition/",
                self.admin_site.admin_view(self.next_edition_view),
                name="ecosystem_day_event_next_edition",
            ),
            path(
                "<int:pk>/reopen/",
                self.admin_site.admin_view(self.reopen_view),
                name="ecosystem_day_event_reopen",
            ),
            path(
                "<int:pk>/close/",
                self.admin_site.admin_view(self.close_view),
                name="ecosystem_day_event_close",
            ),
            *super().get_urls(),
        ]

    def reopen_view(self, request, pk):
        """A superuser lifts the read-only rule of a past edition, saying why (recorded)."""
        return self._reopen_or_close(request, pk, frozen.reopen, ReopenForm, "Reopen")

    def close_view(self, request, pk):
        """A superuser makes a reopened edition read-only again (recorded)."""
        return self._reopen_or_close(request, pk, frozen.close, CloseForm, "Close again")

    def _reopen_or_close(self, request, pk, change, form_class, verb):
        if not request.user.is_superuser:
            raise PermissionDenied(f"Only a superuser can {verb.lower()} a past edition.")
        event = get_object_or_404(Event, pk=pk)
        form = form_class(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                event = change(event, by=request.user, reason=form.cleaned_data["reason"])
            except ValidationError as refusal:
                form.add_error(None, refusal)
            else:
                state = "reopened: it can be changed" if event.reopened_at else "read-only again"
                self.message_user(request, f"{event.name} is {state}.", messages.SUCCESS)
                return redirect("admin:ecosystem_day_event_change", event.pk)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": f"{verb} “{event.name}”",
            "event": event,
            "verb": verb,
            "form": form,
        }
        return TemplateResponse(request, "admin/ecosystem_day/event/reopen.html", context)

    def next_edition_view(self, request, pk):
        """Start the next edition from this one: its texts, topics, sessions and rooms, with
        every date moved to the new day."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        previous = get_object_or_404(Event, pk=pk)
        form = NextEditionForm(request.POST or None, previous=previous)
        if request.method == "POST" and form.is_valid():
            try:
                edition = start_next_edition(previous, form.next_edition(), by=request.user)
            except ValidationError as refusal:
                form.add_error(None, refusal)
            else:
                days = (edition.date - previous.date).days
                self.message_user(
                    request,
                    f"“{edition.name}” starts from “{previous.name}”, every date moved by {days} "
                    "days. It is not current yet: tick “is current” when its pages should lead.",
                    messages.SUCCESS,
                )
                return redirect("admin:ecosystem_day_event_change", edition.pk)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": f"Start the next edition after “{previous.name}”",
            "previous": previous,
            "form": form,
        }
        return TemplateResponse(request, "admin/ecosystem_day/event/next_edition.html", context)


class ReopenForm(forms.Form):
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
        help_text="Recorded with your name and the time, and shown on the edition's page.",
    )


class CloseForm(forms.Form):
    reason = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
        help_text="Optional. Recorded with your name and the time.",
    )


@admin.register(Track)
class TrackAdmin(RefusalsAsFormErrors, PastEditionsReadOnlyAdmin, EventTimesAdmin):
    """A session of the day and its span; what the apps above keep for it is edited inline
    (admin_track_parts.py), each through its own transition."""

    list_display = ["name", "event", "starts_at", "ends_at", "position"]
    list_filter = [EditionFilter]
    prepopulated_fields = {"slug": ["name"]}

    def get_inlines(self, request, obj):
        return track_inlines()


class EmailTemplateForm(forms.ModelForm):
    """Organizers' wording, refused when saved if it would not compile, reaches outside the
    sandbox's tags and filters, or would outgrow its budget with long values."""

    class Meta:
        model = EmailTemplate
        fields = ["subject", "content"]
        widgets = {"content": forms.Textarea(attrs={"rows": 16, "cols": 80})}
        help_texts = {
            "content": "Plain text. Tags: "
            + ", ".join(f"{{% {tag} %}}" for tag in ALLOWED_TAGS)
            + ". Filters: "
            + ", ".join(ALLOWED_FILTERS)
            + "."
        }

    def clean_subject(self):
        subject = self.cleaned_data["subject"]
        check_template(subject, self.instance.name, subject=True)
        return subject

    def clean_content(self):
        content = self.cleaned_data["content"]
        check_template(content, self.instance.name)
        return content


admin.site.unregister(EmailTemplate)


@admin.register(EmailTemplate)
class EmailTemplateAdmin(admin.ModelAdmin):
    """The wording of every email; organizers change it, nobody adds or deletes one."""

    form = EmailTemplateForm
    list_display = ["name", "subject", "description"]
    search_fields = ["name", "subject", "content"]
    fields = ["name", "description", "subject", "content", "preview"]
    readonly_fields = ["name", "description", "preview"]

    @admin.display(description="preview with sample values")
    def preview(self, template):
        try:
            subject, body = email_preview(template)
        except ValidationError as error:
            return " ".join(error.messages)
        return format_html('<pre class="email-preview">{}\n\n{}</pre>', subject, body)

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
