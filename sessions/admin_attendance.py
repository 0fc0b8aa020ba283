"""Attendance in the organizers' panel: who joined which item first, read only (the join
endpoint writes it), organizers only (it names attendees)."""

from django.contrib import admin
from django.db.models import Count

from ecosystem_day.event.admin_frozen import PastEditionsReadOnlyAdmin

from .attendance import Attendance


@admin.register(Attendance)
class AttendanceAdmin(PastEditionsReadOnlyAdmin, admin.ModelAdmin):
    list_display = ["item_title", "attendee", "first_joined_at", "event"]
    list_filter = ["event", "item_title"]
    search_fields = ["item_title", "registration__name", "registration__email"]
    list_select_related = ["event", "registration"]
    date_hierarchy = "first_joined_at"

    def has_add_permission(self, request):
        return False  # only the join endpoint records a join

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description="attendee", ordering="registration__name")
    def attendee(self, attendance):
        return attendance.registration.name or "(data deleted)"

    def changelist_view(self, request, extra_context=None):
        """The count per item above the list: attendance per item at a glance."""
        per_item = (
            self.get_queryset(request)
            .values("item_title")
            .annotate(joined=Count("pk"))
            .order_by("-joined", "item_title")
        )
        extra_context = {**(extra_context or {}), "per_item": list(per_item[:50])}
        return super().changelist_view(request, extra_context)
