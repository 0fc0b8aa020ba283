"""Reading Django admin pages as the organizers see them: changelist columns, rows, messages."""

import html
import re


def _text(fragment):
    """An HTML fragment's text, tags dropped, entities decoded, whitespace collapsed."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def column_headers(response):
    """The column titles of the changelist table, as the organizer reads them."""
    thead = re.search(r"<thead>(.*?)</thead>", response.content.decode(), re.S).group(1)
    headers = [_text(cell) for cell in re.findall(r'<div class="text">(.*?)</div>', thead, re.S)]
    return [header for header in headers if header]


def rows(response):
    """Each row of the changelist table as {column field name: text shown}."""
    tbody = re.search(r"<tbody>(.*?)</tbody>", response.content.decode(), re.S).group(1)
    return [
        {
            name: _text(cell)
            for _tag, name, cell in re.findall(
                r'<(td|th) class="field-(\w+)[^"]*"[^>]*>(.*?)</\1>', row, re.S
            )
        }
        for row in re.findall(r"<tr[^>]*>(.*?)</tr>", tbody, re.S)
    ]


def titles_listed(response):
    """The titles in the changelist, top to bottom."""
    return [row["title"] for row in rows(response)]


def messages_shown(response):
    """The messages on the page, as (level, text) pairs."""
    return [(message.level, message.message) for message in response.context["messages"]]
