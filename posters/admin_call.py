"""The call for posters, edited on its edition's page; its deadline a column of the editions."""

from django.contrib import admin

from ecosystem_day.event.admin_edition_settings import (
    EditionSettingsInline,
    register_edition_inline,
)

from .call import CallForPosters, call_for


class CallForPostersInline(EditionSettingsInline):
    model = CallForPosters
    fields = ["guidance", "deadline", "summary_min_length", "summary_max_length", "reviews_wanted"]


@admin.display(description="poster deadline", ordering="call_for_posters__deadline")
def poster_deadline(event):
    return call_for(event).deadline


register_edition_inline(CallForPostersInline, columns=[poster_deadline])
