"""The public poster catalogue format, as pytorch.org publishes its events' posters.

A list of entries, each with `title`, `description`, `authors` (a list of names),
`categories` (a list of topic names, the first one the poster's topic), `link` (may be
empty or null), `section` (the board code, like A4) and, optionally, `poster_link` and
`thumbnail_link`. YAML as published, JSON of the same shape, or CSV with the same columns,
where `authors` and `categories` hold their items separated by semicolons.

This module reads and writes whole files; posters/catalogue_entry.py checks each entry and
posters/importing.py saves.
"""

import csv
import io
import json
import re
from dataclasses import dataclass

import yaml

from .catalogue_entry import kind_of

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
FORMATS = {".yaml": "yaml", ".yml": "yaml", ".json": "json", ".csv": "csv"}
# Spreadsheets run a cell that starts with one of these as a formula: exports quote it.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
JSON_SPACE = re.compile(r"[ \t\n\r]*")


class CatalogueFileError(Exception):
    """The file as a whole cannot be read: nothing is imported."""


@dataclass(frozen=True)
class RawEntry:
    position: int  # 1 for the first entry of the file
    line: int  # where it starts in the file
    data: object


def format_of(path):
    """ "yaml", "json" or "csv", from the file's extension."""
    suffix = re.search(r"\.[^.]*$", str(path).lower())
    kind = FORMATS.get(suffix.group(0) if suffix else "")
    if kind is None:
        raise CatalogueFileError(
            f"{path}: name the file .yaml, .yml, .json or .csv, so the import knows its format."
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
    parse = {"yaml": parse_yaml, "json": parse_json, "csv": parse_csv}[kind]
    return parse(text, path)


def _line_and_column(text, position):
    line = text.count("\n", 0, position) + 1
    return line, position - (text.rfind("\n", 0, position) + 1) + 1


def _not_a_list(name, data, hint):
    if data is None or data == []:
        return CatalogueFileError(f"{name}: holds no entries.")
    return CatalogueFileError(
        f"{name}: must hold a list of entries ({hint}); it holds {kind_of(data)}."
    )


def parse_yaml(text, name="the file"):
    """What yaml.safe_load reads (only plain data, never objects), with each entry's line.
    libyaml reads it (ten times faster than the pure-Python reader, and bounded in depth)."""
    loader = yaml.CSafeLoader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.reader.ReaderError as error:
        line, column = _line_and_column(text, error.position)
        raise CatalogueFileError(
            f"{name}: is not valid YAML: it holds a control character (U+{error.character:04X}) "
            f"at line {line}, column {column}, which YAML does not allow; remove it."
        ) from error
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" (line {mark.line + 1}, column {mark.column + 1})" if mark else ""
        problem = getattr(error, "problem", None) or str(error)
        raise CatalogueFileError(f"{name}: is not valid YAML: {problem}{where}.") from error
    except RecursionError as error:
        raise CatalogueFileError(f"{name}: nests lists or mappings too deep.") from error
    finally:
        loader.dispose()
    if not isinstance(data, list) or not data:
        raise _not_a_list(name, data, "each starting with “- title:”")
    return [
        RawEntry(position, item_node.start_mark.line + 1, item)
        for position, (item_node, item) in enumerate(zip(node.value, data, strict=True), 1)
    ]


def parse_json(text, name="the file"):
    """The entries of a JSON list, each decoded on its own to know the line it starts on."""
    decoder = json.JSONDecoder()
    entries, line, counted = [], 1, 0
    try:
        position = JSON_SPACE.match(text).end()
        if not text.startswith("[", position):
            raise _not_a_list(name, json.loads(text) if text.strip() else None, "[{…}, …]")
        position = JSON_SPACE.match(text, position + 1).end()
        while not (text.startswith("]", position) and not entries):
            line += text.count("\n", counted, position)
            counted = position
            item, position = decoder.raw_decode(text, position)
            entries.append(RawEntry(len(entries) + 1, line, item))
            position = JSON_SPACE.match(text, position).end()
            if text.startswith("]", position):
                break
            if not text.startswith(",", position):
                raise json.JSONDecodeError("Expecting ',' or ']'", text, position)
            position = JSON_SPACE.match(text, position + 1).end()
        position = JSON_SPACE.match(text, position + 1).end()
        if position < len(text):
            raise json.JSONDecodeError("Extra data after the list", text, position)
    except json.JSONDecodeError as error:
        raise CatalogueFileError(
            f"{name}: is not valid JSON: {error.msg} (line {error.lineno}, column {error.colno})."
        ) from error
    except RecursionError as error:
        raise CatalogueFileError(f"{name}: nests lists or mappings too deep.") from error
    if not entries:
        raise _not_a_list(name, None, "")
    return entries


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


def dump_json(entries):
    return json.dumps(list(entries), ensure_ascii=False, indent=2) + "\n"


def _to_csv_cell(value):
    if value is None:
        return ""
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
