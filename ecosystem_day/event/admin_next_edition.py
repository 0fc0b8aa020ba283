"""The form that starts the next edition: its name, address and day, then what is worded for
one year (the edition's texts and every link the apps carry over, such as each room's), each
prefilled with the previous edition's and flagged while it is still the same. A link still
the previous edition's is refused unless the organizer confirms it stays."""

import re

from django import forms
from django.utils.text import slugify

from . import frozen
from .editions import EDITION_TEXTS, NextEdition, links_carried_over
from .models import Event

TEXT_WIDGETS = {
    "tagline": forms.TextInput(attrs={"size": 80}),
    "description": forms.Textarea(attrs={"rows": 4, "cols": 80}),
}


def text_field_name(name):
    return f"text_{name}"


def link_field_name(key):
    return f"link_{key}"


class NextEditionForm(forms.Form):
    name = forms.CharField(max_length=200)
    slug = forms.SlugField(help_text="The new edition's address, and its past pages' later on.")
    date = forms.DateField(
        help_text="The new day. Deadlines and the sessions' times move by as many days.",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    keep_links = forms.BooleanField(
        required=False,
        label="Keep the links that are unchanged",
        help_text="Tick only if the rooms really stay at the previous edition's addresses.",
    )

    def __init__(self, *args, previous, **kwargs):
        super().__init__(*args, initial=self.after(previous), **kwargs)
        self.previous = previous
        self.zone = previous.tz
        self.links = links_carried_over(previous)
        for name in EDITION_TEXTS:
            model_field = Event._meta.get_field(name)
            self.fields[text_field_name(name)] = forms.CharField(
                label=model_field.verbose_name.capitalize(),
                required=False,
                max_length=model_field.max_length,
                widget=TEXT_WIDGETS[name],
                initial=getattr(previous, name),
            )
        for link in self.links:
            self.fields[link_field_name(link.key)] = forms.URLField(
                label=link.label, max_length=500, initial=link.url, assume_scheme="https"
            )
        self.order_fields(
            ["name", "slug", "date"]
            + [text_field_name(name) for name in EDITION_TEXTS]
            + [link_field_name(link.key) for link in self.links]
            + ["keep_links"]
        )

    def clean_date(self):
        """A day that is over would make the new edition a past one: read-only at birth."""
        day = self.cleaned_data["date"]
        if frozen.day_is_over(day, self.zone):
            raise forms.ValidationError(
                f"{day:%B} {day.day}, {day.year} is over: an edition on that day would be a "
                "past edition, read-only from the start. Choose a day ahead."
            )
        return day

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("keep_links"):
            unchanged = [
                link.label.removesuffix(": join link")
                for link in self.links
                if cleaned.get(link_field_name(link.key)) == link.url
            ]
            if unchanged:
                raise forms.ValidationError(
                    f"Still the links of “{self.previous.name}”: {', '.join(unchanged)}. Give "
                    "the new edition's links, or tick “Keep the links that are unchanged”."
                )
        return cleaned

    def next_edition(self):
        data = self.cleaned_data
        return NextEdition(
            name=data["name"],
            slug=data["slug"],
            date=data["date"],
            texts={name: data[text_field_name(name)] for name in EDITION_TEXTS},
            links={link.key: data[link_field_name(link.key)] for link in self.links},
        )

    def sections(self):
        """The fields in three groups, each field with `unchanged` (still the previous
        edition's value as shown), for the page to flag."""
        texts = [text_field_name(name) for name in EDITION_TEXTS]
        links = [link_field_name(link.key) for link in self.links]
        previous = {
            **{text_field_name(name): getattr(self.previous, name) for name in EDITION_TEXTS},
            **{link_field_name(link.key): link.url for link in self.links},
        }

        def rows(names):
            found = []
            for name in names:
                unchanged = name in previous and self._shown(name) == previous[name]
                if unchanged:  # the flag describes its field to a screen reader
                    described = [f"{self[name].auto_id}_unchanged"]
                    if self.fields[name].help_text:
                        described.append(f"{self[name].auto_id}_helptext")
                    self.fields[name].widget.attrs["aria-describedby"] = " ".join(described)
                found.append((self[name], unchanged))
            return found

        return [
            ("The new edition", "", rows(["name", "slug", "date"])),
            (
                "Texts",
                "What the home page and the call say. Words for one year (“Our first…”, a "
                "year, a date) need the new edition's.",
                rows(texts),
            ),
            (
                "Room links",
                "Each room's join link. Last year's meeting rooms are usually gone: give "
                "the new ones.",
                rows([*links, "keep_links"]) if links else [],
            ),
        ]

    def _shown(self, name):
        value = self[name].value()
        return (value or "").replace("\r\n", "\n").strip() if isinstance(value, str) else value

    @staticmethod
    def after(previous):
        """Next year's edition, as a suggestion: the year in the name and address moves on."""

        def next_year(text):
            return re.sub(r"(19|20)\d\d", lambda m: str(int(m.group()) + 1), text)

        try:
            date = previous.date.replace(year=previous.date.year + 1)
        except ValueError:  # February 29
            date = previous.date.replace(year=previous.date.year + 1, day=28)
        name = next_year(previous.name)
        return {"name": name, "slug": slugify(next_year(previous.slug)), "date": date}
