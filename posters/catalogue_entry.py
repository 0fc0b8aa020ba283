"""One catalogue entry: checked as the import saves it, or written from a poster for export.

posters/catalogue_file.py reads and writes whole files (YAML, JSON, CSV); this module
decides, for each entry, what is kept, what is read another way (a bare domain as
https://) and what refuses the entry, so the file's other entries go on.
"""

import re
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

from ecosystem_day.infra.text import UNCARRIED

from .call import SUMMARY_LIMIT
from .models import (
    AUTHOR_NAME_MAX,
    AUTHORS_MAX,
    BOARD_CODE_HELP,
    BOARD_CODE_PATTERN,
    TITLE_MAX,
    normalise_board_code,
)

LINK_MAX = 500
TOPIC_NAME_MAX = 100
# A link that starts like a domain name (www.amd.com/rocm, openmmlab.com) but names no scheme.
BARE_DOMAIN = re.compile(r"[\w-]+(\.[\w-]+)+([:/?#]|$)")
WEB = ["http", "https"]
LINKS = (("link", WEB), ("poster_link", WEB), ("thumbnail_link", ["https"]))


class EntryRefused(Exception):
    """One entry cannot be imported, for the reason given; the others go on."""


@dataclass(frozen=True)
class Entry:
    position: int
    line: int
    title: str
    description: str
    authors: tuple
    categories: tuple
    link: str | None  # None when the file says null (exported as null again)
    section: str
    poster_link: str
    thumbnail_link: str
    notes: tuple = ()  # what the import read another way than written, for the report

    @property
    def label(self):
        return f"entry {self.position} (line {self.line})"


def kind_of(value):
    """How a person would name a YAML or JSON value's type, for error messages."""
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, date):
        return "a date"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return "text"


def one_line(value):
    return " ".join(value.split())


def _check_characters(value, what):
    control = UNCARRIED.search(value)
    if control:
        raise EntryRefused(
            f"{what} holds a control character (U+{ord(control[0]):04X}) at character "
            f"{control.start() + 1}: remove it from the file and import the entry again."
        )


def _text(data, field, *, required=False):
    value = data.get(field)
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise EntryRefused(
            f"{field} must be text, not {kind_of(value)} (put it in quotes in YAML)."
        )
    _check_characters(value, field)
    if required and not value.strip():
        raise EntryRefused(f"{field} is empty.")
    return value


def _names(data, field, *, limit, longest, what):
    value = data.get(field)
    if value is None:
        value = []
    if not isinstance(value, list):
        raise EntryRefused(f"{field} must be a list of {what}s, not {kind_of(value)}.")
    names, seen = [], set()
    for number, name in enumerate(value, 1):
        if name is None:
            continue
        if not isinstance(name, str):
            raise EntryRefused(f"{what} {number} in {field} must be text, not {kind_of(name)}.")
        _check_characters(name, f"{what} {number} in {field}")
        name = one_line(name)
        if name and name.casefold() not in seen:
            seen.add(name.casefold())
            names.append(name)
    if not names:
        raise EntryRefused(f"{field} names no {what}.")
    if limit and len(names) > limit:
        raise EntryRefused(f"{field} names {len(names)} {what}s; at most {limit}.")
    for name in names:
        if len(name) > longest:
            raise EntryRefused(
                f"the {what} “{name[:40]}…” has {len(name)} characters; at most {longest}."
            )
    return tuple(names)


VALIDATORS = {tuple(schemes): URLValidator(schemes=schemes) for _, schemes in LINKS}


def _is_web_address(link, schemes):
    try:
        VALIDATORS[tuple(schemes)](link)
    except ValidationError:
        return False
    return True


def _link(data, field, schemes, notes):
    """The link as saved; a bare domain is read as https://, and a link that is still not a
    web address is dropped (the poster is kept), each with a note for the report."""
    link = _text(data, field).strip()
    if not link:
        return None if data.get(field) is None and field == "link" else ""
    dropped = "dropped; the poster is imported without it."
    if len(link) > LINK_MAX:
        notes.append(f"{field} has {len(link)} characters, at most {LINK_MAX}: {dropped}")
        return ""
    if _is_web_address(link, schemes):
        return link
    if "://" not in link and BARE_DOMAIN.match(link) and _is_web_address(f"https://{link}", WEB):
        notes.append(f"{field} “{link}” has no scheme: read as https://{link}.")
        return f"https://{link}"
    allowed = " or ".join(f"{scheme}://" for scheme in schemes)
    notes.append(f"{field} “{link}” is not a web address starting {allowed}: {dropped}")
    return ""


def clean_description(text):
    """Paragraphs kept, line ends unified, trailing spaces and outer blank lines dropped."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "\n".join(line.rstrip() for line in lines).strip()


def clean_entry(raw):
    """The entry as the import saves it, or EntryRefused with the first reason it cannot."""
    data = raw.data
    if not isinstance(data, dict):
        raise EntryRefused(
            f"is {kind_of(data)}, not an entry with title, description, authors and categories."
        )
    if "(extra cells)" in data:
        raise EntryRefused("has more cells than the first row has columns.")
    title = one_line(_text(data, "title", required=True))
    if len(title) > TITLE_MAX:
        raise EntryRefused(f"title has {len(title)} characters; at most {TITLE_MAX}.")
    description = clean_description(_text(data, "description", required=True))
    if len(description) > SUMMARY_LIMIT:
        raise EntryRefused(
            f"description has {len(description):,} characters; at most {SUMMARY_LIMIT:,}."
        )
    authors = _names(data, "authors", limit=AUTHORS_MAX, longest=AUTHOR_NAME_MAX, what="name")
    categories = _names(data, "categories", limit=None, longest=TOPIC_NAME_MAX, what="topic")
    section = normalise_board_code(_text(data, "section"))
    if section and not re.fullmatch(BOARD_CODE_PATTERN, section):
        raise EntryRefused(f"section “{section}” is not a board code. {BOARD_CODE_HELP}")
    notes = []
    links = {field: _link(data, field, schemes, notes) for field, schemes in LINKS}
    return Entry(
        position=raw.position,
        line=raw.line,
        title=title,
        description=description,
        authors=authors,
        categories=categories,
        section=section,
        notes=tuple(notes),
        **links,
    )


def board_order(code):
    """Board codes in the order people walk the rows: A2 before A10, codeless posters last."""
    match = re.fullmatch(r"([A-Z]+)(\d+)", code or "")
    return (0, len(match[1]), match[1], int(match[2])) if match else (1, 0, "", 0)


def entries_of(posters):
    """`posters` (with topic and extra_topics loaded) as entries, in board order then title."""
    ordered = sorted(posters, key=lambda p: (board_order(p.board_code), p.title.casefold(), p.pk))
    return [entry_of(poster) for poster in ordered]


def entry_of(poster):
    """A poster as a catalogue entry (a dict in the columns' order; optional links only if
    set; a link the catalogue gave as null stays null)."""
    categories = [poster.topic.name]
    extra = sorted(poster.extra_topics.all(), key=lambda topic: (topic.position, topic.name))
    categories += [topic.name for topic in extra]
    entry = {
        "title": poster.title,
        "description": poster.summary,
        "authors": poster.author_list,
        "categories": categories,
        "link": poster.link,
        "section": poster.board_code,
    }
    for optional in ("poster_link", "thumbnail_link"):
        if getattr(poster, optional):
            entry[optional] = getattr(poster, optional)
    return entry
