"""The public poster catalogue format, as pytorch.org publishes its events' posters.

A list of entries, each with `title`, `description`, `authors` (a list of names),
`categories` (a list of topic names, the first one the poster's topic), `link` (may be
empty), `section` (the board code, like A4) and, optionally, `poster_link` and
`thumbnail_link`. YAML as published, or CSV with the same columns, where `authors` and
`categories` hold their items separated by semicolons.

This module only reads, checks and writes files: posters.importing.import_catalogue saves.
"""

import csv
import io
import re
from dataclasses import dataclass
from datetime import date

import yaml
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

from ecosystem_day.models import SUMMARY_LIMIT

from .models import (
    AUTHOR_NAME_MAX,
    AUTHORS_MAX,
    BOARD_CODE_HELP,
    BOARD_CODE_PATTERN,
    TITLE_MAX,
    normalise_board_code,
)

COLUMNS = (
    "title",
    "description",
    "authors",
    "categories",
    "link",
    "section",
    "poster_link",
    "thumbnail_link",
)
REQUIRED_COLUMNS = ("title", "description", "authors", "categories")
LIST_SEPARATOR = ";"
FORMATS = {".yaml": "yaml", ".yml": "yaml", ".csv": "csv"}
LINK_MAX = 500
TOPIC_NAME_MAX = 100
# Spreadsheets run a cell that starts with one of these as a formula: exports quote it.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class CatalogueFileError(Exception):
    """The file as a whole cannot be read: nothing is imported."""


class EntryRefused(Exception):
    """One entry cannot be imported, for the reason given; the others go on."""


@dataclass(frozen=True)
class RawEntry:
    position: int  # 1 for the first entry of the file
    line: int  # where it starts in the file
    data: object


@dataclass(frozen=True)
class Entry:
    position: int
    line: int
    title: str
    description: str
    authors: tuple
    categories: tuple
    link: str
    section: str
    poster_link: str
    thumbnail_link: str

    @property
    def label(self):
        return f"entry {self.position} (line {self.line})"


def format_of(path):
    """ "yaml" or "csv", from the file's extension."""
    suffix = re.search(r"\.[^.]*$", str(path).lower())
    kind = FORMATS.get(suffix.group(0) if suffix else "")
    if kind is None:
        raise CatalogueFileError(
            f"{path}: name the file .yaml, .yml or .csv, so the import knows its format."
        )
    return kind


def read_entries(path):
    """The raw entries of the file at `path`, in order."""
    kind = format_of(path)
    try:
        with open(path, "rb") as stream:
            content = stream.read()
    except OSError as error:
        raise CatalogueFileError(f"{path}: cannot be read ({error.strerror}).") from error
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise CatalogueFileError(
            f"{path}: is not UTF-8 text (byte {error.start + 1} is not); save it as UTF-8."
        ) from error
    return parse_yaml(text, path) if kind == "yaml" else parse_csv(text, path)


def parse_yaml(text, name="the file"):
    """What yaml.safe_load reads (only plain data, never objects), with each entry's line."""
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" (line {mark.line + 1}, column {mark.column + 1})" if mark else ""
        problem = getattr(error, "problem", None) or str(error)
        raise CatalogueFileError(f"{name}: is not valid YAML: {problem}{where}.") from error
    finally:
        loader.dispose()
    if data is None:
        raise CatalogueFileError(f"{name}: holds no entries.")
    if not isinstance(data, list):
        raise CatalogueFileError(
            f"{name}: must hold a list of entries (each starting with “- title:”); "
            f"it holds {kind_of(data)}."
        )
    return [
        RawEntry(position, item_node.start_mark.line + 1, item)
        for position, (item_node, item) in enumerate(zip(node.value, data, strict=True), 1)
    ]


def parse_csv(text, name="the file"):
    reader = csv.DictReader(io.StringIO(text, newline=""))
    columns = [column.strip() for column in reader.fieldnames or []]
    missing = [column for column in REQUIRED_COLUMNS if column not in columns]
    if missing:
        raise CatalogueFileError(
            f"{name}: the first row must name the columns; missing: {', '.join(missing)}."
        )
    reader.fieldnames = columns
    entries, line = [], 2
    try:
        for position, row in enumerate(reader, 1):
            extra = row.pop(None, None)
            data = {key: _from_csv_cell(key, value) for key, value in row.items()}
            if extra:
                data["(extra cells)"] = extra
            entries.append(RawEntry(position, line, data))
            line = reader.line_num + 1
    except csv.Error as error:
        raise CatalogueFileError(f"{name}: is not valid CSV near line {line}: {error}.") from error
    return entries


def _from_csv_cell(column, value):
    if value is None:
        return None
    if value[:2] in {f"'{start}" for start in FORMULA_START}:
        value = value[1:]  # quoted by our export against spreadsheet formulas
    if column in ("authors", "categories"):
        return [item for item in value.split(LIST_SEPARATOR)]
    return value


def kind_of(value):
    """How a person would name a YAML value's type, for error messages."""
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


def _text(data, field, *, required=False):
    value = data.get(field)
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise EntryRefused(
            f"{field} must be text, not {kind_of(value)} (put it in quotes in YAML)."
        )
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


def _link(data, field, schemes):
    link = _text(data, field).strip()
    if not link:
        return ""
    if len(link) > LINK_MAX:
        raise EntryRefused(f"{field} has {len(link)} characters; at most {LINK_MAX}.")
    try:
        URLValidator(schemes=schemes)(link)
    except ValidationError as error:
        allowed = " or ".join(f"{scheme}://" for scheme in schemes)
        raise EntryRefused(f"{field} “{link}” is not a web address starting {allowed}.") from error
    return link


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
    return Entry(
        position=raw.position,
        line=raw.line,
        title=title,
        description=description,
        authors=authors,
        categories=categories,
        link=_link(data, "link", ["http", "https"]),
        section=section,
        poster_link=_link(data, "poster_link", ["http", "https"]),
        thumbnail_link=_link(data, "thumbnail_link", ["https"]),
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
    categories = [poster.topic.name]
    categories += [topic.name for topic in sorted(poster.extra_topics.all(), key=_topic_order)]
    return _entry(poster, categories)


def _topic_order(topic):
    return (topic.position, topic.name)


def _entry(poster, categories):
    """A poster as a catalogue entry (a dict in COLUMNS order; optional links only if set)."""
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


class _CatalogueDumper(yaml.SafeDumper):
    """Multi-line descriptions as readable `|` blocks, as the published files have them."""


def _represent_text(dumper, value):
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_CatalogueDumper.add_representer(str, _represent_text)


def dump_yaml(entries):
    return yaml.dump(
        list(entries),
        Dumper=_CatalogueDumper,
        allow_unicode=True,
        sort_keys=False,
        width=100,
        default_flow_style=False,
    )


def _to_csv_cell(value):
    if isinstance(value, list):
        value = f"{LIST_SEPARATOR} ".join(value)
    if value.startswith(FORMULA_START):
        value = "'" + value  # a spreadsheet shows it as text instead of running it
    return value


def write_csv(entries, stream):
    writer = csv.DictWriter(stream, fieldnames=COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for entry in entries:
        writer.writerow({column: _to_csv_cell(entry.get(column, "")) for column in COLUMNS})
