"""A record's history shown on its admin page: rows nobody adds, edits or deletes there."""

from django.contrib import admin


class HistoryInline(admin.TabularInline):
    """Read-only rows in the desk's compact table; `fields` are all shown, none editable."""

    template = "admin/desk/readonly_tabular.html"
    extra = 0
    can_delete = False

    def get_readonly_fields(self, request, obj=None):
        return self.fields

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False
