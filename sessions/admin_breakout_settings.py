"""The breakout settings, edited on their edition's page. A new length goes through its
transition: the scheduled breakouts follow it, or it is refused naming those it would break
(shown on the form, nothing saved)."""

from django.forms.models import BaseInlineFormSet

from ecosystem_day.event.admin_edition_settings import (
    EditionSettingsInline,
    register_edition_inline,
)

from . import services
from .breakout_settings import BreakoutSettings


class BreakoutSettingsFormSet(BaseInlineFormSet):
    by = None  # the organizer saving, set per request

    def save_existing(self, form, obj, commit=True):
        if "minutes" in form.changed_data:
            return services.change_breakout_length(obj, minutes=obj.minutes, by=self.by)
        return super().save_existing(form, obj, commit)


class BreakoutSettingsInline(EditionSettingsInline):
    model = BreakoutSettings
    formset = BreakoutSettingsFormSet
    fields = ["deadline", "minutes"]

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        return type(formset.__name__, (formset,), {"by": request.user})


register_edition_inline(BreakoutSettingsInline)
