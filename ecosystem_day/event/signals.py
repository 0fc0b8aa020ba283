"""What the event's admin site asks the apps above it. It never knows who answers.

desk_work: sent while the admin index is built, with `request` and `event` (the current
    one). Each receiver returns a list of `WorkItem`s the user may act on: the index shows
    them first, in the order the apps answer.

dashboard_parts: sent while the organizers' dashboard is built, with `request` and
    `event`. Each receiver returns a `DashboardPart`: rows for the table of proposals by
    kind and status, and HTML sections (charts and tables) shown below it.

home_sections: sent while the home page is built, with `request`, `event` (the current
    one), `stage` (one of STAGES) and `now`. Each receiver returns a `HomeSection` (or a
    list of them, or None); the page shows them by `order`, smallest first, and is cached
    until the earliest `changes_at` among them.
"""

from dataclasses import dataclass, field

from django.dispatch import Signal

desk_work = Signal()
dashboard_parts = Signal()
home_sections = Signal()

# The event's stages, as the home page tells them apart.
CALL_OPEN, BEFORE_THE_DAY, ON_THE_DAY, AFTER_THE_DAY = "call", "before", "during", "after"
STAGES = (CALL_OPEN, BEFORE_THE_DAY, ON_THE_DAY, AFTER_THE_DAY)


@dataclass(frozen=True)
class WorkItem:
    label: str
    count: int
    url: str
    hint: str = ""


@dataclass
class DashboardPart:
    proposal_rows: list = field(default_factory=list)  # ProposalRow
    sections: list = field(default_factory=list)  # HTML, each a <section>


@dataclass(frozen=True)
class HomeSection:
    html: str  # a <section>
    order: int = 50  # what is on now and recordings come first (10), the programme at 30
    changes_at: object = None  # a datetime at which the section would read differently


@dataclass(frozen=True)
class ProposalRow:
    kind: str  # "Posters"
    statuses: list  # (value, label, count) for every status, in the app's order
    url: str

    @property
    def counts(self):
        return {value: count for value, _label, count in self.statuses}


def collect_home_sections(**kwargs):
    """The sections apps add to the home page, by order (ties keep the apps' order)."""
    sections = []
    for answer in collect(home_sections, **kwargs):
        sections += answer if isinstance(answer, list | tuple) else [answer]
    return sorted(sections, key=lambda section: section.order)


def collect(signal, **kwargs):
    """The receivers' answers, in the order they answer, None answers dropped."""
    return [answer for _receiver, answer in signal.send(sender=None, **kwargs) if answer]
