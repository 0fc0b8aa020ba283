"""The outbox: organizers read every message (sent, waiting, failed) and resend a failed one.

It replaces post_office's own Email admin, which let anyone with the permission read a
password-reset link, edit a message or send it again. Here everything is read-only, every
link that acts for its recipient is hidden (ecosystem_day/infra/mail/outbox.py), and resending goes
through `resend_failed`, which refuses a message that was sent.
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.urls import path
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.timezone import localtime
from post_office import admin as post_office_admin  # noqa: F401  (registers before we replace)
from post_office.models import STATUS, Email

from .mail import redacted, registered_templates, resend_failed

RESEND_PERMISSION = "post_office.change_email"  # held by organizers; nothing else is editable
STATES = {
    "waiting": ("Waiting to be sent", [STATUS.queued, STATUS.requeued]),
    "sent": ("Sent", [STATUS.sent]),
    "failed": ("Failed", [STATUS.failed]),
}
STATE_OF = {status: key for key in STATES for status in STATES[key][1]}


def when(moment):
    return date_format(localtime(moment), "M j, Y, H:i T") if moment else "—"


class StateFilter(admin.SimpleListFilter):
    """Queued and requeued are one state to an organizer: not sent yet."""

    title = "state"
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [(key, STATES[key][0]) for key in STATES]

    def queryset(self, request, queryset):
        if self.value() in STATES:
            return queryset.filter(status__in=STATES[self.value()][1])
        return queryset


class KindFilter(admin.SimpleListFilter):
    """Which email it is (the registered templates: no query to list them)."""

    title = "kind"
    parameter_name = "kind"

    def lookups(self, request, model_admin):
        return [(name, name) for name in sorted(registered_templates())]

    def queryset(self, request, queryset):
        return queryset.filter(template__name=self.value()) if self.value() else queryset


admin.site.unregister(Email)


@admin.register(Email)
class OutboxAdmin(admin.ModelAdmin):
    """Every message, read-only, its secret links hidden; a failed one can be resent."""

    change_form_template = "admin/post_office/email/outbox_message.html"
    list_display = ["recipient", "subject", "state", "kind", "created", "last_updated"]
    list_display_links = ["recipient", "subject"]
    list_filter = [StateFilter, KindFilter]
    list_select_related = ["template"]
    search_fields = ["to", "subject"]
    ordering = ["-created", "-pk"]
    actions = ["resend"]
    fields = [
        "recipient",
        "from_email",
        "subject",
        "state",
        "kind",
        "created_at",
        "last_updated_at",
        "attempts",
        "body",
        "delivery_log",
    ]
    readonly_fields = fields

    class Media:
        css = {"all": ["admin_desk/outbox.css"]}

    def changelist_view(self, request, extra_context=None):
        title = {"title": "Outbox: every email, the newest first"}
        return super().changelist_view(request, {**title, **(extra_context or {})})

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("template")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_resend_permission(self, request, obj=None):
        return request.user.has_perm(RESEND_PERMISSION)

    @admin.display(description="to", ordering="to")
    def recipient(self, email):
        return ", ".join(email.to)

    @admin.display(description="state", ordering="status")
    def state(self, email):
        key = STATE_OF.get(email.status, "waiting")
        return format_html('<span class="mail-state mail-{}">{}</span>', key, STATES[key][0])

    @admin.display(description="kind", ordering="template__name")
    def kind(self, email):
        return email.template.name if email.template_id else "—"

    @admin.display(description="written")
    def created_at(self, email):
        return when(email.created)

    @admin.display(description="last change")
    def last_updated_at(self, email):
        return when(email.last_updated)

    @admin.display(description="failed deliveries")
    def attempts(self, email):
        return email.number_of_retries or 0

    @admin.display(description="message")
    def body(self, email):
        """The text as sent, with every link that acts for the recipient hidden."""
        return format_html('<pre class="email-body">{}</pre>', redacted(email.message or ""))

    @admin.display(description="delivery log")
    def delivery_log(self, email):
        logs = email.logs.order_by("date")
        if not logs:
            return "Nothing yet: not handed to the mail server."
        return format_html(
            "<ul>{}</ul>",
            format_html_join(
                "",
                "<li>{}: {} {}</li>",
                (
                    (
                        when(log.date),
                        log.get_status_display(),
                        redacted(f"({log.exception_type}: {log.message})" if log.message else ""),
                    )
                    for log in logs
                ),
            ),
        )

    @admin.action(description="Resend the selected failed emails", permissions=["resend"])
    def resend(self, request, queryset):
        self._resend(request, list(queryset))

    def _resend(self, request, emails):
        requeued, refused = resend_failed(emails, by=request.user)
        if requeued:
            count = len(requeued)
            self.message_user(
                request,
                f"{count} email{'s are' if count != 1 else ' is'} queued again; the mail "
                "worker sends it within a minute.",
                messages.SUCCESS,
            )
        for refusal in refused:
            self.message_user(request, str(refusal), messages.WARNING)

    def get_urls(self):
        return [
            path(
                "<int:pk>/resend/",
                self.admin_site.admin_view(self.resend_view),
                name="post_office_email_resend",
            ),
            *super().get_urls(),
        ]

    def resend_view(self, request, pk):
        """The button on a failed message's page: the same transition as the action."""
        if not self.has_resend_permission(request):
            raise PermissionDenied("Resending is for organizers.")
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        self._resend(request, [get_object_or_404(Email, pk=pk)])
        return redirect("admin:post_office_email_change", pk)

    def render_change_form(self, request, context, *args, obj=None, **kwargs):
        context["can_resend"] = (
            obj is not None and obj.status == STATUS.failed and self.has_resend_permission(request)
        )
        return super().render_change_form(request, context, *args, obj=obj, **kwargs)
