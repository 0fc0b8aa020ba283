"""Each edition's way of reviewing, for organizers: blind or not, and the criteria each review
scores (name, what a reviewer weighs, order). A past edition's are read-only."""

from django.contrib import admin

from ecosystem_day.event.admin_editions import EditionFilter
from ecosystem_day.event.admin_frozen import PastEditionsReadOnlyAdmin

from .review_models import ReviewCriterion, ReviewSettings


class ReviewCriterionInline(admin.StackedInline):
    model = ReviewCriterion
    fields = ["name", "help_text", "position"]
    extra = 1

    def _writable(self, request, obj):
        return obj is None or not obj.event.is_read_only

    def has_add_permission(self, request, obj=None):
        return self._writable(request, obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return self._writable(request, obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._writable(request, obj) and super().has_delete_permission(request, obj)


@admin.register(ReviewSettings)
class ReviewSettingsAdmin(PastEditionsReadOnlyAdmin, admin.ModelAdmin):
    list_display = ["__str__", "blind", "criteria_names"]
    list_filter = [EditionFilter]
    fields = ["event", "blind"]
    inlines = [ReviewCriterionInline]

    @admin.display(description="criteria")
    def criteria_names(self, settings):
        return ", ".join(criterion.name for criterion in settings.criteria.all()) or "—"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("event").prefetch_related("criteria")

    def get_readonly_fields(self, request, obj=None):
        return ["event"] if obj is not None else []
