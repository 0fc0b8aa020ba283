"""The apps' settings of an edition (the posters' call, the breakouts' length and deadline),
edited inline on the edition's page. Each app registers its inline here from its admin
module; the edition's admin shows whatever is registered, in the apps' order, and names none.
"""

from django import forms
from django.contrib import admin

from ecosystem_day.infra.admin_times import EventTimesMixin

_inlines = []
_columns = []


def register_edition_inline(inline, *, columns=()):
    """Show `inline` on every edition's page and `columns` (admin display functions taking the
    edition) in the list of editions."""
    if inline not in _inlines:
        _inlines.append(inline)
        _columns.extend(columns)


def edition_inlines():
    return list(_inlines)


def edition_columns():
    return list(_columns)


class EditionSettingsForm(forms.ModelForm):
    def has_changed(self):
        """A new edition's row is saved with its defaults untouched: every edition has one."""
        return self.instance._state.adding or super().has_changed()


class EditionSettingsInline(EventTimesMixin, admin.StackedInline):
    """One row per edition, never deleted; a past edition's is read-only like the edition."""

    form = EditionSettingsForm
    min_num = max_num = 1
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return not (obj and obj.is_read_only) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return not (obj and obj.is_read_only) and super().has_change_permission(request, obj)
