"""Announcements in the organizers' panel: write one (subject and text, sent as typed), see who
it goes to and how the sending goes, and send it from a confirmation page, once. And each
registration's reminders on its page, with whether they went out."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from post_office.models import STATUS

from ecosystem_day.event.admin_editions import EditionFilter
from ecosystem_day.event.admin_frozen import PastEditionsReadOnlyAdmin
from ecosystem_day.event.frozen import check_writable
from ecosystem_day.event.models import Event
from ecosystem_day.infra.admin_history import HistoryInline

from .announcements import Announcement, per_minute, send_announcement
from .reminders import PENDING, Reminder

SEND_URL = "admin:registration_announcement_send"
REMINDER_STATES = {STATUS.sent: "Sent", STATUS.failed: "Failed"}


def progress(announcement):
    """ "120 sent · 30 waiting · 0 failed, of 150" (annotated by the admin's queryset)."""
    if announcement.sent_at is None:
        return "Not sent yet"
    return (
        f"{announcement.sent_count} sent · {announcement.waiting_count} waiting · "
        f"{announcement.failed_count} failed, of {announcement.recipients}"
    )


def with_progress(queryset):
    def counted(statuses):
        return Count("messages", filter=Q(messages__email__status__in=statuses))

    return queryset.annotate(
        sent_count=counted([STATUS.sent]),
        waiting_count=counted(PENDING),
        failed_count=counted([STATUS.failed]),
    )


@admin.register(Announcement)
class AnnouncementAdmin(PastEditionsReadOnlyAdmin, admin.ModelAdmin):
    list_display = ["subject", "event", "audience", "created_at", "sent_at", "progress"]
    list_filter = [EditionFilter]
    search_fields = ["subject", "text"]
    fields = ["event", "track", "subject", "text"]
    sent_fields = ["created_by", "created_at", "sent_by", "sent_at", "progress"]
    list_select_related = ["event", "track"]

    def get_queryset(self, request):
        return with_progress(super().get_queryset(request))

    def get_fields(self, request, obj=None):
        if obj is None:
            return self.fields
        return [*self.fields, *self.sent_fields, "sending"]

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.sent_at is not None:
            return [*self.fields, *self.sent_fields, "sending"]  # it went out: it stays as sent
        return [*self.sent_fields, "sending"] if obj is not None else []

    def get_changeform_initial_data(self, request):
        current = Event.objects.current()
        return {"event": current.pk} if current else {}

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.sent_at is not None:
            return False
        return super().has_delete_permission(request, obj)

    def save_model(self, request, obj, form, change):
        check_writable(obj.event)
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    @admin.display(description="audience")
    def audience(self, announcement):
        return announcement.audience()

    @admin.display(description="progress")
    def progress(self, announcement):
        return progress(announcement)

    @admin.display(description="send")
    def sending(self, announcement):
        if announcement.sent_at is not None:
            return "Sent: it goes out once."
        return format_html(
            '<a class="button" href="{}">Send to {} registrant(s)…</a>',
            reverse(SEND_URL, args=[announcement.pk]),
            announcement.registrations().count(),
        )

    def get_urls(self):
        send = self.admin_site.admin_view(self.send_view)
        return [
            path("<int:pk>/send/", send, name="registration_announcement_send"),
            *super().get_urls(),
        ]

    def send_view(self, request, pk):
        """A confirmation page (who gets it, how long it takes, the text as sent), then the
        transition: of two clicks at once, one sends and the other is told it was sent."""
        announcement = get_object_or_404(with_progress(Announcement.objects), pk=pk)
        check_writable(announcement.event)  # a 403 that says why, before the permission's
        if not self.has_change_permission(request, announcement):
            raise PermissionDenied
        change_url = reverse("admin:registration_announcement_change", args=[pk])
        if request.method == "POST":
            try:
                sent = send_announcement(announcement, by=request.user)
            except ValidationError as refusal:
                self.message_user(request, " ".join(refusal.messages), messages.WARNING)
            else:
                self.message_user(
                    request,
                    f"“{sent.subject}” is queued for {sent.recipients} registrant(s), "
                    f"{per_minute()} a minute; its progress is below.",
                    messages.SUCCESS,
                )
            return redirect(change_url)
        recipients = announcement.registrations().count()
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": f"Send “{announcement.subject}”?",
            "announcement": announcement,
            "recipients": recipients,
            "per_minute": per_minute(),
            "minutes": -(-recipients // per_minute()),
            "change_url": change_url,
        }
        return TemplateResponse(request, "admin/registration/announcement/send.html", context)


class ReminderInline(HistoryInline):
    """A registration's reminders on its page: what, when (UTC) and whether it went out."""

    model = Reminder
    fields = ["kind", "item_guid", "send_at", "state"]
    verbose_name_plural = "reminders (times in UTC)"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("email").order_by("send_at")

    @admin.display(description="state")
    def state(self, reminder):
        if reminder.email is None:
            return "Sent (no longer in the outbox)"
        return REMINDER_STATES.get(reminder.email.status, "Waiting")
