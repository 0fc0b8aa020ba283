"""Charts drawn on the server as SVG: no script, no CDN, readable by a screen reader.

Each chart has a <title> and a <desc> that says in words what it shows, and its numbers
in a table under a <details>, so nothing is only in the picture. Colours come from
classes (static/admin_desk/desk.css), never from inline styles.
"""

from itertools import count

from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

_ids = count(1)


def _n(number):
    """A coordinate, to a tenth of a pixel."""
    return f"{number:.1f}"


def _frame(title, description, width, height, body, table):
    number = next(_ids)
    return format_html(
        '<figure class="chart-figure">'
        '<svg class="chart" viewBox="0 0 {} {}" role="img" '
        'aria-labelledby="chart-{}-title chart-{}-desc" xmlns="http://www.w3.org/2000/svg">'
        '<title id="chart-{}-title">{}</title><desc id="chart-{}-desc">{}</desc>{}</svg>'
        '<details class="chart-data"><summary>The numbers</summary>{}</details>'
        "</figure>",
        width,
        height,
        number,
        number,
        number,
        title,
        number,
        description,
        body,
        table,
    )


def _table(headers, rows):
    head = format_html_join("", '<th scope="col">{}</th>', ((h,) for h in headers))
    body = format_html_join(
        "",
        '<tr><th scope="row">{}</th>{}</tr>',
        (
            (label, format_html_join("", '<td class="number">{}</td>', ((v,) for v in values)))
            for label, *values in rows
        ),
    )
    return format_html("<table><thead><tr>{}</tr></thead><tbody>{}</tbody></table>", head, body)


def column_chart(*, title, description, columns, unit, mark=None):
    """Vertical bars, one per (label, value), e.g. submissions per day; `mark` is the label of
    a column to flag (the deadline)."""
    width, height, left, bottom, top = 720, 220, 36, 34, 12
    inner_width, inner_height = width - left - 8, height - bottom - top
    peak = max((value for _label, value in columns), default=0) or 1
    step = inner_width / max(len(columns), 1)
    every = max(1, round(len(columns) / 8))  # about eight dates under the axis
    parts = [
        format_html(
            '<line class="axis" x1="{}" y1="{}" x2="{}" y2="{}"/>',
            left,
            top + inner_height,
            width - 8,
            top + inner_height,
        ),
        format_html('<text x="{}" y="{}" text-anchor="end">{}</text>', left - 6, top + 10, peak),
        format_html('<text x="{}" y="{}" text-anchor="end">0</text>', left - 6, top + inner_height),
    ]
    for index, (label, value) in enumerate(columns):
        bar_height = inner_height * value / peak
        x = left + index * step
        parts.append(
            format_html(
                '<rect class="bar" x="{}" y="{}" width="{}" height="{}">'
                "<title>{}: {} {}</title></rect>",
                _n(x + step * 0.1),
                _n(top + inner_height - bar_height),
                _n(step * 0.8),
                _n(bar_height),
                label,
                value,
                unit,
            )
        )
        if label == mark:
            parts.append(
                format_html(
                    '<line class="deadline" x1="{}" y1="{}" x2="{}" y2="{}"/>',
                    _n(x + step),
                    top,
                    _n(x + step),
                    top + inner_height,
                )
            )
        if index % every == 0 or index == len(columns) - 1:
            parts.append(
                format_html(
                    '<text x="{}" y="{}" text-anchor="middle">{}</text>',
                    _n(x + step / 2),
                    height - 12,
                    label,
                )
            )
    table = _table(["Day", unit.capitalize()], columns)
    return _frame(title, description, width, height, mark_safe("".join(parts)), table)


def stacked_bars(*, title, description, rows, segments):
    """One horizontal bar per row, split into segments: `rows` are (label, {key: value}),
    `segments` the (key, label) pairs in order; each segment's class is seg-<key>."""
    width, label_width, bar_height, gap = 720, 170, 22, 12
    height = len(rows) * (bar_height + gap) + gap
    inner = width - label_width - 60
    peak = max((sum(values.values()) for _label, values in rows), default=0) or 1
    parts = []
    for index, (label, values) in enumerate(rows):
        y = gap + index * (bar_height + gap)
        parts.append(
            format_html(
                '<text x="{}" y="{}" text-anchor="end">{}</text>',
                label_width - 8,
                _n(y + bar_height * 0.7),
                label,
            )
        )
        x = label_width
        for key, segment_label in segments:
            value = values.get(key, 0)
            if not value:
                continue
            length = inner * value / peak
            parts.append(
                format_html(
                    '<rect class="seg-{}" x="{}" y="{}" width="{}" height="{}">'
                    "<title>{}: {} {}</title></rect>",
                    key,
                    _n(x),
                    y,
                    _n(length),
                    bar_height,
                    label,
                    value,
                    segment_label.lower(),
                )
            )
            x += length
        parts.append(
            format_html(
                '<text x="{}" y="{}">{}</text>',
                _n(x + 6),
                _n(y + bar_height * 0.7),
                sum(values.values()),
            )
        )
    legend = format_html_join(
        "",
        '<li><span class="swatch swatch-{}" aria-hidden="true"></span>{}</li>',
        segments,
    )
    table = _table(
        ["", *(segment_label for _key, segment_label in segments)],
        [(label, *(values.get(key, 0) for key, _l in segments)) for label, values in rows],
    )
    figure = _frame(title, description, width, height, mark_safe("".join(parts)), table)
    return format_html('{}<ul class="chart-legend">{}</ul>', figure, legend)
