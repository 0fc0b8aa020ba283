"""Times in the admin are typed and read in the event's zone, and every time field says so.

AdminInEventTimeZoneMiddleware activates the current event's zone for /admin/; here each
date-and-time field names that zone in its help text and its time input's label, and its
two inputs (date, time) get a <label> each, which Django's split widget does not give.
"""

from django.contrib import admin
from django.contrib.admin.widgets import AdminSplitDateTime
from django.db import models
from django.utils import timezone


class EventZoneSplitDateTime(AdminSplitDateTime):
    template_name = "admin/widgets/event_split_datetime.html"

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["zone"] = timezone.get_current_timezone_name()
        return context


def zone_help(help_text):
    zone = timezone.get_current_timezone_name()
    return f"{help_text} Date and time in {zone}, the event's time zone.".strip()


class EventTimesMixin:
    """Mix into an admin or an inline whose model has date-and-time fields."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        is_moment = isinstance(db_field, models.DateTimeField)
        if is_moment:
            kwargs["widget"] = EventZoneSplitDateTime
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if is_moment and field is not None:
            field.help_text = zone_help(field.help_text)
        return field


class EventTimesAdmin(EventTimesMixin, admin.ModelAdmin):
    pass
