"""Each session of the day's breakout window, edited on the session's admin page. A new window
goes through its transition: refused, naming them, if it would leave scheduled breakouts
outside (shown on the form, nothing saved); a window the session's span (as typed on the same
page) does not hold is refused by the form."""

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet

from ecosystem_day.event.admin_track_parts import register_track_inline
from ecosystem_day.infra.admin_times import EventTimesMixin

from .breakout_window import BreakoutWindow, check_inside_span
from .window_changes import change_breakout_window

TIMES = ("starts_at", "ends_at")


class BreakoutWindowFormSet(BaseInlineFormSet):
    by = None  # the organizer saving, set per request

    def clean(self):
        super().clean()
        track = self.instance
        if None in (track.starts_at, track.ends_at) or not track.event_id:
            return  # the session's own form says what is missing
        for form in self.forms:
            starts_at, ends_at = (form.cleaned_data.get(name) for name in TIMES)
            if starts_at and ends_at:
                try:
                    check_inside_span(track, starts_at, ends_at)
                except ValidationError as refusal:
                    form.add_error(None, refusal)

    def _change(self, form):
        return change_breakout_window(
            self.instance, **{name: form.cleaned_data[name] for name in TIMES}, by=self.by
        )

    def save_new(self, form, commit=True):
        return self._change(form)

    def save_existing(self, form, obj, commit=True):
        if set(TIMES) & set(form.changed_data):
            return self._change(form)
        return super().save_existing(form, obj, commit)


class BreakoutWindowInline(EventTimesMixin, admin.StackedInline):
    """One window per session; a past edition's is read-only like the session."""

    model = BreakoutWindow
    formset = BreakoutWindowFormSet
    fields = list(TIMES)
    min_num = max_num = 1
    extra = 0
    can_delete = False

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        return type(formset.__name__, (formset,), {"by": request.user})

    def has_add_permission(self, request, obj=None):
        return not (obj and obj.event.is_read_only) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return not (obj and obj.event.is_read_only) and super().has_change_permission(request, obj)


register_track_inline(BreakoutWindowInline)
