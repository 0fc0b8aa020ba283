"""A past edition's objects in the admin: shown read-only (the view permission stays), never
changed, deleted or acted on. A refused attempt says why; the rule is ecosystem_day/event/frozen.py.
"""

from django.contrib import messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.utils import unquote
from django.core.exceptions import ObjectDoesNotExist

from . import frozen
from .admin_editions import edition_shown
from .models import Event


class PastEditionsReadOnlyAdmin:
    """Mix in first, before admin.ModelAdmin (or a mixin that reaches it)."""

    edition_field = "event"  # the lookup from an object to its edition; "" for an edition
    read_only_actions = ()  # actions that change nothing (an export), allowed on past editions

    def edition_of(self, obj):
        try:
            for name in filter(None, self.edition_field.split("__")):
                obj = getattr(obj, name)
        except ObjectDoesNotExist:  # a new object, its edition not chosen yet
            return None
        return obj

    def read_only_edition(self, obj):
        """The past edition `obj` belongs to, or None while it may change."""
        edition = self.edition_of(obj) if obj is not None else None
        return edition if edition is not None and frozen.is_read_only(edition) else None

    def has_change_permission(self, request, obj=None):
        if self.read_only_edition(obj):
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if self.read_only_edition(obj):
            return False
        return super().has_delete_permission(request, obj)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        """A past edition's object is shown with the reason it cannot change; a POST is a 403
        that says it."""
        obj = self.get_object(request, unquote(object_id)) if object_id else None
        edition = self.read_only_edition(obj)
        if edition is not None:
            if request.method == "POST":
                raise frozen.PastEditionReadOnly(edition)
            self.message_user(request, self.read_only_message(edition), messages.INFO)
            extra_context = {**(extra_context or {}), "read_only_edition": edition}
        return super().changeform_view(request, object_id, form_url, extra_context)

    def delete_view(self, request, object_id, extra_context=None):
        edition = self.read_only_edition(self.get_object(request, unquote(object_id)))
        if edition is not None:
            raise frozen.PastEditionReadOnly(edition)
        return super().delete_view(request, object_id, extra_context)

    def read_only_message(self, edition):
        return f"{frozen.PastEditionReadOnly(edition)} Only a superuser can reopen it."

    def get_form(self, request, obj=None, **kwargs):
        """An object added to, or moved into, a past edition is refused by the form."""
        form_class = super().get_form(request, obj, **kwargs)
        if not self.edition_field:
            return form_class  # an edition itself: organizers untick "current" on the last one
        admin = self

        class RefusingPastEditions(form_class):
            def _post_clean(self):
                super()._post_clean()
                edition = admin.read_only_edition(self.instance)
                if edition is not None:
                    self.add_error(None, str(frozen.PastEditionReadOnly(edition)))

        return RefusingPastEditions

    def save_model(self, request, obj, form, change):
        if self.edition_field:
            frozen.check_writable(self.edition_of(obj))
        super().save_model(request, obj, form, change)

    def delete_model(self, request, obj):
        frozen.check_writable(self.edition_of(obj))
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for edition in self.editions_in(queryset):
            frozen.check_writable(edition)
        super().delete_queryset(request, queryset)

    def editions_in(self, queryset):
        if not self.edition_field:
            return list(queryset)
        return list(Event.objects.filter(pk__in=queryset.values(self.edition_field)))

    def get_actions(self, request):
        """Actions that write are hidden on a list filtered to a past edition, and refuse a
        selection holding any of a past edition's objects, with a message."""
        actions = super().get_actions(request)
        if self.filtered_on_read_only_edition(request):
            return {name: actions[name] for name in actions if name in self.read_only_actions}
        for name in set(actions) - set(self.read_only_actions):
            func, *rest = actions[name]
            actions[name] = (refusing_past_editions(func), *rest)
        return actions

    def filtered_on_read_only_edition(self, request):
        """The list shows a past edition (the one chosen, or a current one that is past)."""
        if not self.edition_field:
            return False
        try:
            edition = edition_shown(request, self.edition_field)
        except IncorrectLookupParameters:
            return False
        return edition is not None and frozen.is_read_only(edition)


def refusing_past_editions(action):
    """`action`, run only on a selection with nothing of a past edition."""

    def refusing(modeladmin, request, queryset):
        # What was ticked counts, even where the list's filters would leave it out.
        ticked = [pk for pk in request.POST.getlist(ACTION_CHECKBOX_NAME) if pk.isdigit()]
        selection = [queryset, modeladmin.model.objects.filter(pk__in=ticked)]
        past = {
            edition
            for rows in selection
            for edition in modeladmin.editions_in(rows)
            if edition.is_read_only
        }
        if past:
            names = " and ".join(sorted(edition.name for edition in past))
            said = "is a past edition: it is" if len(past) == 1 else "are past editions: they are"
            modeladmin.message_user(
                request,
                f"{names} {said} read-only. Nothing was done to the selection.",
                messages.ERROR,
            )
            return None
        return action(modeladmin, request, queryset)

    refusing.__name__ = getattr(action, "__name__", "action")
    return refusing
