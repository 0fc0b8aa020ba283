from django.contrib import admin

from .admin_times import EventTimesAdmin
from .models import Event, Topic, Track


class TopicInline(admin.TabularInline):
    model = Topic
    extra = 1


@admin.register(Event)
class EventAdmin(EventTimesAdmin):
    list_display = ["name", "date", "time_zone", "cfp_deadline", "is_current"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [TopicInline]
    fieldsets = [
        (None, {"fields": ["name", "slug", "date", "time_zone", "is_current"]}),
        ("Texts", {"fields": ["tagline", "description", "call_for_posters"]}),
        ("Deadlines", {"fields": ["cfp_deadline", "breakout_deadline", "breakout_minutes"]}),
        ("Proposals", {"fields": ["summary_min_length", "summary_max_length", "reviews_wanted"]}),
    ]


@admin.register(Track)
class TrackAdmin(EventTimesAdmin):
    list_display = ["name", "event", "breakouts_start_at", "breakouts_end_at", "position"]
    list_filter = ["event"]
    prepopulated_fields = {"slug": ["name"]}
