"""The settings the apps above keep for each edition, in rows one-to-one with it (like pretalx's
CfP): the posters' call, the breakouts' deadline and length.

Each app registers its row's reverse accessor here, from its AppConfig.ready, so that the event
layer loads the rows with the edition (a page costs no query more for its deadlines) and asks
them when pages change by themselves, without naming the app. A registered row offers
`milestones()`: the moments at which pages about the edition read differently; a call whose
opening makes the home page's "call" stage also offers `is_open(at)`.
"""

_parts = []  # accessors on Event, in the apps' order
_leading = []  # the accessor of the call the home page leads with, once registered


def register_edition_part(accessor, *, leads_the_home_page=False):
    if accessor not in _parts:  # ready() may run again
        _parts.append(accessor)
    if leads_the_home_page and accessor not in _leading:
        _leading.append(accessor)


def edition_parts():
    """The accessors of every registered row, in the apps' order."""
    return tuple(_parts)


def rows_of(event):
    return [getattr(event, accessor) for accessor in _parts]


def leading_call_is_open(event, at):
    """Whether the call the home page leads with (the posters') is open at `at`."""
    return any(getattr(event, accessor).is_open(at) for accessor in _leading)
