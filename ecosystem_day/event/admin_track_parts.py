"""What the apps above keep for each session of the day (the breakouts' window), edited inline
on the session's admin page. Each app registers its inline here from its admin module; the
session's admin shows whatever is registered, in the apps' order, and names none."""

_inlines = []


def register_track_inline(inline):
    """Show `inline` on every session of the day's admin page."""
    if inline not in _inlines:
        _inlines.append(inline)


def track_inlines():
    return list(_inlines)
