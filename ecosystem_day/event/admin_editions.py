"""The desk shows one edition at a time: the current one, unless the organizer switches.

A list's `EditionFilter` holds the edition shown (its parameter is the one the index's links
and the past-edition rule already use, `<edition_field>__id__exact`); `edition_shown` tells
titles, counts and choices which edition that is, reading the editions once per request.
"""

from django.contrib import admin
from django.contrib.admin.options import IncorrectLookupParameters
from django.core.exceptions import FieldDoesNotExist

from .edition_parts import edition_parts
from .models import Event


def edition_parameter(edition_field):
    return f"{edition_field}__id__exact"


def editions(request):
    """Every edition, newest first, read once per request."""
    if not hasattr(request, "_desk_editions"):
        request._desk_editions = list(
            Event.objects.select_related(*edition_parts()).order_by("-date", "-pk")
        )
    return request._desk_editions


def edition_shown(request, edition_field="event"):
    """The edition a list or form of the desk is about: the one chosen in the query string,
    else the current one (None when there is no edition yet, or the choice names none)."""
    chosen = request.GET.get(edition_parameter(edition_field), "")
    if chosen and not chosen.isdigit():
        raise IncorrectLookupParameters(f"No edition {chosen!r}.")
    for edition in editions(request):
        if (str(edition.pk) == chosen) if chosen else edition.is_current:
            return edition
    return None


class WithoutAllChoice:
    """A list filter's choices without Django's "All": the filter always narrows the list
    (an edition, or the queue's opening status), so each choice is one of its lookups."""

    def choices(self, changelist):
        for lookup, title in self.lookup_choices:
            yield {
                "selected": self.value() == lookup,
                "query_string": changelist.get_query_string({self.parameter_name: lookup}),
                "display": title,
            }


class EditionFilter(WithoutAllChoice, admin.SimpleListFilter):
    """One edition at a time, the current one by default; the others a click away."""

    title = "edition"
    parameter_name = "event__id__exact"  # set from the admin's edition_field

    def __init__(self, request, params, model, model_admin):
        self.edition_field = getattr(model_admin, "edition_field", "event")
        self.parameter_name = edition_parameter(self.edition_field)
        self.shown = edition_shown(request, self.edition_field)
        super().__init__(request, params, model, model_admin)

    def lookups(self, request, model_admin):
        return [
            (str(edition.pk), f"{edition.name}{' (current)' if edition.is_current else ''}")
            for edition in editions(request)
        ]

    def value(self):
        return str(self.shown.pk) if self.shown else super().value()

    def has_output(self):
        return True

    def queryset(self, request, queryset):
        if self.shown is None:
            chosen = request.GET.get(self.parameter_name)
            return queryset.none() if chosen else queryset
        return queryset.filter(**{self.edition_field: self.shown})


class EditionChoicesFilter(admin.SimpleListFilter):
    """A filter on a relation to the edition's own rows (topics, sessions, rooms): only the
    edition shown is offered, so three editions' "Main stage" are not listed side by side."""

    field = ""  # the relation on the listed model, e.g. "topic" or "proposal__topic"
    related_edition_field = "event"  # from the related row to its edition

    def __init__(self, request, params, model, model_admin):
        self.parameter_name = f"{self.field}__id__exact"
        self.related = self.related_model(model)
        self.shown = edition_shown(request, getattr(model_admin, "edition_field", "event"))
        super().__init__(request, params, model, model_admin)

    def related_model(self, model):
        for name in self.field.split("__"):
            model = model._meta.get_field(name).related_model
        return model

    def lookups(self, request, model_admin):
        rows = self.related.objects.filter(**{self.related_edition_field: self.shown})
        return [(str(row.pk), str(row)) for row in rows]

    def queryset(self, request, queryset):
        if self.value():
            if not self.value().isdigit():
                raise IncorrectLookupParameters(f"No {self.title} {self.value()!r}.")
            return queryset.filter(**{f"{self.field}__id": self.value()})
        return queryset


def edition_choices_filter(field, title):
    """A filter class on `field` (a relation to rows of an edition) titled `title`."""
    return type(
        f"{field.title().replace('_', '')}EditionFilter",
        (EditionChoicesFilter,),
        {"field": field, "title": title},
    )


def belongs_to_an_edition(model):
    try:
        field = model._meta.get_field("event")
    except FieldDoesNotExist:
        return False
    return getattr(field, "related_model", None) is Event


class OneEditionChoicesAdmin:
    """Every menu of a form (topics, sessions, rooms, breakouts, speakers) holds the rows of
    the object's own edition: a new object's is the one chosen in the form, or the current.
    Mix in before admin.ModelAdmin, after PastEditionsReadOnlyAdmin (for `edition_of`)."""

    def get_form(self, request, obj=None, **kwargs):
        request._desk_form_edition = self.form_edition(request, obj)
        return super().get_form(request, obj, **kwargs)

    def form_edition(self, request, obj):
        if obj is not None and self.edition_field:
            return self.edition_of(obj)
        chosen = request.POST.get("event") or request.GET.get("event") or ""
        for edition in editions(request):
            if (str(edition.pk) == chosen) if chosen.isdigit() else edition.is_current:
                return edition
        return None

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        return super().formfield_for_foreignkey(
            db_field, request, **self.edition_rows(db_field, request, kwargs)
        )

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        return super().formfield_for_manytomany(
            db_field, request, **self.edition_rows(db_field, request, kwargs)
        )

    def edition_rows(self, db_field, request, kwargs):
        edition = getattr(request, "_desk_form_edition", None)
        related = db_field.related_model
        if edition is None or "queryset" in kwargs or not belongs_to_an_edition(related):
            return kwargs
        return {**kwargs, "queryset": related._default_manager.filter(event=edition)}
